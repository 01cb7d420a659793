"""Users and the groups a group owner owns."""

from __future__ import annotations

from typing import Any

from .database import Database

UserRow = tuple[int, str, str, str]  # id, name, role, password hash


def insert_user_txn(db: Database, name: str, role: str, password_hash: str, now_us: int) -> int:
    db.execute(
        "INSERT INTO users (name, role, password_hash, created_us) VALUES (?, ?, ?, ?)",
        (name, role, password_hash, now_us),
    )
    return int(db.scalar("SELECT id FROM users WHERE name = ?", (name,)))


def user_by_name(db: Database, name: str) -> UserRow | None:
    row = db.fetchone("SELECT id, name, role, password_hash FROM users WHERE name = ?", (name,))
    return None if row is None else (int(row[0]), row[1], row[2], row[3])


def user_by_id(db: Database, user_id: int) -> UserRow | None:
    row = db.fetchone("SELECT id, name, role, password_hash FROM users WHERE id = ?", (user_id,))
    return None if row is None else (int(row[0]), row[1], row[2], row[3])


def set_password_txn(db: Database, user_id: int, password_hash: str) -> None:
    db.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))


def any_user(db: Database) -> bool:
    return db.fetchone("SELECT 1 FROM users LIMIT 1") is not None


def users_with_groups(db: Database) -> list[tuple[str, str, str | None]]:
    """(name, role, group name or None) per user and owned group, by user name."""
    rows: list[Any] = db.fetchall(
        "SELECT u.name, u.role, COALESCE(g.name, g.handle) FROM users u "
        "LEFT JOIN user_groups ug ON ug.user_id = u.id LEFT JOIN groups g ON g.id = ug.group_id "
        "ORDER BY u.name, g.id"
    )
    return [(row[0], row[1], row[2]) for row in rows]


def own_groups_txn(db: Database, user_id: int, group_ids: list[int]) -> None:
    for group_id in group_ids:
        db.execute(
            "INSERT INTO user_groups (user_id, group_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (user_id, group_id),
        )


def owned_group_ids(db: Database, user_id: int) -> frozenset[int]:
    rows = db.fetchall("SELECT group_id FROM user_groups WHERE user_id = ?", (user_id,))
    return frozenset(int(row[0]) for row in rows)
