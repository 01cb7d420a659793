"""Opening a shequn database, SQLite or PostgreSQL, behind one small interface.

Everything above the store speaks `?` placeholders and portable SQL; the dialect turns that into what
its driver wants. Connection problems surface as `StoreError` with one readable line.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .dialects import Dialect, PostgresDialect, SQLiteDialect


class StoreError(Exception):
    """A problem with the database that a user can act on; the message says which."""


class Database:
    def __init__(self, dialect: Dialect, connection: Any, url: str) -> None:
        self.dialect = dialect
        self.connection = connection
        self.url = url
        self._depth = 0

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One unit of work: everything inside commits together or not at all. Nested calls join the
        outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.connection.execute(self.dialect.begin_sql())
        self._depth = 1
        try:
            yield self
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")
        finally:
            self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(self.dialect.sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.connection.cursor().executemany(self.dialect.sql(sql), rows)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.execute(sql, params).fetchall())

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.fetchone(sql, params)
        return None if row is None else row[0]

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 2000) -> Iterator[Any]:
        """Rows of a large result, fetched a batch at a time instead of all at once."""
        cursor = self.dialect.streaming_cursor(self.connection)
        try:
            cursor.execute(self.dialect.sql(sql), params)
            while rows := cursor.fetchmany(batch):
                yield from rows
        finally:
            cursor.close()

    def table_names(self) -> set[str]:
        return {row[0] for row in self.fetchall(self.dialect.table_names_sql)}

    def close(self) -> None:
        self.connection.close()


DEFAULT_URL = "shequn.db"


def database_url(explicit: str | None) -> str:
    """The database to use: `--db`, else $SHEQUN_DB, else ./shequn.db."""
    return explicit or os.environ.get("SHEQUN_DB") or DEFAULT_URL


def connect(url: str, create: bool) -> Database:
    """Connect to a SQLite file path (or sqlite:///path) or a postgresql:// URL.

    With `create` False a missing SQLite file is an error instead of a new empty database.
    """
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        return Database(PostgresDialect(), _connect_postgres(url), url)
    if scheme not in ("", "sqlite"):
        raise StoreError(
            f"unsupported database URL {url!r}: expected a file path, sqlite:///PATH or postgresql://..."
        )
    path = Path(url[len("sqlite:///") :] if scheme else url)
    return Database(SQLiteDialect(), _connect_sqlite(path, create), url)


def _connect_sqlite(path: Path, create: bool) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a shequn database file")
    if not path.exists() and not create:
        raise StoreError(f"no shequn database at {path}; create one with `shequn init` or `shequn demo`")
    if not path.parent.exists():
        raise StoreError(f"cannot create {path}: folder {path.parent} does not exist")
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        SQLiteDialect.configure(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StoreError(f"{path} is not a shequn database ({error})") from None
    return connection


def _connect_postgres(url: str) -> Any:
    import psycopg

    try:
        psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise StoreError(f"malformed database URL {url!r}: {_first_line(error)}") from None
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise StoreError(f"cannot connect to PostgreSQL at {_redacted(url)}: {_first_line(error)}") from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _redacted(url: str) -> str:
    """The URL without a password, for error messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
