"""Who is in which group: the team across many groups, ordinary members in one or a few.

The brand's founder is in every group, each operator looks after a share of them, partners sit in
the partners group and a handful of others, and every owner runs their own group and sits in the
partners group too (brought in by a partner, as the seed's 刘思慧 brought the hospital group owners).
Ordinary members settle in a home group, and some in one or two more on the same platform.
"""

from __future__ import annotations

import numpy as np

from .cast import ORDINARY, Cast
from .entries import choose_ways, join_times, make_founders
from .groups import Groups
from .table import ADDED, FOUNDER, Memberships, concat, distinct_pairs, new_rows
from .year import DAYS, END_US, HOUR_US, seconds_us

EXTRA_GROUPS_SHARE = (0.78, 0.17, 0.05)  # of members in one, two, three groups
OWNER_TALK = 10.0  # an owner talks this many times more than an average member, times their energy


def team_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    rows = concat([
        _founder_rows(rng, cast, groups),
        _operator_rows(rng, cast, groups),
        _partner_rows(rng, cast, groups),
        _owner_rows(rng, cast, groups),
    ])  # fmt: skip
    return rows.take(np.flatnonzero(rows.join_us < END_US - HOUR_US))


def member_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    person = np.flatnonzero(np.isin(cast.role, ORDINARY))
    size = _group_sizes(rng, groups)
    home = rng.choice(groups.count, size=len(person), p=size / size.sum())
    extra_person, extra_group = _extra_groups(rng, groups, size, person, home)
    everyone = np.concatenate([person, extra_person])
    group = np.concatenate([home, extra_group])
    everyone, group = distinct_pairs(everyone, group, groups.count)
    rows = new_rows(everyone, group, join_times(rng, groups, group), ADDED, cast.weight[everyone])
    make_founders(rng, rows, groups)
    choose_ways(rng, rows)
    return rows


def _group_sizes(rng: np.random.Generator, groups: Groups) -> np.ndarray:
    """How many members each group draws: more with an energetic owner and a longer life."""
    lifetime = (DAYS - groups.created_day()) / DAYS
    size = rng.lognormal(0.0, 0.6, size=groups.count) * groups.energy**0.5 * lifetime
    size[0] = 0.0  # the partners group is for the team
    if size.sum() == 0:
        size[1:] = 1.0
    return size


def _extra_groups(
    rng: np.random.Generator, groups: Groups, size: np.ndarray, person: np.ndarray, home: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    extras = rng.choice(3, size=len(person), p=EXTRA_GROUPS_SHARE)
    extra_person = np.repeat(person, extras)
    extra_home = np.repeat(home, extras)
    extra_group = np.empty(len(extra_person), dtype=np.int64)
    platforms = np.array(groups.platform)
    for platform in sorted(set(groups.platform)):  # sorted: set order changes between processes
        same = platforms == platform
        wanted = same[extra_home]
        weights = np.where(same, size, 0.0)
        if weights.sum() > 0:
            extra_group[wanted] = rng.choice(groups.count, size=int(wanted.sum()), p=weights / weights.sum())
        else:
            extra_group[wanted] = extra_home[wanted]
    return extra_person, extra_group


def _founder_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    group = np.arange(groups.count)
    join = groups.created_us + seconds_us(rng, 3600, 20 * 86400, groups.count)
    join[0] = groups.created_us[0]
    rows = new_rows(np.zeros(groups.count), group, join, ADDED, cast.weight[0])
    rows.via[0], rows.weight[0] = FOUNDER, 2.0
    rows.inviter[1:] = cast.owners_of(group[1:])
    return rows


def _operator_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    operators = cast.sizes.operators
    group = np.arange(1, groups.count)
    looked_after = 1 + (group - 1) % operators
    helping = rng.integers(1, operators + 1, size=len(group))
    also = rng.random(len(group)) < 0.1
    person = np.concatenate([np.arange(1, operators + 1), looked_after, helping[also]])
    where = np.concatenate([np.zeros(operators, dtype=np.int64), group, group[also]])
    person, where = distinct_pairs(person, where, groups.count)
    join = groups.created_us[where] + seconds_us(rng, 7200, 25 * 86400, len(where))
    rows = new_rows(person, where, join, ADDED, cast.weight[person])
    rows.inviter[:] = cast.owners_of(where)
    return rows


def _partner_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    partners = np.arange(cast.sizes.first_partner, cast.sizes.first_owner)
    visits = np.minimum(rng.integers(2, 7, size=len(partners)), groups.count - 1)
    person = np.concatenate([partners, np.repeat(partners, visits)])
    where = np.concatenate(
        [np.zeros(len(partners), dtype=np.int64), rng.integers(1, groups.count, size=visits.sum())]
    )
    person, where = distinct_pairs(person, where, groups.count)
    late = np.where(
        where == 0,
        seconds_us(rng, 60, 3000, len(where)),  # partners are there before the owners they bring
        seconds_us(rng, 86400, 60 * 86400, len(where)),
    )
    weight = np.where(where == 0, 1.0, 0.4) * cast.weight[person]
    rows = new_rows(person, where, groups.created_us[where] + late, ADDED, weight)
    rows.inviter[:] = cast.owners_of(where)
    return rows


def _owner_rows(rng: np.random.Generator, cast: Cast, groups: Groups) -> Memberships:
    group = np.arange(1, groups.count)
    owner = cast.owners_of(group)
    own = new_rows(owner, group, groups.created_us[group], FOUNDER, OWNER_TALK * groups.energy[group])
    join = groups.created_us[group] + seconds_us(rng, 3600, 3 * 86400, len(group))
    network = new_rows(owner, np.zeros(len(group)), join, ADDED, 1.0)
    network.inviter[:] = rng.integers(cast.sizes.first_partner, cast.sizes.first_owner, size=len(group))
    return concat([own, network])
