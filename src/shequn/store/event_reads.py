"""Reading the event log back in time order, with names joined in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .database import Database

EVENT_READ_COLUMNS = (
    "id", "kind", "time_us", "utc_offset_min", "group_id", "group", "platform",
    "actor_id", "actor", "actor_account", "target_id", "target", "inviter_id", "inviter",
    "text", "ref", "reply_to", "via", "code", "media", "amount_fen", "product", "edited", "deleted", "key",
)  # fmt: skip

_SELECT = """
SELECT e.id, e.kind, e.time_us, e.utc_offset_min, g.id, COALESCE(g.name, g.handle),
       COALESCE(g.platform, a.platform),
       a.member_id, a.name, a.handle, t.member_id, t.name, n.member_id, n.name,
       e.text, e.ref, e.reply_to, e.via, e.code, e.media, e.amount_fen, e.product, e.edited, e.deleted, e.key
FROM events e
LEFT JOIN groups g ON g.id = e.group_id
LEFT JOIN identities a ON a.id = e.actor_id
LEFT JOIN identities t ON t.id = e.target_id
LEFT JOIN identities n ON n.id = e.inviter_id
WHERE e.community_id = ?
"""


@dataclass(frozen=True)
class EventFilter:
    kinds: Sequence[str] = ()
    group: str | None = None  # a group's name, handle or id
    since_us: int | None = None
    until_us: int | None = None


def events_txn(db: Database, community_id: int, where: EventFilter) -> Iterator[dict[str, Any]]:
    sql, params = _query(community_id, where)
    batch: list[dict[str, Any]] = []
    for row in db.stream(sql, params):
        batch.append(dict(zip(EVENT_READ_COLUMNS, row, strict=True)))
        if len(batch) == 1000:
            yield from _with_mentions(db, community_id, batch)
            batch = []
    yield from _with_mentions(db, community_id, batch)


def _query(community_id: int, where: EventFilter) -> tuple[str, list[Any]]:
    sql = _SELECT
    params: list[Any] = [community_id]
    if where.kinds:
        sql += f" AND e.kind IN ({', '.join('?' * len(where.kinds))})"
        params += list(where.kinds)
    if where.group is not None:
        sql += " AND e.group_id IN (SELECT id FROM groups WHERE community_id = ? AND (name = ? OR handle = ?"
        params += [community_id, where.group, where.group]
        if where.group.isdigit():
            sql += " OR id = ?"
            params.append(int(where.group))
        sql += "))"
    if where.since_us is not None:
        sql += " AND e.time_us >= ?"
        params.append(where.since_us)
    if where.until_us is not None:
        sql += " AND e.time_us < ?"
        params.append(where.until_us)
    return sql + " ORDER BY e.time_us, e.id", params


def _with_mentions(db: Database, community_id: int, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not batch:
        return batch
    keys = [event["key"] for event in batch]
    found: dict[str, list[dict[str, Any]]] = {}
    rows = db.fetchall(
        "SELECT m.event_key, i.member_id, i.name FROM mentions m JOIN identities i ON i.id = m.identity_id "
        f"WHERE m.community_id = ? AND m.event_key IN ({', '.join('?' * len(keys))}) ORDER BY i.member_id",
        [community_id, *keys],
    )
    for key, member_id, name in rows:
        found.setdefault(key, []).append({"id": member_id, "name": name})
    for event in batch:
        event["mentions"] = found.get(event["key"], [])
    return batch
