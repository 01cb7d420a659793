"""Advertisers: accounts that ask to join a few groups, post ads with links or WeChat ids, and are
removed by the group owner within hours."""

from __future__ import annotations

import numpy as np

from .cast import QQ, WECHAT, Cast, Role
from .groups import GroupKind, Groups
from .table import REQUEST, Ending, Memberships, concat, new_rows, no_rows
from .year import DAYS, END_US, MINUTE_US, moments_on, seconds_us

_LATEST_DAY = 300


def advertiser_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    parts = [no_rows()]
    created = groups.created_day()
    platforms = np.array(groups.platform)
    for number in range(cast.sizes.advertisers):
        platform = WECHAT if number % 2 == 0 else QQ
        open_groups = np.flatnonzero((created < _LATEST_DAY) & (groups.kind != GroupKind.PARTNERS))
        same = open_groups[platforms[open_groups] == platform]
        targets = same if len(same) else open_groups
        if not len(targets):
            continue
        chosen = rng.choice(targets, size=min(len(targets), int(rng.integers(2, 5))), replace=False)
        parts.append(_visits(rng, cast.sizes.first_advertiser + number, chosen, groups, cast))
    return concat(parts)


def _visits(
    rng: np.random.Generator, person: int, chosen: np.ndarray, groups: Groups, cast: Cast
) -> Memberships:
    earliest = np.maximum(groups.created_day()[chosen] + 7, 60)
    days = earliest + (rng.random(len(chosen)) * (DAYS - 2 - earliest)).astype(np.int64)
    join = np.maximum(moments_on(rng, days), groups.created_us[chosen] + MINUTE_US)
    rows = new_rows(np.full(len(chosen), person), chosen, join, REQUEST, 0.0)
    rows.end_us[:] = np.minimum(join + seconds_us(rng, 20 * 60, 8 * 3600, len(chosen)), END_US - MINUTE_US)
    rows.ending[:] = Ending.REMOVAL
    rows.remover[:] = cast.owners_of(chosen)
    return rows


def ad_times(rows: Memberships, cast: Cast) -> list[tuple[int, list[int]]]:
    """(row, times) of the ads each advertiser posts in a group: one to three, before removal."""
    found = []
    for row in np.flatnonzero(cast.role[rows.person] == Role.ADVERTISER).tolist():
        join, end = int(rows.join_us[row]), int(rows.end_us[row])
        count = 1 + (join // 1_000_000) % 3
        step = (end - join) // (count + 1)
        found.append((row, [join + step * (n + 1) for n in range(count)]))
    return found
