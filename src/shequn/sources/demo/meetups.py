"""Offline events: city branches meet on Saturday afternoons, and the partners hold an annual meeting.

Turning weak online ties into strong ones (seed 003): talkers come far more often than lurkers, and
every attendee checks in (check_in, text = the event).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from ...domain.events import Event, Kind
from .cast import ORDINARY, Role
from .groups import GroupKind, Life
from .names import BRAND, BRAND_SHORT
from .plan import Plan
from .streams import Part, stream
from .table import present
from .year import DAY_US, DAYS, HOUR_US, OFFSET_MIN, START_US, day_date, day_number, seconds_us

ANNUAL_MEETING_DAY = day_number(date(2026, 1, 10))
_LIVELINESS = {Life.LIVELY: 1.0, Life.DYING: 0.5, Life.DEAD: 0.2}


@dataclass(frozen=True)
class Meetup:
    group: int
    day: int
    title: str


def draw_meetups(plan: Plan, rng: np.random.Generator) -> list[Meetup]:
    meetups = [Meetup(0, ANNUAL_MEETING_DAY, f"{BRAND}{day_date(ANNUAL_MEETING_DAY).year}合伙人年会")]
    groups = plan.groups
    for group in np.flatnonzero(groups.kind == GroupKind.SAME_CITY).tolist():
        first = int(groups.created_day()[group]) + 20
        count = min(int(rng.poisson(1.2 * groups.energy[group] * _LIVELINESS[Life(groups.life[group])])), 4)
        for day in sorted(rng.integers(first, DAYS, size=count).tolist() if first < DAYS else []):
            saturday = min(day + (5 - day_date(day).weekday()) % 7, DAYS - 1)
            meetups.append(Meetup(group, saturday, _title(groups.city[group], saturday, len(meetups))))
    return meetups


def _title(city: str, day: int, number: int) -> str:
    when = day_date(day)
    if number % 2:
        return f"{city}病友线下交流会（{when.month}月{when.day}日）"
    return f"{BRAND_SHORT}健康讲座·{city}站（{when.month}月{when.day}日）"


def check_in_events(plan: Plan) -> Iterator[Event]:
    rng = stream(plan.seed, plan.members, Part.MEETUPS)
    for number, meetup in enumerate(draw_meetups(plan, rng)):
        yield from _check_ins(plan, meetup, number, rng)


def _check_ins(plan: Plan, meetup: Meetup, number: int, rng: np.random.Generator) -> Iterator[Event]:
    start_us = START_US + meetup.day * DAY_US + 14 * HOUR_US
    first, rows = int(plan.starts[meetup.group]), plan.group_rows(meetup.group)
    role = plan.cast.role[rows.person]
    chance = np.where(rows.weight > 0, 0.15, 0.02) * np.isin(role, ORDINARY)
    chance = np.where(np.isin(role, (Role.OPERATOR, Role.PARTNER, Role.OWNER, Role.FOUNDER)), 0.7, chance)
    chance[rows.person == plan.cast.owner_of(meetup.group)] = 1.0
    coming = np.flatnonzero(present(rows, start_us, start_us) & (rng.random(len(rows)) < chance))
    platform, handle = plan.groups.platform[meetup.group], plan.groups.handle[meetup.group]
    arrivals = start_us + seconds_us(rng, -1800, 4500, len(coming))
    for row, time_us in zip(coming.tolist(), arrivals.tolist(), strict=True):
        yield Event(
            key=f"{plan.prefix}checkin:{number}:{first + row}", kind=Kind.CHECK_IN, platform=platform,
            group=handle, time_us=time_us, actor=plan.cast.account(int(rows.person[row]), platform),
            utc_offset_min=OFFSET_MIN, text=meetup.title,
        )  # fmt: skip
