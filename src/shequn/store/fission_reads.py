"""What fission needs from the log, as numpy columns: membership events and each account's first
activity per group, both up to an as-of moment, and who each account is.

The facts are store/presence.py's: the person a membership event is about (`SUBJECT`), and as activity
messages, reactions, inviting someone, removing someone, creating or renaming a group. Only person
accounts are read (bots and system accounts are never members); inviters that are not persons are
read as none. Accounts are identity ids; `member_id` says which person each is.

Rows come in the order metrics/presence_spans.py wants, at no cost to the database: membership
events in time order (the order of the (community, time) index), and first activities in (group,
account) order (the order its GROUP BY produces them in).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .database import Database
from .presence import SUBJECT

Ints = NDArray[np.int64]

_MEMBERSHIP = f"""
SELECT e.id, e.kind, e.group_id, s.id, s.member_id, e.time_us, e.via, n.member_id, e.code
FROM (
    SELECT id, kind, group_id, {SUBJECT} AS subject, time_us, via, inviter_id, code FROM events
    WHERE community_id = ? AND kind IN ('join', 'leave', 'removal') AND time_us <= ?
) e
JOIN identities s ON s.id = e.subject
LEFT JOIN identities n ON n.id = e.inviter_id AND n.kind = 'person'
WHERE s.kind = 'person'
ORDER BY e.time_us
"""

_ACTIVITY = """
SELECT f.group_id, i.id, i.member_id, MIN(f.time_us), MIN(CASE WHEN f.kind = 'message' THEN f.time_us END)
FROM (
    SELECT group_id, actor_id AS account, kind, time_us FROM events
    WHERE community_id = ? AND time_us <= ? AND actor_id IS NOT NULL
      AND kind IN ('message', 'reaction', 'removal', 'group_created', 'group_renamed')
    UNION ALL
    SELECT group_id, inviter_id, 'invite', time_us FROM events
    WHERE community_id = ? AND time_us <= ? AND kind = 'join' AND inviter_id IS NOT NULL
) f
JOIN identities i ON i.id = f.account
WHERE i.kind = 'person'
GROUP BY f.group_id, i.id, i.member_id
ORDER BY f.group_id, i.id, i.member_id
"""


@dataclass(frozen=True)
class MembershipRows:
    event_id: Ints
    kind: NDArray[np.str_]  # 'join', 'leave', 'removal'
    group: Ints
    account: Ints
    member: Ints
    time_us: Ints
    via: NDArray[np.object_]  # None where unknown
    inviter_member: Ints  # -1 without a person inviter
    code: NDArray[np.object_]  # None without a code


@dataclass(frozen=True)
class ActivityRows:
    """One row per (group, account) ever active there."""

    group: Ints
    account: Ints
    member: Ints
    first_us: Ints
    first_message_us: Ints  # -1 when the account never wrote there


def membership_rows_txn(db: Database, community_id: int, as_of_us: int) -> MembershipRows:
    rows = db.fetchall(_MEMBERSHIP, (community_id, as_of_us))
    columns = list(zip(*rows, strict=True)) if rows else [()] * 9
    return MembershipRows(
        event_id=_ints(columns[0]),
        kind=np.array(columns[1], dtype=np.str_),
        group=_ints(columns[2]),
        account=_ints(columns[3]),
        member=_ints(columns[4]),
        time_us=_ints(columns[5]),
        via=np.array(columns[6], dtype=object),
        inviter_member=_ints(columns[7]),
        code=np.array(columns[8], dtype=object),
    )


def activity_rows_txn(db: Database, community_id: int, as_of_us: int) -> ActivityRows:
    rows = db.fetchall(_ACTIVITY, (community_id, as_of_us) * 2)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 5
    return ActivityRows(*(_ints(column) for column in columns))


def last_event_time_txn(db: Database, community_id: int) -> int | None:
    value = db.scalar("SELECT MAX(time_us) FROM events WHERE community_id = ?", (community_id,))
    return None if value is None else int(value)


def member_names_txn(db: Database, community_id: int, members: list[int]) -> dict[int, str]:
    """The display name of each member: that of the account whose id is the member id."""
    names: dict[int, str] = {}
    for start in range(0, len(members), 500):
        chunk = members[start : start + 500]
        rows = db.fetchall(
            "SELECT id, COALESCE(name, handle) FROM identities "
            f"WHERE community_id = ? AND id IN ({', '.join('?' * len(chunk))})",
            [community_id, *chunk],
        )
        names.update((int(member), name) for member, name in rows)
    return names


def _ints(values: tuple[object, ...]) -> Ints:
    return np.array([-1 if value is None else value for value in values], dtype=np.int64)
