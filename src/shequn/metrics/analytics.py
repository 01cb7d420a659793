"""Every figure of docs/metrics.md for one community, from its columns: the whole computation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

import numpy as np

from ..domain.clock import iso_time
from .activity import active_days
from .calendar import local_day
from .cohorts import retention
from .columns import EventColumns
from .engagement import hours_to_first_message, lurkers, spoke_share
from .funnel import channel_rows, cohort_labels, funnel_rows
from .grouping import Int64s
from .groups import group_health
from .members import STAGES, member_figures, stages, weekly_activity
from .periods import activity_over_time
from .presence import Presence, presence
from .settings import Settings


@dataclass(frozen=True)
class MemberRows:
    """One row per member, for `shequn members`: aligned arrays."""

    member_id: Int64s
    stage: Int64s
    joined_us: Int64s  # first join, else first seen
    last_message_us: Int64s  # -1 when none
    messages: Int64s


@dataclass(frozen=True)
class Analytics:
    figures: dict[str, Any]  # JSON-ready
    members: MemberRows
    member_groups: tuple[Int64s, Int64s]  # (member, group) pairs present now, sorted by member


def compute(columns: EventColumns, zone: tzinfo, settings: Settings) -> Analytics:
    as_of = columns.last_time_us()
    who = presence(columns)
    days = active_days(columns, zone)
    figures = member_figures(columns, who)
    weeks_active, interactions = weekly_activity(columns, who, as_of, settings.stages.fan_weeks)
    stage = stages(who, figures, weeks_active, interactions, settings.stages, as_of)
    last_day = local_day(as_of, zone) if len(columns) else 0
    silent = lurkers(who, figures, settings.stages.newcomer_days, as_of)
    groups = group_health(columns, who, settings.windows, as_of)
    activity, periods, found = activity_over_time(days, who, zone, settings.windows.silent_days, last_day)
    result = {
        "as_of": iso_time(as_of, None, zone) if len(columns) else None,
        "timezone": str(zone),
        "headline": {
            "members": len(who.members),
            "current_members": int(who.current.sum()),
            **activity,
            "lurkers": int(silent.sum()),
            "spoke_share": spoke_share(figures),
            "hours_to_first_message": hours_to_first_message(who, figures),
            "dying_groups": sum(1 for group in groups if group["dying"]),
        },
        "periods": periods,
        "retention": retention(who, found.week_pairs, zone, settings.windows.cohort_weeks, as_of),
        "stages": dict(zip(STAGES, np.bincount(stage, minlength=len(STAGES)).tolist(), strict=True)),
        "groups": groups,
        "funnel": {
            "by_channel": funnel_rows(
                list(columns.channels), who.first_join_channel, figures, settings.stages.repeat_orders
            ),
            "by_cohort": funnel_rows(*cohort_labels(who, zone), figures, settings.stages.repeat_orders),
        },
        "channels": channel_rows(columns, who, settings, as_of),
    }
    joined = np.where(who.first_join_us >= 0, who.first_join_us, who.first_seen_us)
    rows = MemberRows(who.members, stage, joined, figures.last_message_us, figures.messages)
    return Analytics(result, rows, _member_groups(columns, who))


def _member_groups(columns: EventColumns, who: Presence) -> tuple[Int64s, Int64s]:
    people = max(int(columns.member_of.max(initial=0)) + 1, 1)
    pairs = who.group_present
    member, group = pairs % people, pairs // people
    order = np.lexsort((group, member))
    return member[order], group[order]
