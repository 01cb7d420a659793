"""Cohort retention: members grouped by the week of their first join, followed week by week.

Nothing is asked per (member, week): each change in a member's number of groups holds from its
week until the week of their next change, so "still a member at the end of week k" is a running
sum over +1/-1 marks at the edges of those spans, counted per cohort.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import numpy as np

from .calendar import local_days, period_of
from .grouping import Int64s, distinct_counts
from .presence import Presence

NONE = np.iinfo(np.int64).min


def retention(
    presence: Presence, week_pairs: tuple[Int64s, Int64s], zone: tzinfo, weeks: int, as_of_us: int
) -> list[dict[str, Any]]:
    """One row per cohort: its size, and for week k = 0..weeks after the week of first join, how many
    were still a member at the end of week k (at "as of" for the week it falls in) and how many were
    active in week k; weeks after "as of" are None. `week_pairs` are the (member, week) of activity."""
    joined = presence.first_join_us >= 0
    cohort_of = np.full(int(presence.members.max(initial=0)) + 1, NONE, dtype=np.int64)
    cohort_of[presence.members[joined]] = period_of(local_days(presence.first_join_us[joined], zone), "week")
    cohorts, sizes = distinct_counts(cohort_of[presence.members[joined]])
    last_week = int(period_of(local_days(np.array([as_of_us]), zone), "week")[0])
    still = _still_member(presence, cohort_of, cohorts, weeks, zone)
    active = _active(week_pairs, cohort_of, cohorts, weeks)
    rows = []
    for index, (start, size) in enumerate(zip(cohorts.tolist(), sizes.tolist(), strict=True)):
        open_weeks = min(weeks, last_week - start) + 1
        blank = [None] * (weeks + 1 - open_weeks)
        rows.append({
            "week": start,
            "members": size,
            "still_member": still[index, :open_weeks].tolist() + blank,
            "active": active[index, :open_weeks].tolist() + blank,
        })  # fmt: skip
    return rows


def _still_member(
    presence: Presence, cohort_of: Int64s, cohorts: Int64s, weeks: int, zone: tzinfo
) -> np.ndarray:
    member = presence.changes_member
    cohort = cohort_of[member]
    week = period_of(local_days(presence.changes_us, zone), "week")
    same_next = np.r_[member[1:] == member[:-1], False]
    following = np.where(same_next, np.r_[week[1:], 0], NONE)
    counted = (cohort != NONE) & (presence.changes_groups > 0)
    row = np.searchsorted(cohorts, cohort[counted])
    first = np.clip(week[counted] - cohort[counted], 0, weeks + 1)
    until = following[counted]
    last = np.where(until == NONE, weeks + 1, np.clip(until - cohort[counted], 0, weeks + 1))
    marks = np.zeros((len(cohorts), weeks + 2), dtype=np.int64)
    spans = first < last
    np.add.at(marks, (row[spans], first[spans]), 1)
    np.add.at(marks, (row[spans], last[spans]), -1)
    return np.cumsum(marks, axis=1)[:, : weeks + 1]


def _active(week_pairs: tuple[Int64s, Int64s], cohort_of: Int64s, cohorts: Int64s, weeks: int) -> np.ndarray:
    member, week = week_pairs
    cohort = cohort_of[member] if len(cohort_of) else np.zeros(0, np.int64)
    offset = week - cohort
    chosen = (cohort != NONE) & (offset >= 0) & (offset <= weeks)
    cells = np.searchsorted(cohorts, cohort[chosen]) * (weeks + 1) + offset[chosen]
    counts = np.bincount(cells, minlength=len(cohorts) * (weeks + 1))
    return counts.reshape(len(cohorts), weeks + 1)
