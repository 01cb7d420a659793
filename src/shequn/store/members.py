"""The SQL behind the members pages: search, visibility, a person's accounts, groups, timeline and
invitees. A member is a person (identities.member_id); `group_ids` None means every group.

A member belongs to a group when one of their accounts acted there (joined, spoke, reacted, added or
removed someone...) or was removed from it: `_SEEN_IN` below, the one test the search, the profile
and the group owners' scoping all use.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from itertools import chain
from typing import Any

from .database import Database
from .presence import PRESENT_NOW
from .scoped_presence import marks, scoped_parameters, scoped_subjects

_SEEN_IN = """
SELECT i.member_id FROM events e JOIN identities i ON i.id = e.actor_id
WHERE +e.community_id = ? AND e.group_id IN ({groups})
UNION
SELECT i.member_id FROM events e JOIN identities i ON i.id = e.target_id
WHERE +e.community_id = ? AND e.kind = 'removal' AND e.group_id IN ({groups})
"""
# The same test for one member, read from their own events rather than the groups' (`+`: see
# scoped_presence.NOT_BY_COMMUNITY).
_ONE_SEEN_IN = """
SELECT 1 FROM identities j JOIN events e ON e.actor_id = j.id
WHERE j.member_id = ? AND +e.community_id = ? AND e.group_id IN ({groups})
UNION ALL
SELECT 1 FROM identities j JOIN events e ON e.target_id = j.id
WHERE j.member_id = ? AND +e.community_id = ? AND e.kind = 'removal' AND e.group_id IN ({groups})
"""

EVERY_EVENT = 2**62  # a LIMIT that limits nothing, on both engines
IdentityRow = tuple[int, str, str, str | None]  # member id, platform, handle, name


def _seen_in(community_id: int, group_ids: Collection[int]) -> tuple[str, list[Any]]:
    ids = list(group_ids)
    return _SEEN_IN.format(groups=marks(ids)), [community_id, *ids, community_id, *ids]


_ACCOUNT = (
    "SELECT i.member_id, i.platform, i.handle, i.name FROM identities i "
    "WHERE i.community_id = ? AND i.kind = 'person'"
)


def matching_accounts_txn(db: Database, community_id: int, query: str) -> Iterator[IdentityRow]:
    """Accounts of people whose member id or account handle is `query`, then of those whose name
    starts with it, by name: read as far as the caller wants. Three lookups rather than one query
    with OR, so each uses its index and the names come in the index's order, never sorted whole."""
    exact = []
    if query.isdigit():
        exact = db.fetchall(f"{_ACCOUNT} AND i.member_id = ? ORDER BY i.id", (community_id, int(query)))
    exact += db.fetchall(
        f"{_ACCOUNT} AND i.platform IN (SELECT DISTINCT platform FROM groups WHERE community_id = ?) "
        "AND i.handle = ? ORDER BY i.id",
        (community_id, community_id, query),
    )
    named = db.stream(
        f"{_ACCOUNT} AND i.name >= ? AND i.name < ? ORDER BY i.name, i.id",
        (community_id, query, query + "\U0010ffff"),
        batch=200,
    )
    for row in chain(exact, named):
        yield (int(row[0]), row[1], row[2], row[3])


def members_of_groups_txn(db: Database, community_id: int, group_ids: Collection[int]) -> frozenset[int]:
    """The member ids of everyone who belongs to any of the groups."""
    if not group_ids:
        return frozenset()
    seen, parameters = _seen_in(community_id, group_ids)
    return frozenset(int(row[0]) for row in db.fetchall(seen, parameters))


def member_identities_txn(
    db: Database, community_id: int, member_id: int, group_ids: Collection[int] | None
) -> list[tuple[int, str, str, str | None]]:
    """(identity id, platform, handle, name) of a person's accounts; none when there is no such
    person, or they are not a member of `group_ids`."""
    sql = (
        "SELECT i.id, i.platform, i.handle, i.name FROM identities i "
        "WHERE i.community_id = ? AND i.member_id = ? AND i.kind = 'person'"
    )
    parameters: list[Any] = [community_id, member_id]
    if group_ids is not None:
        if not group_ids:
            return []
        ids = list(group_ids)
        sql += f" AND EXISTS ({_ONE_SEEN_IN.format(groups=marks(ids))})"
        parameters += [member_id, community_id, *ids, member_id, community_id, *ids]
    rows: list[Any] = db.fetchall(sql + " ORDER BY i.id", parameters)
    return [(int(r[0]), r[1], r[2], r[3]) for r in rows]


def member_groups_txn(
    db: Database, community_id: int, identity_ids: Sequence[int]
) -> list[tuple[int, str, str, bool, int | None, int, int]]:
    """(group id, name, platform, present now, first seen time_us, last seen time_us, messages) of
    each group the accounts were ever in, by the presence rule."""
    ids = list(identity_ids)
    condition = (
        f"id IN (SELECT id FROM events WHERE actor_id IN ({marks(ids)}) "
        f"UNION ALL SELECT id FROM events WHERE target_id IN ({marks(ids)}) "
        f"UNION ALL SELECT id FROM events WHERE inviter_id IN ({marks(ids)}))"
    )
    subjects = scoped_subjects(condition)
    sql = f"""
    SELECT s.group_id, COALESCE(g.name, g.handle), g.platform, MAX(CASE WHEN {PRESENT_NOW} THEN 1 ELSE 0 END),
           MIN(s.first_seen), MAX(s.last_seen), SUM(s.messages)
    FROM ({subjects}) s JOIN groups g ON g.id = s.group_id
    WHERE s.subject IN ({marks(ids)})
    GROUP BY s.group_id, g.name, g.handle, g.platform
    ORDER BY MAX(s.last_seen) DESC
    """
    parameters = [*scoped_parameters(community_id, ids * 3), *ids]
    rows: list[Any] = db.fetchall(sql, parameters)
    return [(int(r[0]), r[1], r[2], bool(r[3]), r[4], int(r[5]), int(r[6] or 0)) for r in rows]


TIMELINE_COLUMNS = (
    "kind", "time_us", "utc_offset_min", "group_id", "group", "actor_id", "actor", "target_id",
    "target", "text", "media", "via", "code", "amount_fen", "product",
)  # fmt: skip


def member_timeline_txn(
    db: Database,
    community_id: int,
    identity_ids: Sequence[int],
    group_ids: Collection[int] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """The newest events a person's accounts did or were the target of, newest first; with
    `group_ids`, only those in these groups."""
    ids = list(identity_ids)
    scope, scope_parameters = "", []
    if group_ids is not None:
        scope, scope_parameters = f"AND e.group_id IN ({marks(list(group_ids))})", list(group_ids)
    sql = f"""
    SELECT e.kind, e.time_us, e.utc_offset_min, e.group_id, COALESCE(g.name, g.handle), a.member_id, a.name,
           t.member_id, t.name, e.text, e.media, e.via, e.code, e.amount_fen, e.product
    FROM events e
    LEFT JOIN groups g ON g.id = e.group_id
    LEFT JOIN identities a ON a.id = e.actor_id
    LEFT JOIN identities t ON t.id = e.target_id
    WHERE e.id IN (
        SELECT id FROM (
            SELECT id, time_us FROM events WHERE actor_id IN ({marks(ids)}) ORDER BY time_us DESC LIMIT ?
        ) mine
        UNION
        SELECT id FROM (
            SELECT id, time_us FROM events WHERE target_id IN ({marks(ids)}) ORDER BY time_us DESC LIMIT ?
        ) theirs
    ) AND +e.community_id = ? {scope}
    ORDER BY e.time_us DESC, e.id DESC LIMIT ?
    """
    # Without a group scope the newest `limit` of each side suffice; with one, the scope may drop
    # many of them, so each side is read whole (a person's own events: tens, rarely thousands).
    depth = limit if group_ids is None else EVERY_EVENT
    parameters = [*ids, depth, *ids, depth, community_id, *scope_parameters, limit]
    return [dict(zip(TIMELINE_COLUMNS, row, strict=True)) for row in db.fetchall(sql, parameters)]


def invitees_txn(
    db: Database,
    community_id: int,
    identity_ids: Sequence[int],
    group_ids: Collection[int] | None,
    limit: int,
) -> tuple[int, list[tuple[int, str | None]]]:
    """How many people the accounts brought into groups (joins naming them as inviter), and the
    first `limit` of them as (member id, name)."""
    ids = list(identity_ids)
    sql = (
        "SELECT i.member_id, MAX(i.name), MIN(e.time_us) AS first_us "
        "FROM events e JOIN identities i ON i.id = e.actor_id "
        f"WHERE +e.community_id = ? AND e.kind = 'join' AND e.inviter_id IN ({marks(ids)}) "
        "AND i.kind = 'person'"
    )
    parameters: list[Any] = [community_id, *ids]
    if group_ids is not None:
        sql += f" AND e.group_id IN ({marks(list(group_ids))})"
        parameters += list(group_ids)
    rows: list[Any] = db.fetchall(sql + " GROUP BY i.member_id ORDER BY first_us, i.member_id", parameters)
    return len(rows), [(int(r[0]), r[1]) for r in rows[:limit]]
