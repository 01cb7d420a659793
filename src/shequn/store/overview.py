"""The SQL behind the dashboard's overview: each group's size and activity, and members week by week.

Both queries follow the presence rule of `presence.py`, as `shequn stats` does, so their totals agree.
"""

from __future__ import annotations

from typing import Any

from .database import Database
from .presence import PRESENT_NOW, SUBJECT, SUBJECTS, SUBJECTS_PARAMETERS

WEEK_US = 7 * 86_400 * 1_000_000
# 1970-01-01 was a Thursday; shifting by three days makes every week bucket start on a Monday.
MONDAY_SHIFT_US = 3 * 86_400 * 1_000_000

# Everything the overview needs from the log in one statement, so the expensive part (the
# per-(group, account) summary, which reads every message) is computed once, and the group rows and
# the week rows describe the same snapshot. Rows are ('group', id, name, platform, people present
# now, messages, last activity) and ('week', week number, -, -, change in people present, people
# seen for the first time, -).
#
# The weeks replay the presence rule through time: every moment an account's presence in a group
# changes becomes a +1 or -1, and a person's running sum of those is the number of groups they are
# in. Someone who was only active is present from their first activity, unless a membership event
# came first.
# At equal times joins sort before exits, so a join and a leave at the same moment leave them out.
_OVERVIEW = f"""
WITH subjects AS MATERIALIZED ({SUBJECTS}),
activity AS (
    SELECT group_id, SUM(messages) AS messages, MAX(last_seen) AS last_us FROM subjects GROUP BY group_id
),
present AS (
    SELECT s.group_id, COUNT(DISTINCT i.member_id) AS members
    FROM subjects s JOIN identities i ON i.id = s.subject
    WHERE i.kind = 'person' AND {PRESENT_NOW}
    GROUP BY s.group_id
),
states AS (
    SELECT group_id, {SUBJECT} AS subject, time_us, CASE WHEN kind = 'join' THEN 1 ELSE 0 END AS present
    FROM events
    WHERE community_id = ? AND kind IN ('join', 'leave', 'removal')
    UNION ALL
    SELECT group_id, subject, first_active, 1
    FROM subjects
    WHERE first_active IS NOT NULL AND (first_membership IS NULL OR first_active < first_membership)
),
changes AS (
    SELECT subject, time_us,
           present - LAG(present, 1, 0) OVER (
               PARTITION BY group_id, subject ORDER BY time_us, present DESC) AS delta
    FROM states
),
people_changes AS (
    SELECT i.member_id AS person, c.time_us, c.delta,
           SUM(c.delta) OVER (
               PARTITION BY i.member_id ORDER BY c.time_us, c.delta DESC
               ROWS UNBOUNDED PRECEDING) AS groups_in
    FROM changes c JOIN identities i ON i.id = c.subject
    WHERE c.delta <> 0 AND i.kind = 'person'
),
first_seen AS (
    SELECT MIN(s.first_seen) AS time_us
    FROM subjects s JOIN identities i ON i.id = s.subject
    WHERE i.kind = 'person'
    GROUP BY i.member_id
),
weekly AS (
    SELECT (time_us + ?) / {WEEK_US} AS week,
           CASE WHEN delta = 1 AND groups_in = 1 THEN 1 WHEN delta = -1 AND groups_in = 0 THEN -1 ELSE 0 END
               AS present_change,
           0 AS newcomers
    FROM people_changes
    UNION ALL
    SELECT (time_us + ?) / {WEEK_US}, 0, 1 FROM first_seen
)
SELECT 'group', g.id, COALESCE(g.name, g.handle), g.platform,
       COALESCE(p.members, 0), COALESCE(a.messages, 0), a.last_us
FROM groups g
LEFT JOIN activity a ON a.group_id = g.id
LEFT JOIN present p ON p.group_id = g.id
WHERE g.community_id = ?
UNION ALL
SELECT 'week', week, NULL, NULL, SUM(present_change), SUM(newcomers), NULL FROM weekly GROUP BY week
"""

GroupRow = tuple[int, str, str, int, int, int | None]
WeekRow = tuple[int, int, int]


def overview_txn(db: Database, community_id: int, offset_us: int) -> tuple[list[GroupRow], list[WeekRow]]:
    """Each group as (id, name, platform, people present now, messages, time_us of its last
    activity), busiest first; and each week with a change as (week number, change in people
    present, people seen for the first time), in order.

    Activity is a message, reaction, join, leave or removal. Week n starts on Monday at
    n * WEEK_US - MONDAY_SHIFT_US in local time, which is UTC plus `offset_us`.
    """
    shift = offset_us + MONDAY_SHIFT_US
    parameters = (community_id,) * SUBJECTS_PARAMETERS + (community_id, shift, shift, community_id)
    rows: list[Any] = db.fetchall(_OVERVIEW, parameters)
    groups = [
        (int(r[1]), r[2], r[3], int(r[4]), int(r[5]), None if r[6] is None else int(r[6]))
        for r in rows
        if r[0] == "group"
    ]
    weeks = sorted((int(r[1]), int(r[4]), int(r[5])) for r in rows if r[0] == "week")
    groups.sort(key=lambda group: (-group[4], -group[3], group[0]))
    return groups, weeks


def log_position_txn(db: Database) -> tuple[int, str]:
    """The id and key of the newest event in the database. The log only grows, so while this stays
    the same every figure derived from it does too; the key tells apart two databases at the same
    path (a demo deleted and loaded again) that happen to hold as many events."""
    row = db.fetchone("SELECT id, key FROM events ORDER BY id DESC LIMIT 1")
    return (0, "") if row is None else (int(row[0]), str(row[1]))
