"""Local days, weeks and months of a community, computed for millions of times at once.

A day is the community's local day. The zone's UTC offset is sampled at every whole hour of the
covered range (a few thousand calls to the zone rules), then looked up for each time by its hour:
exact for every zone whose offset changes on the hour, which is every zone in use today.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ..domain.clock import MICROS_PER_DAY, from_time_us

Int64s = npt.NDArray[np.int64]
HOUR_US = 3600 * 1_000_000
PERIODS = ("day", "week", "month")
_EPOCH_DATE = datetime(1970, 1, 1).date()


def local_days(time_us: Int64s, zone: tzinfo) -> Int64s:
    """Days since 1970-01-01 in the zone's local calendar."""
    if not len(time_us):
        return np.zeros(0, dtype=np.int64)
    # Whole blocks of 2**13 hours (almost a year), so calls over similar ranges share one table.
    first = int(time_us.min()) // HOUR_US >> 13 << 13
    offsets = _hourly_offsets(zone, first, ((int(time_us.max()) // HOUR_US - first) >> 13) + 1 << 13)
    local = time_us + offsets[time_us // HOUR_US - first]
    days: Int64s = local // MICROS_PER_DAY
    return days


@lru_cache(maxsize=16)
def _hourly_offsets(zone: tzinfo, first_hour: int, hours: int) -> Int64s:
    """The zone's UTC offset at each whole hour from `first_hour` on (asked once per range)."""
    return np.array(
        [_offset_us(zone, (first_hour + hour) * HOUR_US) for hour in range(hours)], dtype=np.int64
    )


def _offset_us(zone: tzinfo, time_us: int) -> int:
    offset = from_time_us(time_us, zone).utcoffset() or timedelta(0)
    return int(offset.total_seconds()) * 1_000_000


def local_day(time_us: int, zone: tzinfo) -> int:
    return int(local_days(np.array([time_us], dtype=np.int64), zone)[0])


def period_of(days: Int64s, period: str) -> Int64s:
    """Week numbers (weeks start on Monday; 1970-01-01 was a Thursday) or month numbers of days."""
    if period == "day":
        return days
    if period == "week":
        weeks: Int64s = (days + 3) // 7
        return weeks
    months: Int64s = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return months


def period_label(number: int, period: str) -> str:
    """2026-03-01 for a day, the Monday for a week, 2026-03 for a month."""
    if period == "day":
        return (_EPOCH_DATE + timedelta(days=number)).isoformat()
    if period == "week":
        return (_EPOCH_DATE + timedelta(days=number * 7 - 3)).isoformat()
    return f"{1970 + number // 12:04d}-{number % 12 + 1:02d}"


def days_in_period(number: int, period: str) -> int:
    if period == "day":
        return 1
    if period == "week":
        return 7
    start = np.datetime64(period_label(number, "month"), "M")
    return int(((start + 1).astype("datetime64[D]") - start.astype("datetime64[D]")).astype(int))


def day_start_us(days: Int64s, zone: tzinfo) -> Int64s:
    """The UTC moment each local day starts, taking the zone's offset at noon UTC of that date (exact
    except on the day of a daylight-saving change, where it may be an hour off)."""
    if not len(days):
        return np.zeros(0, dtype=np.int64)
    first, last = int(days.min()), int(days.max())
    noon = 12 * HOUR_US
    offsets = np.array(
        [_offset_us(zone, d * MICROS_PER_DAY + noon) for d in range(first, last + 1)], np.int64
    )
    starts: Int64s = days * MICROS_PER_DAY - offsets[days - first]
    return starts
