"""Where analytics keep their settings and results (migration 0002_analytics.sql)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .database import Database


def settings_document_txn(db: Database, community_id: int) -> str | None:
    row = db.fetchone("SELECT document FROM analytics_settings WHERE community_id = ?", (community_id,))
    return None if row is None else str(row[0])


def save_settings_document_txn(db: Database, community_id: int, document: str) -> None:
    with db.transaction():
        db.execute("DELETE FROM analytics_settings WHERE community_id = ?", (community_id,))
        db.execute(
            "INSERT INTO analytics_settings (community_id, document) VALUES (?, ?)", (community_id, document)
        )


def stored_results_txn(db: Database, community_id: int) -> tuple[int, str, str, str] | None:
    """(log id, log key, settings document, figures JSON) of the last computation, if any."""
    row = db.fetchone(
        "SELECT log_id, log_key, settings, figures FROM analytics_results WHERE community_id = ?",
        (community_id,),
    )
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]), str(row[3]))


def save_results_txn(
    db: Database, community_id: int, position: tuple[int, str], settings: str, figures: str,
    members: Sequence[tuple[Any, ...]],
) -> None:  # fmt: skip
    """Replace the community's results and member rows (member_id, stage, joined_us,
    last_message_us, messages, groups) in one transaction."""
    with db.transaction():
        db.execute("DELETE FROM analytics_results WHERE community_id = ?", (community_id,))
        db.execute("DELETE FROM analytics_members WHERE community_id = ?", (community_id,))
        db.execute(
            "INSERT INTO analytics_results (community_id, log_id, log_key, settings, figures) "
            "VALUES (?, ?, ?, ?, ?)",
            (community_id, position[0], position[1], settings, figures),
        )
        columns = ("community_id", "member_id", "stage", "joined_us", "last_message_us", "messages", "groups")
        for start in range(0, len(members), 50_000):
            rows = [(community_id, *row) for row in members[start : start + 50_000]]
            db.dialect.insert_ignoring(db, "analytics_members", columns, rows)


def member_rows_txn(
    db: Database, community_id: int, stage: str | None, group_id: int | None, limit: int | None
) -> list[tuple[Any, ...]]:
    """(member id, name, stage, group ids, joined_us, last_message_us, messages), by member id."""
    sql = (
        "SELECT m.member_id, i.name, m.stage, m.groups, m.joined_us, m.last_message_us, m.messages "
        "FROM analytics_members m LEFT JOIN identities i ON i.id = m.member_id WHERE m.community_id = ?"
    )
    params: list[Any] = [community_id]
    if stage is not None:
        sql += " AND m.stage = ?"
        params.append(stage)
    if group_id is not None:
        sql += " AND (',' || m.groups || ',') LIKE ?"
        params.append(f"%,{group_id},%")
    sql += " ORDER BY m.member_id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return db.fetchall(sql, params)


def group_names_txn(db: Database, community_id: int) -> dict[int, tuple[str, str]]:
    """group id -> (name, platform)."""
    rows = db.fetchall(
        "SELECT id, COALESCE(name, handle), platform FROM groups WHERE community_id = ?", (community_id,)
    )
    return {int(row[0]): (str(row[1]), str(row[2])) for row in rows}
