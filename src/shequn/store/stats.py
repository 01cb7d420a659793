"""The headline counts of a community, in two scans of the event log (see presence.py for who is a member)."""

from __future__ import annotations

from typing import Any

from .database import Database
from .presence import PRESENT_NOW, SUBJECTS, SUBJECTS_PARAMETERS

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

_PRESENCE = f"""
SELECT COUNT(*), SUM(present) FROM (
    SELECT i.member_id AS member_id, MAX(CASE WHEN {PRESENT_NOW} THEN 1 ELSE 0 END) AS present
    FROM ({SUBJECTS}) s
    JOIN identities i ON i.id = s.subject
    WHERE i.kind = 'person'
    GROUP BY i.member_id
) people
"""


def event_counts_txn(db: Database, community_id: int) -> tuple[Any, ...]:
    """(events, messages, joins, leaves, removals, first time_us, last time_us)."""
    return tuple(db.fetchone(_COUNTS, (community_id,)))


def member_presence_txn(db: Database, community_id: int) -> tuple[int, int]:
    """(people ever seen as a member, people present in at least one group now)."""
    total, present = db.fetchone(_PRESENCE, (community_id,) * SUBJECTS_PARAMETERS)
    return int(total), int(present or 0)


def directory_counts_txn(db: Database, community_id: int) -> tuple[int, int]:
    """(identities, groups)."""
    identities = db.scalar("SELECT COUNT(*) FROM identities WHERE community_id = ?", (community_id,))
    groups = db.scalar("SELECT COUNT(*) FROM groups WHERE community_id = ?", (community_id,))
    return int(identities), int(groups)
