"""The rows per day, week or month (active, new, returning, resurrected, churned) and the
headline activity figures, from one replay of the active days (activity.py)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import numpy as np

from .activity import NEVER, ActiveDays, Replay, distinct_per_period, replay
from .calendar import PERIODS, day_start_us, local_days, period_label, period_of
from .grouping import distinct_counts
from .presence import Presence


def activity_over_time(
    active: ActiveDays, who: Presence, zone: tzinfo, silent_days: int, last_day: int
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], Replay]:
    """(headline activity figures, rows per period name, the replay)."""
    first_seen_day = np.full(active.size, NEVER, dtype=np.int64)
    first_seen_day[who.members] = local_days(who.first_seen_us, zone)
    gone = who.changes_groups == 0
    leave_days = local_days(who.changes_us[gone], zone)
    order = np.argsort(leave_days, kind="stable")
    found = replay(
        active, first_seen_day, silent_days, last_day, (who.changes_member[gone][order], leave_days[order])
    )
    quiet_member, quiet_day = found.quiet
    still = who.present_at(quiet_member, day_start_us(quiet_day, zone))
    churn_member = np.concatenate([quiet_member[still], found.left[0]])
    churn_day = np.concatenate([quiet_day[still], found.left[1]])
    rows = {}
    for period in PERIODS:
        new_numbers, new_counts = distinct_counts(period_of(first_seen_day[who.members], period))
        tables = {
            "active": found.active[period],
            "new": dict(zip(new_numbers.tolist(), new_counts.tolist(), strict=True)),
            "returning": found.returning[period],
            "resurrected": found.resurrected[period],
            "churned": distinct_per_period(churn_member, churn_day, period),
        }
        rows[period] = _rows(tables, period, last_day)
    return _headline(found, last_day), rows, found


def _rows(tables: dict[str, dict[int, int]], period: str, last_day: int) -> list[dict[str, Any]]:
    limit = int(period_of(np.array([last_day]), period)[0])
    known = [
        number for table in tables.values() for number, count in table.items() if count and number <= limit
    ]
    if not known:
        return []
    return [
        {"period": period_label(number, period)}
        | {name: table.get(number, 0) for name, table in tables.items()}
        for number in range(min(known), max(known) + 1)
    ]


def _headline(found: Replay, last_day: int) -> dict[str, Any]:
    monthly = int((found.last_day > last_day - 30).sum())
    recent = sum(count for day, count in found.daily.items() if day > last_day - 30)
    return {
        "daily_active": found.daily.get(last_day, 0),
        "weekly_active": int((found.last_day > last_day - 7).sum()),
        "monthly_active": monthly,
        "stickiness": None if not monthly else recent / 30 / monthly,
    }
