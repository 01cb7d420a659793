"""Communities: the named unit every event, group and identity belongs to; and finding a community's
groups by what people call them."""

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


def groups_named_txn(db: Database, community_id: int, text: str) -> list[int]:
    """The community's groups whose name, handle or id is `text`, oldest first."""
    rows = db.fetchall(
        "SELECT id FROM groups WHERE community_id = ? AND (name = ? OR handle = ? OR CAST(id AS TEXT) = ?) "
        "ORDER BY id",
        (community_id, text, text, text),
    )
    return [int(row[0]) for row in rows]
