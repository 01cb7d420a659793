"""Communities: the named unit every event, group and identity belongs to."""

from __future__ import annotations

from .database import Database, StoreError


def community_names(db: Database) -> list[str]:
    return [row[0] for row in db.fetchall("SELECT name FROM communities ORDER BY name")]


def community_row(db: Database, name: str) -> tuple[int, str, str] | None:
    row = db.fetchone("SELECT id, name, timezone FROM communities WHERE name = ?", (name,))
    return None if row is None else (int(row[0]), row[1], row[2])


def insert_community(db: Database, name: str, timezone: str) -> None:
    with db.transaction():
        if community_row(db, name) is not None:
            raise StoreError(f"community {name!r} already exists")
        db.execute("INSERT INTO communities (name, timezone) VALUES (?, ?)", (name, timezone))


def set_community_timezone(db: Database, name: str, timezone: str) -> None:
    with db.transaction():
        db.execute("UPDATE communities SET timezone = ? WHERE name = ?", (timezone, name))
