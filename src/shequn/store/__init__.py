"""The only code that knows SQL: schema, migrations, the event appender and the read queries."""

from __future__ import annotations

from .database import Database, StoreError, connect, database_url
from .schema import migrate


def open_store(url: str | None, create: bool = False) -> Database:
    """Connect and bring the schema up to date; errors leave the database as it was."""
    db = connect(database_url(url), create)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


__all__ = ["Database", "StoreError", "open_store"]
