"""Everything decided before a single event is written: the cast, the groups, who was in which group
when, and how much they talk. Small enough to hold for a million members (a few arrays of about a
million rows); the messages, which are not, are drawn group by group from it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...domain.events import Account
from .advertisers import advertiser_rows
from .campaign import run_campaign
from .cast import Cast, make_cast
from .departures import add_leaves, purge_lurkers
from .entries import choose_inviters
from .groups import Groups, make_groups
from .identities import Switches, switch_accounts
from .memberships import member_rows, team_rows
from .streams import Part, stream
from .table import Memberships, concat
from .year import DAY_US, DAYS, START_US

MESSAGES_PER_MEMBER = 40


@dataclass(frozen=True)
class Plan:
    seed: int
    members: int
    cast: Cast
    groups: Groups
    rows: Memberships  # sorted by group, then joining time
    starts: np.ndarray  # group g's rows are rows[starts[g] : starts[g + 1]]
    switches: Switches
    cumulative: np.ndarray  # see cumulative_rate
    talk_scale: float  # messages per unit of talkativeness and of group rate

    @property
    def prefix(self) -> str:
        """What every natural key of this demo starts with."""
        return f"demo:{self.seed}:{self.members}:"

    def group_rows(self, group: int) -> Memberships:
        return self.rows.take(np.arange(self.starts[group], self.starts[group + 1]))

    def accounts(self, group: int) -> list[Account]:
        """The account of each row of a group, on the group's platform."""
        platform = self.groups.platform[group]
        people = self.rows.person[self.starts[group] : self.starts[group + 1]].tolist()
        return [self.cast.account(person, platform) for person in people]


def make_plan(seed: int, members: int) -> Plan:
    cast = make_cast(seed, members)
    groups = make_groups(seed, members, cast.sizes.groups)
    rows, cast, switches = _memberships(seed, members, cast, groups)
    cumulative = cumulative_rate(groups)
    talk = exposure(rows, groups, cumulative).sum()
    return Plan(
        seed=seed,
        members=members,
        cast=cast,
        groups=groups,
        rows=rows,
        starts=rows.starts(groups.count),
        switches=switches,
        cumulative=cumulative,
        talk_scale=MESSAGES_PER_MEMBER * members / max(float(talk), 1e-9),
    )


def _memberships(seed: int, members: int, cast: Cast, groups: Groups) -> tuple[Memberships, Cast, Switches]:
    rng, moderation = stream(seed, members, Part.MEMBERSHIPS), stream(seed, members, Part.MODERATION)
    ordinary = member_rows(rng, cast, groups)
    add_leaves(rng, ordinary, groups)
    purge_lurkers(moderation, ordinary, cast, groups)
    rows = concat([team_rows(rng, cast, groups), ordinary]).in_order()
    choose_inviters(rng, rows, cast, groups)
    rows = run_campaign(stream(seed, members, Part.CAMPAIGN), rows, cast, groups)
    rows = concat([rows, advertiser_rows(moderation, cast, groups)])
    rows, cast, switches = switch_accounts(stream(seed, members, Part.IDENTITIES), rows, cast, groups)
    return rows.in_order(), cast, switches


def cumulative_rate(groups: Groups) -> np.ndarray:
    """(groups, days + 1): a group's message rate summed over the days before each day."""
    return np.concatenate([np.zeros((groups.count, 1)), np.cumsum(groups.rate, axis=1)], axis=1)


def rate_until(cumulative: np.ndarray, groups: Groups, group: np.ndarray, time_us: np.ndarray) -> np.ndarray:
    """The cumulative rate of each group up to a moment, counting part of the day it falls in."""
    days = (time_us - START_US) / DAY_US
    whole = np.clip(days.astype(np.int64), 0, DAYS - 1)
    part = np.clip(days - whole, 0.0, 1.0)
    until: np.ndarray = cumulative[group, whole] + part * groups.rate[group, whole]
    return until


def exposure(rows: Memberships, groups: Groups, cumulative: np.ndarray) -> np.ndarray:
    """How much talk each row would produce at unit scale: its weight times the group's rate while there."""
    stay = rate_until(cumulative, groups, rows.group, rows.end_us)
    stay -= rate_until(cumulative, groups, rows.group, rows.join_us)
    talk: np.ndarray = rows.weight * stay
    return talk
