"""Versioned migrations: numbered SQL files, applied in order, each in its own transaction."""

from __future__ import annotations

from pathlib import Path

from .database import Database, StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def known_migrations() -> list[tuple[int, Path]]:
    return sorted((int(path.name.split("_", 1)[0]), path) for path in MIGRATIONS.glob("*.sql"))


def latest_version() -> int:
    return known_migrations()[-1][0]


def migrate(db: Database) -> int:
    """Bring the database to the latest schema; returns the version it had before (0 when new).

    Safe when several processes open a new database at once (the dashboard and the CLI): each
    migration is applied under the write lock, after checking again that nobody applied it first.
    """
    current = schema_version(db)
    applied = _applied_versions(db) if current else set()
    for version, path in known_migrations():
        if version not in applied:
            _apply(db, version, path)
    return current


def schema_version(db: Database) -> int:
    """The stored schema version, refusing databases that are not shequn's or are newer than us."""
    tables = db.table_names()
    if "schema_version" not in tables:
        if tables:
            raise StoreError(f"{db.url} is not a shequn database (it has other tables and no shequn schema)")
        return 0
    version = int(db.scalar("SELECT MAX(version) FROM schema_version") or 0)
    if version > latest_version():
        raise StoreError(
            f"{db.url} has schema version {version}, newer than this shequn knows ({latest_version()}); "
            "upgrade shequn to open it"
        )
    return version


def _applied_versions(db: Database) -> set[int]:
    """Every version applied so far: a migration numbered below the latest one can still be new
    to a database, when it came from a branch that landed later."""
    return {int(row[0]) for row in db.fetchall("SELECT version FROM schema_version")}


def _apply(db: Database, version: int, path: Path) -> None:
    script = db.dialect.migration_sql(path.read_text(encoding="utf-8"))
    with db.transaction():
        db.dialect.lock_schema(db)
        if schema_version(db) and version in _applied_versions(db):
            return
        if version == 1:
            db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for statement in _statements(script):
            db.execute(statement)
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
