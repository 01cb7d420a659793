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
    """The spans of presence of every account mapped to a person (`person_of_account[a]` >= 0).
    Fastest with changes in time order and activity in (group, account) order, as the store
    delivers them (store/fission_reads.py): then the changes are the only rows sorted."""
    shift = int(max(_max(changes.account), _max(active.account))).bit_length()  # pair: group, account
    # Time and kind in one key, `when`: a join (0) before an exit (1) at equal times.
    when = changes.time_us * 4 + np.where(changes.joined, 0, 1)
    by_time = np.argsort(when, kind="stable")  # one linear pass when already in time order
    when = when[by_time]
    pair, position = _group_stably(((changes.group << shift) | changes.account)[by_time])
    del by_time
    when = when[position]  # every change by pair, then by time and kind
    del position
    pair, when = _open_at_first_activity(pair, when, (active.group << shift) | active.account, active.time_us)
    present = (when & 3) != 1
    same_pair = pair[1:] == pair[:-1]
    changed = present.copy()
    changed[1:] = present[1:] != (present[:-1] & same_pair)
    rows = np.flatnonzero(changed)
    del same_pair, changed
    pair, time, present = pair[rows], when[rows] >> 2, present[rows]
    # Within a pair the changed rows alternate open, close, open...: an open's end is the next row.
    end = np.full(len(pair), NO_TIME, dtype=np.int64)
    end[:-1] = np.where(pair[1:] == pair[:-1], time[1:], NO_TIME)
    opens = np.flatnonzero(present)
    person = person_of_account[pair[opens] & ((1 << shift) - 1)]
    if (person < 0).any():  # accounts of no person (bots): no spans
        opens, person = opens[person >= 0], person[person >= 0]
    return Spans(person, time[opens], end[opens])


def _open_at_first_activity(pair: Ints, when: Ints, active_pair: Ints, active_us: Ints) -> tuple[Ints, Ints]:
    """Add to the changes (sorted by pair, then `when`) an opening at each pair's first activity that
    comes before every change of its pair (presence.py's rule): strictly before, since at equal times
    a change comes first. Activity has one row per pair."""
    if len(active_pair) > 1 and bool((active_pair[1:] < active_pair[:-1]).any()):
        active_pair, order = _group_stably(active_pair)
        active_us = active_us[order]
    at = np.searchsorted(pair, active_pair)
    first_change = np.full(len(at), NO_TIME, dtype=np.int64)
    known = at < len(pair)
    known[known] = pair[at[known]] == active_pair[known]
    first_change[known] = when[at[known]] >> 2
    opening = active_us < first_change
    at, opening_when = at[opening], active_us[opening] * 4 + 2
    return np.insert(pair, at, active_pair[opening]), np.insert(when, at, opening_when)


def _group_stably(keys: Ints) -> tuple[Ints, Ints]:
    """`keys` sorted, and the position each sorted row had: equal keys keep their order. Each key and
    its position are packed into one int64 and sorted directly, several times faster than an indirect
    sort (np.lexsort, argsort) of tens of millions of rows, which waits on memory; when they do not
    fit in 63 bits, a stable indirect sort does the same."""
    count = len(keys)
    bits = max(count - 1, 0).bit_length()
    if not count or int(keys.min()) < 0 or int(keys.max()).bit_length() + bits > 63:
        position = np.argsort(keys, kind="stable")
        return keys[position], position
    packed = keys << bits
    packed |= np.arange(count, dtype=np.int64)
    packed.sort()
    return packed >> bits, packed & ((1 << bits) - 1)


def present_at(spans: Spans, moment_us: Ints) -> Bools:
    """For each person p with a moment (`moment_us[p]` != NO_TIME): were they present at that moment?"""
    moment = moment_us[spans.person]
    covers = (spans.start_us <= moment) & (moment < spans.end_us) & (moment != NO_TIME)
    present = np.zeros(len(moment_us), dtype=bool)
    present[spans.person[covers]] = True
    return present


def _max(values: Ints) -> int:
    return int(values.max()) if len(values) else 0
