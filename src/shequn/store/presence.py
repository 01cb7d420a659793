"""The presence rule, written once for every query that needs it.

The person a membership event is about is the target of a removal and the actor otherwise. They are
present in a group when their latest join there is later than their latest leave or removal there,
or when they have no membership event there but were active there (spoke, reacted, added or removed
someone, created or renamed the group): they were in the group before its recorded history starts.
Everyone with a row here is a member of the community, current or former. Bots and system accounts
are never members.
"""

from __future__ import annotations

SUBJECT = "CASE WHEN kind = 'removal' THEN target_id ELSE actor_id END"

# Everything that shows an account was in a group at a moment: the membership events it is the
# subject of, and its activity there. Adding someone, removing someone, creating or renaming the
# group are activity too: only a member can do them.
_FACTS = f"""
SELECT group_id, {SUBJECT} AS subject, kind, time_us
FROM events WHERE community_id = ? AND kind IN ('join', 'leave', 'removal', 'message', 'reaction')
UNION ALL
SELECT group_id, inviter_id, 'activity', time_us
FROM events WHERE community_id = ? AND kind = 'join' AND inviter_id IS NOT NULL
UNION ALL
SELECT group_id, actor_id, 'activity', time_us
FROM events
WHERE community_id = ? AND kind IN ('removal', 'group_created', 'group_renamed') AND actor_id IS NOT NULL
"""

# One row per (group, account) with what the rule and the pages need. Takes the community id
# SUBJECTS_PARAMETERS times.
SUBJECTS = f"""
SELECT group_id, subject,
       MAX(CASE WHEN kind = 'join' THEN time_us END) AS joined,
       MAX(CASE WHEN kind IN ('leave', 'removal') THEN time_us END) AS exited,
       MIN(CASE WHEN kind IN ('message', 'reaction', 'activity') THEN time_us END) AS first_active,
       MIN(CASE WHEN kind IN ('join', 'leave', 'removal') THEN time_us END) AS first_membership,
       MIN(time_us) AS first_seen,
       MAX(time_us) AS last_seen,
       SUM(CASE WHEN kind = 'message' THEN 1 ELSE 0 END) AS messages
FROM ({_FACTS}) facts
GROUP BY group_id, subject
"""
SUBJECTS_PARAMETERS = 3

# True for a row of SUBJECTS (aliased `s`) whose account is in the group after the last event.
PRESENT_NOW = "(s.exited IS NULL OR (s.joined IS NOT NULL AND s.joined > s.exited))"
