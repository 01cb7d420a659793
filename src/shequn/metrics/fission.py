"""Honest fission numbers: which newcomers stayed and spoke, and K counted both ways.

Judged for each newcomer (referrals.py), as of a moment (default: the last event):

- retained: 30 days after joining they were still in at least one of the community's groups
  (presence_spans.py); judged only when those 30 days are over, pending before.
- activated: they sent a message within 14 days of joining; pending while the 14 days run and no
  message has come yet.
- real: retained and activated; no when either is no, pending otherwise.

K_raw = attributed joins / people; K_real = real attributed joins / people, where people are everyone
who was ever a member (store/presence.py's rule) up to the as-of moment. Docs: docs/fission.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

import numpy as np
from numpy.typing import NDArray

from .calendar import local_days, period_label, period_of
from .presence_spans import NO_TIME, Spans, present_at
from .referrals import Forest

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
States = NDArray[np.int8]

YES, NO, PENDING = 1, 0, -1
MICROS_PER_DAY = 86_400 * 1_000_000


@dataclass(frozen=True)
class Windows:
    retained_days: float = 30.0
    activated_days: float = 14.0

    def retained_us(self) -> int:
        return int(self.retained_days * MICROS_PER_DAY)

    def activated_us(self) -> int:
        return int(self.activated_days * MICROS_PER_DAY)


@dataclass(frozen=True)
class Outcomes:
    """Per person: YES, NO or PENDING (meaningful for newcomers)."""

    retained: States
    activated: States
    real: States


def outcomes(
    forest: Forest, spans: Spans, first_message_us: Ints, as_of_us: int, windows: Windows
) -> Outcomes:
    joined = forest.joined_us
    ever = joined != NO_TIME
    moment = np.where(ever, joined + windows.retained_us(), NO_TIME)
    retention_judged = ever & (moment <= as_of_us)
    stayed = present_at(spans, np.where(retention_judged, moment, NO_TIME))
    retained = _states(stayed, retention_judged)
    deadline = np.where(ever, joined + windows.activated_us(), NO_TIME)
    spoke = ever & (first_message_us <= deadline) & (first_message_us <= as_of_us)
    activated = _states(spoke, spoke | (ever & (deadline <= as_of_us)))
    real = np.where(
        (retained == NO) | (activated == NO),
        NO,
        np.where((retained == YES) & (activated == YES), YES, PENDING),
    ).astype(np.int8)
    return Outcomes(retained, activated, real)


@dataclass(frozen=True)
class Tally:
    """Attributed joins counted by some key (an inviter, a code): one row per key with any."""

    key: Ints
    joins: Ints
    retained: Ints
    activated: Ints
    real: Ints
    pending: Ints  # whose `real` is still pending


def tally_by(key: Ints, chosen: Bools, result: Outcomes) -> Tally:
    """Count the people in `chosen` by `key` (only keys >= 0): small numbers (a person, a code), so
    counted by bincount rather than sorted."""
    keep = np.flatnonzero(chosen & (key >= 0))
    kept = key[keep]
    joins = np.bincount(kept, minlength=int(kept.max()) + 1 if len(kept) else 0)
    keys = np.flatnonzero(joins)
    dense = np.cumsum(joins > 0) - 1  # each key's row in the tally
    row = dense[kept]

    def count(states: States, state: int) -> Ints:
        counted: Ints = np.bincount(row[states[keep] == state], minlength=len(keys)).astype(np.int64)
        return counted

    return Tally(
        keys.astype(np.int64),
        joins[keys].astype(np.int64),
        count(result.retained, YES),
        count(result.activated, YES),
        count(result.real, YES),
        count(result.real, PENDING),
    )


@dataclass(frozen=True)
class Totals:
    people: int  # ever a member, up to the as-of moment
    newcomers: int
    attributed_joins: int
    referred_joins: int  # attributed to a person (an inviter or a personal code)
    real_joins: int  # attributed and real
    pending_joins: int  # attributed, real still pending
    k_raw: float
    k_real: float
    max_depth: int


def totals(forest: Forest, result: Outcomes, chosen: Bools) -> Totals:
    """The headline numbers over the attributed joins in `chosen` (every person, or a campaign's)."""
    people = forest.people
    counted = chosen & forest.attributed
    attributed = int(counted.sum())
    real = int((counted & (result.real == YES)).sum())
    return Totals(
        people=people,
        newcomers=int(forest.newcomer.sum()),
        attributed_joins=attributed,
        referred_joins=int((counted & (forest.parent >= 0)).sum()),
        real_joins=real,
        pending_joins=int((counted & (result.real == PENDING)).sum()),
        k_raw=attributed / people if people else 0.0,
        k_real=real / people if people else 0.0,
        max_depth=int(forest.depth[chosen].max()) if chosen.any() else 0,
    )


def _states(yes: Bools, judged: Bools) -> States:
    states: States = np.where(judged, np.where(yes, YES, NO), PENDING).astype(np.int8)
    return states


@dataclass(frozen=True)
class MonthK:
    month: str  # 2026-03, in the community's zone
    people: int  # who arrived that month
    attributed_joins: int  # attributed first joins that month
    real_joins: int
    pending_joins: int
    k_raw: float
    k_real: float


def k_by_month(forest: Forest, result: Outcomes, chosen: Bools, zone: tzinfo) -> list[MonthK]:
    """K per calendar month: the month's attributed (real) joins over the people who arrived in it, so
    the months' numerators and denominators add up to the headline K's."""
    arrived = forest.arrival_us != NO_TIME
    counted = chosen & forest.attributed
    arrival_month = period_of(local_days(forest.arrival_us[arrived], zone), "month")
    join_month = period_of(local_days(forest.joined_us[counted], zone), "month")
    if not len(arrival_month):
        return []
    first = int(arrival_month.min())
    size = int(arrival_month.max()) - first + 1

    def per_month(months: Ints, weights: Bools | None = None) -> Ints:
        counts: Ints = np.bincount(months - first, weights=weights, minlength=size).astype(np.int64)
        return counts

    people = per_month(arrival_month)
    joins = per_month(join_month)
    real = per_month(join_month, result.real[counted] == YES)
    pending = per_month(join_month, result.real[counted] == PENDING)
    return [
        MonthK(
            period_label(first + i, "month"),
            int(people[i]),
            int(joins[i]),
            int(real[i]),
            int(pending[i]),
            joins[i] / people[i] if people[i] else 0.0,
            real[i] / people[i] if people[i] else 0.0,
        )
        for i in range(size)
    ]
