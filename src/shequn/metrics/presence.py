"""Who is a member when: the rule of store/presence.py, replayed over columns.

The same rule, fact for fact: per (group, account) the subject of a membership event (the target of
a removal, else the actor) and the accounts active there (sent a message or reaction, invited
someone, removed someone, created or renamed the group). An account is present after a join until
a later leave or removal, and from its first activity when that came before any membership event
of its own there (it was in the group before the recorded history starts). A person is present while
at least one of their accounts is present in at least one group; at equal times a join counts
before an exit, so a join and a leave at the same moment leave them out. Bots and system accounts
are never members. Everyone with a fact is a member of the community, current or former.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .columns import GROUP_CREATED, GROUP_RENAMED, JOIN, LEAVE, MESSAGE, REACTION, REMOVAL, EventColumns
from .grouping import Int64s, dense_min, distinct, lookup, min_in_blocks, min_per_key, state_at

Bools = npt.NDArray[np.bool_]
_ACTIVE_KINDS = (MESSAGE, REACTION, REMOVAL, GROUP_CREATED, GROUP_RENAMED)


@dataclass(frozen=True)
class Presence:
    """Per member (`members`: sorted member ids), and their presence over time.

    `changes_*` are the moments a member's number of groups changes, sorted by member then time,
    with the number of groups they are in after each.
    """

    members: Int64s
    first_seen_us: Int64s
    first_join_us: Int64s  # -1 when they never joined on record
    first_join_channel: Int64s  # index into EventColumns.channels, -1 without a join
    groups_now: Int64s
    group_present: Int64s  # (group, member) pairs present now, as group * (largest member + 1) + member
    changes_member: Int64s
    changes_us: Int64s
    changes_groups: Int64s

    @property
    def current(self) -> Bools:
        now: Bools = self.groups_now > 0
        return now

    def dense(self, values: Int64s, missing: int, size: int) -> Int64s:
        """`values` (one per member) spread over member ids 0..size-1, `missing` for other ids."""
        spread = np.full(size, missing, dtype=np.int64)
        spread[self.members] = values
        return spread

    def present_at(self, member_ids: Int64s, time_us: Int64s) -> Bools:
        """Whether each member was in at least one group at each moment (changes at it included)."""
        groups = state_at(self.changes_member, self.changes_us, self.changes_groups, member_ids, time_us)
        present: Bools = groups > 0
        return present


def presence(columns: EventColumns) -> Presence:
    width = len(columns.member_of) + 1  # (group, identity) pairs are group * width + identity
    m_pair, m_time, m_state, m_channel = _membership_facts(columns, width)
    a_group, a_identity, a_time = _activity_facts(columns)
    first_group, first_identity, first_active = min_in_blocks(a_group, a_identity, a_time)
    active_pairs = first_group * width + first_identity
    membership_pairs, first_membership = min_per_key(m_pair, m_time)
    unrecorded = first_active < lookup(
        membership_pairs, first_membership, active_pairs, np.iinfo(np.int64).max
    )
    pair = np.concatenate([m_pair, active_pairs[unrecorded]])
    time_us = np.concatenate([m_time, first_active[unrecorded]])
    state = np.concatenate([m_state, np.ones(int(unrecorded.sum()), dtype=np.int64)])
    seen_member = columns.member_of[np.concatenate([m_pair, active_pairs]) % width]
    earliest = dense_min(seen_member, np.concatenate([m_time, first_active]), len(columns.member_of))
    members = np.flatnonzero(earliest != np.iinfo(np.int64).max)
    first_seen = earliest[members]
    joined = m_state == 1
    first_join, channel = _first_joins(
        columns.member_of[m_pair[joined] % width], m_time[joined], m_channel[joined], members
    )
    changes, present_pairs = _changes(pair, columns.member_of[pair % width], time_us, state)
    people = max(int(columns.member_of.max(initial=0)) + 1, 1)
    group_present = distinct(present_pairs // width * people + columns.member_of[present_pairs % width])
    ends = np.r_[changes[0][1:] != changes[0][:-1], True] if len(changes[0]) else np.zeros(0, bool)
    groups_now = lookup(changes[0][ends], changes[2][ends], members, missing=0)
    return Presence(members, first_seen, first_join, channel, groups_now, group_present, *changes)


def _people(columns: EventColumns, group: Int64s, identity: Int64s) -> npt.NDArray[np.bool_]:
    people: npt.NDArray[np.bool_] = (
        (group >= 0) & (identity >= 0) & (columns.member_of[np.maximum(identity, 0)] >= 0)
    )
    return people


def _membership_facts(columns: EventColumns, width: int) -> tuple[Int64s, Int64s, Int64s, Int64s]:
    """(pair, time, state, channel) of each join (state 1), leave or removal (state 0) of a person."""
    chosen = np.isin(columns.kind, (JOIN, LEAVE, REMOVAL))
    group, subject = columns.group[chosen], columns.subject()[chosen]
    people = _people(columns, group, subject)
    state = (columns.kind[chosen] == JOIN).astype(np.int64)
    pair = group * width + subject
    return pair[people], columns.time_us[chosen][people], state[people], columns.channel[chosen][people]


def _activity_facts(columns: EventColumns) -> tuple[Int64s, Int64s, Int64s]:
    """(group, identity, time) of everything that shows a person was in a group without a
    membership event."""
    acting = np.isin(columns.kind, _ACTIVE_KINDS)
    inviting = (columns.kind == JOIN) & (columns.inviter >= 0)
    group = np.concatenate([columns.group[acting], columns.group[inviting]])
    identity = np.concatenate([columns.actor[acting], columns.inviter[inviting]])
    time_us = np.concatenate([columns.time_us[acting], columns.time_us[inviting]])
    people = _people(columns, group, identity)
    return group[people], identity[people], time_us[people]


def _first_joins(member: Int64s, time_us: Int64s, channel: Int64s, members: Int64s) -> tuple[Int64s, Int64s]:
    """Each member's earliest join and its entry channel (-1 for members who never joined)."""
    order = np.lexsort((time_us, member))
    member, time_us, channel = member[order], time_us[order], channel[order]
    first = np.r_[True, member[1:] != member[:-1]] if len(member) else np.zeros(0, bool)
    return lookup(member[first], time_us[first], members), lookup(member[first], channel[first], members)


def _changes(
    pair: Int64s, member: Int64s, time_us: Int64s, state: Int64s
) -> tuple[tuple[Int64s, Int64s, Int64s], Int64s]:
    """The moments each member's number of groups changes, and the number after each; and the
    (group, account) pairs present after the last event.

    An account's presence in a group changes when its state differs from the one before (joins sort
    before exits at the same moment); each change is +1 or -1 to its person's number of groups.
    """
    order = np.lexsort((-state, time_us, pair))
    pair, member, time_us, state = pair[order], member[order], time_us[order], state[order]
    before = np.r_[0, state[:-1]] if len(state) else state
    before = np.where(np.r_[True, pair[1:] != pair[:-1]] if len(pair) else before, 0, before)
    delta = state - before
    last = np.r_[pair[1:] != pair[:-1], True] if len(pair) else np.zeros(0, bool)
    present_pairs = pair[last & (state == 1)]
    moved = delta != 0
    member, time_us, delta = member[moved], time_us[moved], delta[moved]
    order = np.lexsort((-delta, time_us, member))
    member, time_us, delta = member[order], time_us[order], delta[order]
    running = np.cumsum(delta)
    starts = np.r_[True, member[1:] != member[:-1]] if len(member) else np.zeros(0, bool)
    base = (running - delta)[starts]
    groups = running - base[np.cumsum(starts) - 1]
    return (member, time_us, groups), present_pairs
