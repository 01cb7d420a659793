"""The groups: the brand's partners group, hospital patient groups on QQ and city groups on WeChat.

Each group has an owner whose call energy (号召力) sets how much the group talks, and a life: lively
all year, dying slowly after a while, or dead (a few stray messages after its owner gave up).
Groups are numbered in the order they were created; big cities and big hospitals come first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from .cast import QQ, WECHAT
from .names import CITIES, HOSPITALS, PARTNERS_GROUP, RENAME_PREFIX
from .streams import Part, stream
from .year import DAY_US, DAYS, END_US, HOUR_US, START_US, daily_rhythm

RENAMED_SHARE = 0.2


class GroupKind(IntEnum):
    PARTNERS = 0  # the brand's own group of team, partners and group owners
    HOSPITAL = 1  # patients of one hospital (QQ)
    CITY_PATIENTS = 2  # patients of one city, numbered (QQ)
    SAME_CITY = 3  # a city branch, with offline meetups (WeChat)


class Life(IntEnum):
    LIVELY = 0
    DYING = 1
    DEAD = 2


@dataclass(frozen=True)
class Groups:
    kind: np.ndarray
    platform: tuple[str, ...]
    handle: tuple[str, ...]
    title: tuple[str, ...]
    city: tuple[str, ...]
    created_us: np.ndarray
    renamed_us: np.ndarray  # when the owner put the brand in front of the title; -1 for never
    energy: np.ndarray  # the owner's call energy
    life: np.ndarray
    decline_day: np.ndarray  # when a dying or dead group starts to fade
    vitality: np.ndarray  # (groups, days): 1 while alive, fading after the decline
    rate: np.ndarray  # (groups, days): messages a day per unit of talkativeness

    @property
    def count(self) -> int:
        return len(self.kind)

    def created_day(self) -> np.ndarray:
        return (self.created_us - START_US) // DAY_US

    def new_title(self, group: int) -> str:
        return RENAME_PREFIX + self.title[group]


def make_groups(seed: int, members: int, count: int) -> Groups:
    rng = stream(seed, members, Part.GROUPS)
    kind = _kinds(rng, count)
    titles, cities = _titles(kind)
    created_day = _created_days(rng, count)
    energy = np.where(kind == GroupKind.PARTNERS, 2.0, rng.lognormal(0.0, 0.6, size=count))
    life = _lives(rng, energy, kind)
    decline = created_day + rng.integers(20, 200, size=count)
    vitality = _vitality(life, decline, created_day, rng)
    noise = rng.gamma(3.0, 1 / 3, size=(count, DAYS))
    return Groups(
        kind=kind,
        platform=tuple(QQ if k in (GroupKind.HOSPITAL, GroupKind.CITY_PATIENTS) else WECHAT for k in kind),
        handle=_handles(kind, seed, members),
        title=titles,
        city=cities,
        created_us=_creation_times(rng, created_day),
        renamed_us=_renames(rng, created_day, kind),
        energy=energy,
        life=life,
        decline_day=decline,
        vitality=vitality,
        rate=vitality * energy[:, None] ** 0.7 * daily_rhythm()[None, :] * noise,
    )


def _kinds(rng: np.random.Generator, count: int) -> np.ndarray:
    kind = rng.choice(
        [GroupKind.HOSPITAL, GroupKind.CITY_PATIENTS, GroupKind.SAME_CITY], size=count, p=[0.35, 0.25, 0.4]
    ).astype(np.int8)
    kind[0] = GroupKind.PARTNERS
    return kind


def _titles(kind: np.ndarray) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Titles like 上海六院病友群, 上海病友群1, 北京同城群: numbered when a name comes round again."""
    seen = {k: 0 for k in GroupKind}
    titles, cities = [], []
    for k in kind.tolist():
        n = seen[k]
        seen[k] += 1
        if k == GroupKind.PARTNERS:
            title, city = PARTNERS_GROUP, CITIES[0]
        elif k == GroupKind.HOSPITAL:
            city, hospital = HOSPITALS[n % len(HOSPITALS)]
            title = f"{hospital}病友群{_number(n // len(HOSPITALS))}"
        elif k == GroupKind.CITY_PATIENTS:
            city = CITIES[n % len(CITIES)]
            title = f"{city}病友群{n // len(CITIES) + 1}"
        else:
            city = CITIES[n % len(CITIES)]
            title = f"{city}同城群{_number(n // len(CITIES))}"
        titles.append(title)
        cities.append(city)
    return tuple(titles), tuple(cities)


def _number(round_: int) -> str:
    return "" if round_ == 0 else str(round_ + 1)


def _created_days(rng: np.random.Generator, count: int) -> np.ndarray:
    """Most groups open in the first weeks, the rest as the community grows."""
    early = rng.random(count) < 0.6
    days = np.where(early, rng.integers(0, 21, size=count), rng.integers(21, 300, size=count))
    days[0] = 0
    return np.sort(days)


def _creation_times(rng: np.random.Generator, created_day: np.ndarray) -> np.ndarray:
    """At some daytime hour; the partners group first of all, at nine on the first morning."""
    hours = rng.integers(9, 22, size=len(created_day))
    hours[0] = 9
    created: np.ndarray = START_US + created_day * DAY_US + hours * HOUR_US
    return created


def _lives(rng: np.random.Generator, energy: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Groups whose owners call least are the likeliest to die."""
    score = energy * rng.lognormal(0.0, 0.5, size=len(energy))
    order = np.argsort(np.argsort(score, kind="stable"), kind="stable")  # rank, 0 = weakest
    share = order / max(1, len(energy))
    life = np.where(share < 0.15, Life.DEAD, np.where(share < 0.4, Life.DYING, Life.LIVELY)).astype(np.int8)
    life[kind == GroupKind.PARTNERS] = Life.LIVELY
    return life


def _vitality(
    life: np.ndarray, decline: np.ndarray, created: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    days = np.arange(DAYS)[None, :]
    fading = np.clip(days - decline[:, None], 0, None)
    half_life = np.where(life == Life.DEAD, 4.0, rng.uniform(30, 90, size=len(life)))[:, None]
    floor = np.where(life == Life.DEAD, 0.02, 0.08)[:, None]
    vitality: np.ndarray = np.maximum(np.exp2(-fading / half_life), floor)
    vitality[life == Life.LIVELY] = 1.0
    vitality[days < created[:, None]] = 0.0
    return vitality


def _handles(kind: np.ndarray, seed: int, members: int) -> tuple[str, ...]:
    salt = seed * 104_729 + members * 15_485_863
    handles = []
    for group, k in enumerate(kind.tolist()):
        number = group * 7_368_787 + salt
        if k in (GroupKind.HOSPITAL, GroupKind.CITY_PATIENTS):
            handles.append(str(600_000_000 + number % 399_999_989))
        else:
            handles.append(f"{20_000_000_000 + number % 9_999_999_967}@chatroom")
    return tuple(handles)


def _renames(rng: np.random.Generator, created_day: np.ndarray, kind: np.ndarray) -> np.ndarray:
    renamed_day = created_day + rng.integers(30, 200, size=len(kind))
    renamed_us = START_US + renamed_day * DAY_US + rng.integers(9, 22, size=len(kind)) * HOUR_US
    wanted = (rng.random(len(kind)) < RENAMED_SHARE) & (kind != GroupKind.PARTNERS) & (renamed_us < END_US)
    return np.where(wanted, renamed_us, -1)
