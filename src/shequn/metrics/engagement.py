"""Who speaks: lurkers, the share of members who ever spoke, and how long newcomers take to speak."""

from __future__ import annotations

import numpy as np

from ..domain.clock import MICROS_PER_DAY, MICROS_PER_SECOND
from .members import MemberFigures
from .presence import Presence


def lurkers(presence: Presence, figures: MemberFigures, days: int, as_of_us: int) -> np.ndarray:
    """Current members first seen at least `days` days before "as of" who never sent a message."""
    old = presence.first_seen_us <= as_of_us - days * MICROS_PER_DAY
    silent: np.ndarray = presence.current & old & (figures.messages == 0)
    return silent


def spoke_share(figures: MemberFigures) -> float | None:
    """Of everyone ever a member, the share who sent at least one message."""
    return None if not len(figures.messages) else float((figures.messages > 0).mean())


def hours_to_first_message(presence: Presence, figures: MemberFigures) -> float | None:
    """Median hours from a member's first join to their first message, over members whose first
    message came at or after their first join."""
    joined, first = presence.first_join_us, figures.first_message_us
    counted = (joined >= 0) & (first >= joined)
    if not counted.any():
        return None
    return float(np.median(first[counted] - joined[counted]) / (3600 * MICROS_PER_SECOND))
