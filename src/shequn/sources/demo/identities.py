"""One person, several accounts, recorded by the operators as identity merges.

People who changed WeChat accounts: the old account talked for months, then the person came back
with a new one, and an operator recorded that both are the same person. And everyone in groups on
both platforms (the core team, partners, owners, members in a patient group and a city group): a day
after their second account first appears, its QQ number and wxid are recorded as one person.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ...domain.events import Account, Event, Kind
from .cast import QQ, WECHAT, Cast, Role
from .groups import Groups
from .table import ADDED, Ending, Memberships, concat
from .year import DAY_US, END_US, OFFSET_MIN, START_US, seconds_us


@dataclass(frozen=True)
class Switches:
    person: np.ndarray  # who changed account
    alias: np.ndarray  # the slot of their old account
    merged_us: np.ndarray  # when the two were recorded as one person


def switch_accounts(
    rng: np.random.Generator, rows: Memberships, cast: Cast, groups: Groups
) -> tuple[Memberships, Cast, Switches]:
    chosen = _switchers(rng, rows, cast, groups)
    person = rows.person[chosen]
    alias = cast.sizes.members + np.arange(len(chosen))
    switch_us = rows.join_us[chosen] + (rng.uniform(40, 200, size=len(chosen)) * DAY_US).astype(np.int64)
    switch_us = np.minimum(switch_us, END_US - 10 * DAY_US)
    merged_us = switch_us + seconds_us(rng, 3600, 2 * 86400, len(chosen))
    old = rows.take(chosen)
    old.person = alias
    old.end_us = merged_us + seconds_us(rng, 3600, 3 * 86400, len(chosen))
    old.ending[:] = Ending.LEAVE
    rows.join_us[chosen] = switch_us
    rows.via[chosen], rows.code[chosen] = ADDED, -1
    rows.inviter[chosen] = cast.owners_of(rows.group[chosen])
    for before, after, moment in zip(alias, person, switch_us, strict=True):
        rows.inviter[(rows.inviter == after) & (rows.join_us < moment)] = before  # invited by the old account
    return concat([rows, old]), cast.with_aliases(person), Switches(person, alias, merged_us)


def _switchers(rng: np.random.Generator, rows: Memberships, cast: Cast, groups: Groups) -> np.ndarray:
    """Talkative WeChat members who stayed all year in their only group, joined in the first months."""
    wanted = 2 + cast.sizes.members // 50_000
    only = np.bincount(rows.person, minlength=len(cast.role))[rows.person] == 1
    wechat = np.array(groups.platform)[rows.group] == WECHAT
    early = rows.join_us < START_US + 150 * DAY_US
    fits = only & wechat & early & (rows.weight > 0) & (rows.ending == Ending.STAYS)
    fits &= np.isin(cast.role[rows.person], (Role.MEMBER, Role.DISTRIBUTOR))
    candidates = np.flatnonzero(fits)
    return np.sort(rng.choice(candidates, size=min(wanted, len(candidates)), replace=False))


def merge_events(prefix: str, cast: Cast, switches: Switches) -> Iterator[Event]:
    for number, (person, alias, merged_us) in enumerate(
        zip(switches.person.tolist(), switches.alias.tolist(), switches.merged_us.tolist(), strict=True)
    ):
        yield Event(
            key=f"{prefix}merge:{number}",
            kind=Kind.IDENTITY_MERGED,
            platform=WECHAT,
            group=None,
            time_us=merged_us,
            actor=cast.account(person, WECHAT),
            target=cast.account(alias, WECHAT),
            utc_offset_min=OFFSET_MIN,
        )


def linked_platform_events(prefix: str, cast: Cast, rows: Memberships, groups: Groups) -> Iterator[Event]:
    """Merge the QQ and WeChat accounts of everyone who is in groups on both platforms."""
    platform = np.array(groups.platform)[rows.group]
    real = rows.person < cast.sizes.members
    first = {name: _first_joins(rows, real & (platform == name)) for name in (QQ, WECHAT)}
    for person in sorted(set(first[QQ]) & set(first[WECHAT])):
        moment = min(max(first[QQ][person], first[WECHAT][person]) + DAY_US, END_US)
        qq = cast.account(person, QQ)
        yield Event(
            key=f"{prefix}link:{person}",
            kind=Kind.IDENTITY_MERGED,
            platform=WECHAT,
            group=None,
            time_us=moment,
            actor=cast.account(person, WECHAT),
            target=Account(qq.id, qq.name, platform=QQ),
            utc_offset_min=OFFSET_MIN,
        )


def _first_joins(rows: Memberships, chosen: np.ndarray) -> dict[int, int]:
    people, join_us = rows.person[chosen], rows.join_us[chosen]
    order = np.lexsort((join_us, people))
    people, join_us = people[order], join_us[order]
    firsts = (
        np.flatnonzero(np.r_[True, people[1:] != people[:-1]])
        if len(people)
        else np.array([], dtype=np.int64)
    )
    return dict(zip(people[firsts].tolist(), join_us[firsts].tolist(), strict=True))
