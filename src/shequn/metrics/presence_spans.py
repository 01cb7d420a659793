"""Who was a member when, as spans of time: the presence rule of store/presence.py, replayed in columns.

The rule (written once in store/presence.py, and followed here): an account is in a group from a join
until its next leave or removal there; an account with no membership event there before its first
activity there (a message, a reaction, inviting someone, removing someone, creating or renaming the
group) was in the group from that activity, since it was there before the recorded history starts.
At equal times a join comes before an exit, so a join and a leave at the same moment leave the account
out. A person is present when any of their accounts is present in any group.

`present_at` answers "was this person in at least one group at that moment?" for one moment per person,
which is what the fission windows (48 hours, 30 days after joining) ask.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
NO_TIME = np.iinfo(np.int64).max  # "never", and the open end of a span that has not ended


@dataclass(frozen=True)
class MembershipChanges:
    """Membership events, one row each: the account a join, leave or removal is about."""

    group: Ints
    account: Ints
    time_us: Ints
    joined: Bools  # True for a join, False for a leave or removal


@dataclass(frozen=True)
class FirstActivity:
    """Each (group, account)'s first activity there: one row per pair that was ever active."""

    group: Ints
    account: Ints
    time_us: Ints


@dataclass(frozen=True)
class Spans:
    """Spans of presence [start, end) of people (dense person numbers) in some group."""

    person: Ints
    start_us: Ints
    end_us: Ints


def presence_spans(changes: MembershipChanges, active: FirstActivity, person_of_account: Ints) -> Spans:
    """The spans of presence of every account mapped to a person (`person_of_account[a]` >= 0)."""
    width = int(max(_max(changes.account), _max(active.account))) + 1
    pair = np.concatenate([changes.group * width + changes.account, active.group * width + active.account])
    # One sort of every fact: by pair, then time, joins before exits before activity at equal times.
    rank = np.concatenate([np.where(changes.joined, 0, 1), np.full(len(active.time_us), 2)])
    order = np.lexsort((np.concatenate([changes.time_us, active.time_us]) * 4 + rank, pair))
    pair, rank = pair[order], rank[order]
    time = np.concatenate([changes.time_us, active.time_us])[order]
    first_of_pair = np.ones(len(pair), dtype=bool)
    first_of_pair[1:] = pair[1:] != pair[:-1]
    # A first activity counts only when nothing came before it in its pair (presence.py's rule).
    kept = (rank < 2) | first_of_pair
    pair, time, present = pair[kept], time[kept], rank[kept] != 1
    same_pair = np.zeros(len(pair), dtype=bool)
    same_pair[1:] = pair[1:] == pair[:-1]
    before = np.zeros(len(pair), dtype=bool)
    before[1:] = present[:-1]
    changed = present != (before & same_pair)
    pair, time, present = pair[changed], time[changed], present[changed]
    opens = np.flatnonzero(present)
    closes = opens + 1
    has_close = closes < len(pair)
    has_close[has_close] = pair[closes[has_close]] == pair[opens[has_close]]
    end = np.full(len(opens), NO_TIME, dtype=np.int64)
    end[has_close] = time[closes[has_close]]
    person = person_of_account[pair[opens] % width]
    mapped = person >= 0
    return Spans(person[mapped], time[opens][mapped], end[mapped])


def present_at(spans: Spans, moment_us: Ints) -> Bools:
    """For each person p with a moment (`moment_us[p]` != NO_TIME): were they present at that moment?"""
    moment = moment_us[spans.person]
    covers = (spans.start_us <= moment) & (moment < spans.end_us) & (moment != NO_TIME)
    counts = np.bincount(spans.person[covers], minlength=len(moment_us))
    present: Bools = counts > 0
    return present


def _max(values: Ints) -> int:
    return int(values.max()) if len(values) else 0
