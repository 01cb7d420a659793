"""How people come into a group: when (a launch burst, steady growth, the campaign's bump), by
which way (invite link, added by a member, an entry-channel code, a request) and invited by whom.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from .cast import ORDINARY, Cast, Role
from .groups import Groups
from .table import ADDED, CODE, FOUNDER, LINK, REQUEST, Memberships, pick_within, sort_key
from .year import DAY_US, DAYS, MINUTE_US, START_US, day_number, moments_on, seconds_us

CHANNEL_CODES = ("qr-poster", "official-account", "douyin-live", "xiaohongshu", "hospital-flyer", "pharmacy")
CAMPAIGN_CODE = "fission-2605"
CODES = (*CHANNEL_CODES, CAMPAIGN_CODE)
CAMPAIGN_FIRST_DAY = day_number(date(2026, 5, 8))
CAMPAIGN_LAST_DAY = CAMPAIGN_FIRST_DAY + 20
CAMPAIGN_START_US = START_US + CAMPAIGN_FIRST_DAY * DAY_US
CAMPAIGN_END_US = START_US + (CAMPAIGN_LAST_DAY + 1) * DAY_US

_WAYS = np.array([LINK, ADDED, CODE, REQUEST], dtype=np.int8)
_WAY_SHARE = [0.35, 0.3, 0.2, 0.15]


def join_density(groups: Groups) -> np.ndarray:
    """(groups, days): how likely a newcomer is to arrive on each day."""
    days = np.arange(DAYS)[None, :]
    since = days - groups.created_day()[:, None]
    launch = 1 + 25 * np.exp(-np.clip(since, 0, None) / 7)  # an owner brings the patients they know
    growth = 1 + 1.5 * days / DAYS
    campaign = np.where((days >= CAMPAIGN_FIRST_DAY) & (days <= CAMPAIGN_LAST_DAY), 2.5, 1.0)
    density: np.ndarray = groups.vitality * launch * growth * campaign
    return density


def join_times(rng: np.random.Generator, groups: Groups, group: np.ndarray) -> np.ndarray:
    """A joining time for a newcomer to each of `group`, never before the group existed."""
    density = join_density(groups)
    cdf = np.cumsum(density, axis=1)
    cdf /= cdf[:, -1:]
    rows = np.arange(groups.count)[:, None]
    # One searchsorted for all groups: row g of the CDF is shifted into [g, g + 1].
    flat = (cdf + rows).ravel()
    position = np.searchsorted(flat, group + rng.random(len(group)), side="right")
    days = np.minimum(position - group * DAYS, DAYS - 1)
    earliest = groups.created_us[group] + seconds_us(rng, 60, 3600, len(group))
    joined: np.ndarray = np.maximum(moments_on(rng, days), earliest)
    return joined


def make_founders(rng: np.random.Generator, rows: Memberships, groups: Groups) -> None:
    """The first few people of each group were there when it was created."""
    order = np.argsort(sort_key(rows.group, rng.integers(0, 2**40, size=len(rows))), kind="stable")
    sizes = np.bincount(rows.group, minlength=groups.count)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rank = np.empty(len(rows), dtype=np.int64)
    rank[order] = np.arange(len(rows)) - starts[rows.group[order]]
    founder = rank < np.minimum(3 + sizes[rows.group] // 25, 40)
    rows.via[founder] = FOUNDER
    rows.join_us[founder] = groups.created_us[rows.group[founder]] + (rank[founder] + 1) * MINUTE_US // 2


def choose_ways(rng: np.random.Generator, rows: Memberships) -> None:
    """Everyone who was not a founder came by link, was added, scanned a code or asked to join."""
    later = rows.via != FOUNDER
    rows.via[later] = rng.choice(_WAYS, size=int(later.sum()), p=_WAY_SHARE)
    coded = rows.via == CODE
    rows.code[coded] = rng.integers(0, len(CHANNEL_CODES), size=int(coded.sum()))


def choose_inviters(rng: np.random.Generator, rows: Memberships, cast: Cast, groups: Groups) -> None:
    """Who brought each newcomer who came by link or was added; rows sorted by group and time.

    Owners with more call energy bring more people; member-distributors bring many; otherwise an
    earlier member is chosen, favouring the early ones, who have had longest to invite.
    """
    starts = rows.starts(groups.count)[rows.group]
    rank = np.arange(len(rows)) - starts
    owner = cast.owners_of(rows.group)
    earlier = _earlier_member(rng, rows, cast, starts, rank)
    seller = _earlier_distributor(rng, rows, cast, starts)
    u = rng.random(len(rows))
    owner_share = np.clip(0.15 + 0.1 * groups.energy[rows.group], 0.0, 0.6)
    inviter = np.where(
        u < owner_share, owner, np.where((u < owner_share + 0.2) & (seller >= 0), seller, earlier)
    )
    invited = ((rows.via == LINK) | (rows.via == ADDED)) & (rows.inviter < 0)
    rows.inviter[invited] = inviter[invited]


def _earlier_member(
    rng: np.random.Generator, rows: Memberships, cast: Cast, starts: np.ndarray, rank: np.ndarray
) -> np.ndarray:
    chosen = starts + (rank * rng.random(len(rows)) ** 1.8).astype(np.int64)
    person = rows.person[chosen]
    usable = np.isin(cast.role[person], ORDINARY) & (rows.end_us[chosen] > rows.join_us) & (rank > 0)
    return np.where(usable & (person != rows.person), person, cast.owners_of(rows.group))


def _earlier_distributor(
    rng: np.random.Generator, rows: Memberships, cast: Cast, starts: np.ndarray
) -> np.ndarray:
    """A member-distributor who joined the same group earlier and is still there, or -1."""
    selling = cast.role[rows.person] == Role.DISTRIBUTOR
    positions = np.flatnonzero(selling)
    if not len(positions):
        return np.full(len(rows), -1, dtype=np.int64)
    before = np.cumsum(selling) - selling  # distributors in all rows before this one
    first = before[starts]
    found = pick_within(first, before - first, rng.random(len(rows)))
    chosen = positions[np.maximum(found, 0)]
    there = (found >= 0) & (rows.end_us[chosen] > rows.join_us)
    return np.where(there, rows.person[chosen], -1)
