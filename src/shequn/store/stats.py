"""The headline counts of a community, in two scans of the event log."""

from __future__ import annotations

from typing import Any

from .database import Database

_COUNTS = """
SELECT
    COUNT(*),
    SUM(CASE WHEN kind = 'message' THEN 1 ELSE 0 END),
    SUM(CASE WHEN kind = 'join' THEN 1 ELSE 0 END),
    SUM(CASE WHEN kind = 'leave' THEN 1 ELSE 0 END),
    SUM(CASE WHEN kind = 'removal' THEN 1 ELSE 0 END),
    MIN(time_us),
    MAX(time_us)
FROM events WHERE community_id = ?
"""

# One row per (group, person the event is about): the latest join and the latest exit. A person is
# present when they joined after they last left, or when they only ever spoke there (they were in
# the group before its recorded history starts).
_PRESENCE = """
SELECT i.member_id AS member_id,
       MAX(CASE WHEN p.exited IS NULL OR (p.joined IS NOT NULL AND p.joined > p.exited) THEN 1 ELSE 0 END) AS present
FROM (
    SELECT group_id,
           CASE WHEN kind = 'removal' THEN target_id ELSE actor_id END AS subject,
           MAX(CASE WHEN kind = 'join' THEN time_us END) AS joined,
           MAX(CASE WHEN kind IN ('leave', 'removal') THEN time_us END) AS exited
    FROM events
    WHERE community_id = ? AND kind IN ('join', 'leave', 'removal', 'message', 'reaction')
    GROUP BY group_id, CASE WHEN kind = 'removal' THEN target_id ELSE actor_id END
) p
JOIN identities i ON i.id = p.subject
WHERE i.kind = 'person'
GROUP BY i.member_id
"""


def event_counts_txn(db: Database, community_id: int) -> tuple[Any, ...]:
    """(events, messages, joins, leaves, removals, first time_us, last time_us)."""
    return tuple(db.fetchone(_COUNTS, (community_id,)))


def member_presence_txn(db: Database, community_id: int) -> tuple[int, int]:
    """(people ever seen as a member, people present in at least one group now)."""
    rows = db.fetchall(
        f"SELECT COUNT(*), SUM(present) FROM ({_PRESENCE}) people",
        (community_id,),
    )
    total, present = rows[0]
    return int(total), int(present or 0)


def directory_counts_txn(db: Database, community_id: int) -> tuple[int, int]:
    """(identities, groups)."""
    identities = db.scalar("SELECT COUNT(*) FROM identities WHERE community_id = ?", (community_id,))
    groups = db.scalar("SELECT COUNT(*) FROM groups WHERE community_id = ?", (community_id,))
    return int(identities), int(groups)
