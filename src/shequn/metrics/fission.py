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

import numpy as np
from numpy.typing import NDArray

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
    """Count the people in `chosen` by `key` (only keys >= 0)."""
    keep = chosen & (key >= 0)
    keys, inverse = np.unique(key[keep], return_inverse=True)

    def count(mask: Bools | None = None) -> Ints:
        weights = None if mask is None else mask[keep].astype(np.int64)
        counted: Ints = np.bincount(inverse, weights=weights, minlength=len(keys)).astype(np.int64)
        return counted

    return Tally(
        keys.astype(np.int64),
        count(),
        count(result.retained == YES),
        count(result.activated == YES),
        count(result.real == YES),
        count(result.real == PENDING),
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
