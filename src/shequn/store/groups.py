"""The SQL behind the groups pages: each group's health, its weeks and its most active members.

Who is in a group now follows the presence rule of presence.py, restricted to the groups asked for,
so a group's count here equals its count on the overview. Every query reads only the groups' own
events, through the index on (group_id, time_us).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .database import Database
from .overview import MONDAY_SHIFT_US, WEEK_US
from .presence import PRESENT_NOW
from .scoped_presence import NOT_BY_COMMUNITY, marks, scoped_parameters, scoped_subjects

# Rows: id, name, platform, people present now, messages, last activity (time_us), and in the
# window from `since`: messages, people who spoke or reacted, joins, exits (leaves and removals).
_HEALTH = """
WITH subjects AS MATERIALIZED ({subjects}),
activity AS (
    SELECT group_id, SUM(messages) AS messages, MAX(last_seen) AS last_us FROM subjects GROUP BY group_id
),
present AS (
    SELECT s.group_id, COUNT(DISTINCT i.member_id) AS members
    FROM subjects s JOIN identities i ON i.id = s.subject
    WHERE i.kind = 'person' AND {present_now}
    GROUP BY s.group_id
),
recent AS (
    SELECT e.group_id,
           SUM(CASE WHEN e.kind = 'message' THEN 1 ELSE 0 END) AS messages,
           COUNT(DISTINCT CASE WHEN e.kind IN ('message', 'reaction') AND i.kind = 'person'
                               THEN i.member_id END) AS active,
           SUM(CASE WHEN e.kind = 'join' THEN 1 ELSE 0 END) AS joins,
           SUM(CASE WHEN e.kind IN ('leave', 'removal') THEN 1 ELSE 0 END) AS exits
    FROM events e LEFT JOIN identities i ON i.id = e.actor_id
    WHERE +e.community_id = ? AND e.time_us >= ? AND e.group_id IN ({groups})
    GROUP BY e.group_id
)
SELECT g.id, COALESCE(g.name, g.handle), g.platform, COALESCE(p.members, 0), COALESCE(a.messages, 0),
       a.last_us, COALESCE(r.messages, 0), COALESCE(r.active, 0), COALESCE(r.joins, 0), COALESCE(r.exits, 0)
FROM groups g
LEFT JOIN activity a ON a.group_id = g.id
LEFT JOIN present p ON p.group_id = g.id
LEFT JOIN recent r ON r.group_id = g.id
WHERE g.community_id = ? AND g.id IN ({groups})
ORDER BY COALESCE(a.messages, 0) DESC, g.id
"""

HealthRow = tuple[int, str, str, int, int, int | None, int, int, int, int]


def group_health_txn(
    db: Database, community_id: int, group_ids: Sequence[int], since_us: int
) -> list[HealthRow]:
    """Health of the given groups, busiest first (`since_us` starts the recent window)."""
    ids = list(group_ids)
    sql = _HEALTH.format(
        subjects=scoped_subjects(f"group_id IN ({marks(ids)})"), present_now=PRESENT_NOW, groups=marks(ids)
    )
    parameters = [*scoped_parameters(community_id, ids), community_id, since_us, *ids, community_id, *ids]
    rows: list[Any] = db.fetchall(sql, parameters)
    return [
        (int(r[0]), r[1], r[2], int(r[3]), int(r[4]), None if r[5] is None else int(r[5]), *map(int, r[6:]))
        for r in rows
    ]


def group_ids_txn(db: Database, community_id: int) -> list[int]:
    return [
        int(row[0])
        for row in db.fetchall("SELECT id FROM groups WHERE community_id = ? ORDER BY id", (community_id,))
    ]


def last_event_us(db: Database, community_id: int) -> int | None:
    value = db.scalar("SELECT MAX(time_us) FROM events WHERE community_id = ?", (community_id,))
    return None if value is None else int(value)


def group_weeks_txn(
    db: Database, community_id: int, group_id: int, offset_us: int
) -> list[tuple[int, int, int, int]]:
    """(week number, messages, joins, exits) for each week of a group with any, in order; weeks as in
    overview.py."""
    shift = offset_us + MONDAY_SHIFT_US
    rows = db.fetchall(
        f"SELECT (time_us + ?) / {WEEK_US} AS week, "
        "SUM(CASE WHEN kind = 'message' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'join' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN kind IN ('leave', 'removal') THEN 1 ELSE 0 END) "
        f"FROM events WHERE {NOT_BY_COMMUNITY} = ? AND group_id = ? GROUP BY week ORDER BY week",
        (shift, community_id, group_id),
    )
    return [(int(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]


def top_speakers_txn(
    db: Database, community_id: int, group_id: int, limit: int
) -> list[tuple[int, str, int]]:
    """(member id, a name, messages) of the people who wrote most in a group."""
    rows = db.fetchall(
        "SELECT i.member_id, MAX(i.name), COUNT(*) AS messages FROM events e "
        "JOIN identities i ON i.id = e.actor_id "
        "WHERE +e.community_id = ? AND e.group_id = ? AND e.kind = 'message' AND i.kind = 'person' "
        "GROUP BY i.member_id ORDER BY messages DESC, i.member_id LIMIT ?",
        (community_id, group_id, limit),
    )
    return [(int(r[0]), r[1] or "", int(r[2])) for r in rows]
