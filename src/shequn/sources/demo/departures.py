"""How people leave: some drift away on their own, more from dying groups, and some owners clear
out the members who never said a word (the seeds' "remove the lurkers")."""

from __future__ import annotations

import numpy as np

from .cast import ORDINARY, Cast
from .groups import GroupKind, Groups, Life
from .table import Ending, Memberships
from .year import DAY_US, DAYS, END_US, HOUR_US, START_US, seconds_us

PURGING_SHARE = 0.3  # of groups, whose owner once removes the lurkers
PURGED_SHARE = 0.7  # of the lurkers present at a purge


def add_leaves(rng: np.random.Generator, rows: Memberships, groups: Groups) -> None:
    """Lurkers leave more than talkers; members of a fading group leave as it fades."""
    n = len(rows)
    fading = groups.life[rows.group] != Life.LIVELY
    chance = np.where(rows.weight > 0, 0.12, 0.24) + np.where(fading, 0.2, 0.0)
    drift = rows.join_us + HOUR_US + (rng.exponential(90.0, size=n) * DAY_US).astype(np.int64)
    decline_us = START_US + groups.decline_day[rows.group] * DAY_US
    with_the_group = decline_us + (rng.exponential(30.0, size=n) * DAY_US).astype(np.int64)
    leave = np.where(fading & (rng.random(n) < 0.5), np.maximum(with_the_group, drift), drift)
    leaving = (rng.random(n) < chance) & (leave < END_US)
    rows.end_us[leaving] = leave[leaving]
    rows.ending[leaving] = Ending.LEAVE


def purge_lurkers(rng: np.random.Generator, rows: Memberships, cast: Cast, groups: Groups) -> None:
    """On one evening an owner removes the members who have never spoken in a month or more."""
    created = groups.created_day()
    earliest = np.maximum(created + 60, 100)
    purge_day = earliest + (rng.random(groups.count) * (DAYS - 1 - earliest)).astype(np.int64)
    purging = (
        (rng.random(groups.count) < PURGING_SHARE)
        & (earliest < DAYS - 1)
        & (groups.kind != GroupKind.PARTNERS)
    )
    purge_us = START_US + purge_day * DAY_US + 20 * HOUR_US
    when = purge_us[rows.group]
    lurking = (rows.weight == 0) & np.isin(cast.role[rows.person], ORDINARY)
    chosen = (
        purging[rows.group]
        & lurking
        & (rows.join_us < when - 30 * DAY_US)
        & (rows.end_us > when)
        & (rng.random(len(rows)) < PURGED_SHARE)
    )
    rows.end_us[chosen] = when[chosen] + seconds_us(rng, 0, 1800, int(chosen.sum()))
    rows.ending[chosen] = Ending.REMOVAL
    rows.remover[chosen] = cast.owners_of(rows.group[chosen])
