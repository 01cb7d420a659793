"""Sources: the files and connectors events came from, by name."""

from __future__ import annotations

from .database import Database


def source_id(db: Database, name: str) -> int:
    """The id of the named source, recorded on first use."""
    with db.transaction():
        db.execute("INSERT INTO sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
        return int(db.scalar("SELECT id FROM sources WHERE name = ?", (name,)))


def source_names(db: Database, prefix: str) -> list[str]:
    """Names of recorded sources that start with `prefix`."""
    rows = db.fetchall(
        "SELECT name FROM sources WHERE substr(name, 1, ?) = ? ORDER BY name", (len(prefix), prefix)
    )
    return [row[0] for row in rows]
