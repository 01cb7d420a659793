"""Activity over time: active members per day, week and month, stickiness, and the members who
are new, returning, resurrected or churned in each period (docs/metrics.md defines each).

Everything comes from one replay of the active days in order, with a few numbers per member in
dense arrays indexed by member id (the last active day, the last day/week/month counted): no sort of
the tens of millions of messages, only a stable sort by local day, which numpy does as a radix sort.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import tzinfo

import numpy as np

from .calendar import PERIODS, local_days, period_of
from .columns import MESSAGE, REACTION, EventColumns
from .grouping import Int64s, distinct_counts, distinct_in_blocks

NEVER = -(1 << 40)
SPAN = 1 << 20  # period numbers per member in a (member, period) key


@dataclass(frozen=True)
class ActiveDays:
    """The distinct members active on each local day: `members[starts[i]:starts[i + 1]]` on `days[i]`."""

    days: Int64s
    starts: Int64s
    members: Int64s
    size: int  # member ids are below this


def active_days(columns: EventColumns, zone: tzinfo) -> ActiveDays:
    acting = ((columns.kind == MESSAGE) | (columns.kind == REACTION)) & (columns.actor >= 0)
    member = columns.member(columns.actor[acting])
    person = member >= 0
    days, starts, members = distinct_in_blocks(
        local_days(columns.time_us[acting][person], zone), member[person]
    )
    return ActiveDays(days, starts, members, len(columns.member_of))


@dataclass
class Replay:
    """What one pass over the active days finds; per period name, counts by period number."""

    active: dict[str, dict[int, int]] = field(default_factory=dict)
    returning: dict[str, dict[int, int]] = field(default_factory=dict)
    resurrected: dict[str, dict[int, int]] = field(default_factory=dict)
    daily: dict[int, int] = field(default_factory=dict)
    back: tuple[Int64s, Int64s] = (np.zeros(0, np.int64), np.zeros(0, np.int64))  # (member, day)
    quiet: tuple[Int64s, Int64s] = (np.zeros(0, np.int64), np.zeros(0, np.int64))  # silence churns
    last_day: Int64s = field(default_factory=lambda: np.zeros(0, np.int64))  # per member id, NEVER
    week_pairs: tuple[Int64s, Int64s] = (np.zeros(0, np.int64), np.zeros(0, np.int64))  # (member, week)
    left: tuple[Int64s, Int64s] = (np.zeros(0, np.int64), np.zeros(0, np.int64))  # leave churns


def replay(
    active: ActiveDays, first_seen_day: Int64s, silent_days: int, last_day: int, leaves: tuple[Int64s, Int64s]
) -> Replay:
    """`first_seen_day` is each member id's first local day (NEVER for ids of no member); `leaves`
    the (member, day) each member left their last group, sorted by day: a leave is a churn unless
    the member had already been silent `silent_days` (kept in `Replay.left`)."""
    found = Replay()
    for table in (found.active, found.returning, found.resurrected):
        table.update({p: {} for p in PERIODS})
    last = np.full(active.size, NEVER, dtype=np.int64)
    counted = {p: np.full(active.size, NEVER, dtype=np.int64) for p in PERIODS}
    revived = {p: np.full(active.size, NEVER, dtype=np.int64) for p in PERIODS}
    first_period = {p: period_of(first_seen_day, p) for p in PERIODS}
    numbers = {p: period_of(active.days, p).tolist() for p in PERIODS}
    back, quiet, weeks, left = [], [], [], []
    leave_days = leaves[1].tolist()
    waiting = 0  # leaves before this index are judged

    def judge(until: int) -> int:
        """Judge the leaves up to day `until` against the last active day known now."""
        end = bisect_right(leave_days, until, lo=waiting)
        member, day = leaves[0][waiting:end], leaves[1][waiting:end]
        before = last[member]
        churned = (before == NEVER) | (day - before < silent_days)
        left.append((member[churned], day[churned]))
        return end

    for index, day in enumerate(active.days.tolist()):
        waiting = judge(day - 1)
        members = active.members[active.starts[index] : active.starts[index + 1]]
        before = last[members]
        returned = (before != NEVER) & (day - before >= silent_days)
        back.append((members[returned], np.full(int(returned.sum()), day)))
        quiet.append((members[returned], before[returned] + silent_days))
        found.daily[day] = len(members)
        for p in PERIODS:
            number = numbers[p][index]
            fresh = members[counted[p][members] != number]
            counted[p][fresh] = number
            old = first_period[p][fresh] < number
            again = members[returned]
            again = again[revived[p][again] != number]
            revived[p][again] = number
            _add(found.active[p], number, len(fresh))
            _add(found.resurrected[p], number, len(again))
            _add(found.returning[p], number, int(old.sum()) - int((first_period[p][again] < number).sum()))
            if p == "week":
                weeks.append((fresh, np.full(len(fresh), number)))
        last[members] = day
        waiting = judge(day)
    judge(1 << 40)
    ended = np.flatnonzero((last != NEVER) & (last + silent_days <= last_day))
    quiet.append((ended, last[ended] + silent_days))
    found.back, found.quiet, found.week_pairs = _joined(back), _joined(quiet), _joined(weeks)
    found.left = _joined(left)
    found.last_day = last
    return found


def _add(counts: dict[int, int], key: int, value: int) -> None:
    counts[key] = counts.get(key, 0) + value


def _joined(parts: list[tuple[Int64s, Int64s]]) -> tuple[Int64s, Int64s]:
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([a for a, _ in parts]).astype(np.int64), np.concatenate(
        [b for _, b in parts]
    ).astype(np.int64)


def distinct_per_period(member: Int64s, day: Int64s, period: str) -> dict[int, int]:
    """How many distinct members have a (member, day) in each period."""
    keys, _ = distinct_counts(member * SPAN + period_of(day, period))
    numbers, counts = distinct_counts(keys % SPAN)
    return dict(zip(numbers.tolist(), counts.tolist(), strict=True))
