"""What the interaction graph reads from the log, as NumPy columns, streamed a batch at a time.

Accounts are resolved to people through `identities.member_id`; only person accounts count (bots and
system accounts, a channel posting as itself, are never leaders). Reads of the whole community are
filtered by group only when asked.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .database import Database

Columns = tuple[np.ndarray, ...]

_REPLIES = """
SELECT e.group_id, a.member_id, t.member_id, e.time_us
FROM events e
JOIN identities a ON a.id = e.actor_id
JOIN identities t ON t.id = e.target_id
WHERE e.community_id = ? AND e.kind = 'message' AND e.target_id IS NOT NULL
  AND a.kind = 'person' AND t.kind = 'person' {group}
"""

_MENTIONS = """
SELECT e.group_id, a.member_id, m.member_id, e.time_us
FROM mentions x
JOIN events e ON e.community_id = x.community_id AND e.key = x.event_key
JOIN identities a ON a.id = e.actor_id
JOIN identities m ON m.id = x.identity_id
WHERE x.community_id = ? AND e.kind = 'message' AND a.kind = 'person' AND m.kind = 'person' {group}
"""

_INVITES = """
SELECT e.group_id, i.member_id, a.member_id, e.time_us
FROM events e
JOIN identities i ON i.id = e.inviter_id
JOIN identities a ON a.id = e.actor_id
WHERE e.community_id = ? AND e.kind = 'join' AND e.inviter_id IS NOT NULL
  AND i.kind = 'person' AND a.kind = 'person' {group}
"""

# Groups whose history records no reply at all: their format has none (WhatsApp, QQ, WeChat text),
# so the conversation heuristic stands in for them.
_REPLYLESS_GROUPS = """
SELECT group_id FROM events
WHERE community_id = ? AND kind = 'message' AND group_id IS NOT NULL {group}
GROUP BY group_id HAVING COUNT(reply_to) = 0
"""

_MESSAGES = """
SELECT e.group_id, a.member_id, e.time_us
FROM events e JOIN identities a ON a.id = e.actor_id
WHERE e.community_id = ? AND e.kind = 'message' AND e.group_id IN ({groups}) AND a.kind = 'person'
ORDER BY e.group_id, e.time_us, e.id
"""

_OWNERS = """
SELECT e.group_id, a.member_id, e.time_us
FROM events e JOIN identities a ON a.id = e.actor_id
WHERE e.community_id = ? AND e.kind = 'group_created' AND a.kind = 'person' {group}
ORDER BY e.group_id, e.time_us, e.id
"""


def _columns(db: Database, sql: str, params: tuple[Any, ...], width: int) -> Columns:
    """The rows of a query as `width` int64 columns, built a batch at a time."""
    chunks: list[np.ndarray] = []
    batch: list[Any] = []
    for row in db.stream(sql, params, batch=50_000):
        batch.append(row)
        if len(batch) == 200_000:
            chunks.append(np.array(batch, dtype=np.int64).reshape(-1, width))
            batch = []
    chunks.append(np.array(batch, dtype=np.int64).reshape(-1, width))
    table = np.concatenate(chunks)
    return tuple(np.ascontiguousarray(table[:, i]) for i in range(width))


def _scoped(
    sql: str, community_id: int, group_id: int | None, column: str = "e.group_id"
) -> tuple[str, tuple[Any, ...]]:
    if group_id is None:
        return sql.format(group=""), (community_id,)
    return sql.format(group=f"AND {column} = ?"), (community_id, group_id)


def replies_txn(db: Database, community_id: int, group_id: int | None = None) -> Columns:
    """(group, author, author replied to, time_us) of every reply whose replied author is known."""
    return _columns(db, *_scoped(_REPLIES, community_id, group_id), 4)


def mentions_txn(db: Database, community_id: int, group_id: int | None = None) -> Columns:
    """(group, author, member mentioned, time_us) of every mention in a message."""
    return _columns(db, *_scoped(_MENTIONS, community_id, group_id), 4)


def invites_txn(db: Database, community_id: int, group_id: int | None = None) -> Columns:
    """(group, inviter, member invited, time_us) of every join that names its inviter."""
    return _columns(db, *_scoped(_INVITES, community_id, group_id), 4)


def replyless_groups_txn(db: Database, community_id: int, group_id: int | None = None) -> list[int]:
    sql, params = _scoped(_REPLYLESS_GROUPS, community_id, group_id, "group_id")
    return [int(row[0]) for row in db.fetchall(sql, params)]


def group_messages_txn(db: Database, community_id: int, group_ids: list[int]) -> Columns:
    """(group, author, time_us) of the messages by people in the groups `group_ids`, sorted by group
    and time."""
    if not group_ids:
        return _columns(db, "SELECT 0, 0, 0 WHERE 1 = 0", (), 3)
    marks = ", ".join("?" * len(group_ids))
    return _columns(db, _MESSAGES.format(groups=marks), (community_id, *group_ids), 3)


def owners_txn(db: Database, community_id: int, group_id: int | None = None) -> dict[int, int]:
    """Each group's owner: the person who created it (the first creation recorded, if several)."""
    owners: dict[int, int] = {}
    for group, member, _ in db.fetchall(*_scoped(_OWNERS, community_id, group_id)):
        owners.setdefault(int(group), int(member))
    return owners


def member_names_txn(db: Database, community_id: int, members: list[int]) -> dict[int, str]:
    """Each member's name: the latest name of the account whose id is the member id."""
    names: dict[int, str] = {}
    for start in range(0, len(members), 500):
        chunk = [int(member) for member in members[start : start + 500]]
        marks = ", ".join("?" * len(chunk))
        rows = db.fetchall(
            f"SELECT id, COALESCE(name, handle) FROM identities WHERE community_id = ? AND id IN ({marks})",
            (community_id, *chunk),
        )
        names.update((int(member), str(name)) for member, name in rows)
    return names


def find_members_txn(db: Database, community_id: int, text: str) -> list[int]:
    """The members with an account named, or with the handle or id, `text`."""
    rows = db.fetchall(
        "SELECT DISTINCT member_id FROM identities WHERE community_id = ? "
        "AND (name = ? OR handle = ? OR CAST(member_id AS TEXT) = ?) ORDER BY member_id",
        (community_id, text, text, text),
    )
    return [int(row[0]) for row in rows]


def group_names_txn(db: Database, community_id: int) -> dict[int, str]:
    rows = db.fetchall(
        "SELECT id, COALESCE(name, handle) FROM groups WHERE community_id = ?", (community_id,)
    )
    return {int(group): str(name) for group, name in rows}


_RECENT_TEXTS = """
SELECT a.member_id, e.text
FROM events e JOIN identities a ON a.id = e.actor_id
WHERE e.community_id = ? AND e.kind = 'message' AND e.text IS NOT NULL AND a.kind = 'person'
ORDER BY e.time_us DESC, e.id DESC
LIMIT ?
"""


def recent_texts_txn(db: Database, community_id: int, limit: int) -> list[tuple[int, str]]:
    """(member, text) of the `limit` latest messages with text, by people."""
    return [(int(member), str(text)) for member, text in db.fetchall(_RECENT_TEXTS, (community_id, limit))]
