"""The demo's year: 365 Asia/Shanghai days ending 2026-10-31, and when in a day people write."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np

from ...domain.clock import MICROS_PER_DAY, MICROS_PER_SECOND, to_time_us

SHANGHAI = timezone(timedelta(hours=8))
OFFSET_MIN = 480
FIRST_DAY = date(2025, 11, 1)
DAYS = 365
START_US = to_time_us(datetime(2025, 11, 1, tzinfo=SHANGHAI))
END_US = START_US + DAYS * MICROS_PER_DAY
DAY_US = MICROS_PER_DAY
HOUR_US = 3600 * MICROS_PER_SECOND
MINUTE_US = 60 * MICROS_PER_SECOND

# Share of a day's messages written in each local hour: quiet nights, a start around eight, a lunch
# break, and the evening peak after dinner when patients and families have time to talk.
_HOUR_WEIGHTS = np.array(
    [0.35, 0.18, 0.09, 0.05, 0.05, 0.12, 0.45, 1.3, 2.2, 2.5, 2.4, 2.3,
     2.6, 2.0, 1.7, 1.8, 1.9, 2.0, 2.1, 2.5, 3.1, 3.3, 2.7, 1.3]
)  # fmt: skip
HOUR_SHARE = _HOUR_WEIGHTS / _HOUR_WEIGHTS.sum()

_WEEKDAY_FACTOR = np.array([1.0, 0.97, 0.98, 1.0, 0.94, 1.12, 1.08])  # Monday .. Sunday

# Spring Festival eve and days, and National Day: greetings and red envelopes fill every group.
_FESTIVALS = {
    date(2026, 2, 16): 1.9, date(2026, 2, 17): 2.2, date(2026, 2, 18): 1.4,
    date(2026, 1, 1): 1.3, date(2026, 10, 1): 1.5, date(2026, 9, 25): 1.3,
}  # fmt: skip


def day_number(day: date) -> int:
    """Days since the first day of the demo year."""
    return (day - FIRST_DAY).days


def day_date(number: int) -> date:
    return FIRST_DAY + timedelta(days=number)


def daily_rhythm() -> np.ndarray:
    """How busy each day of the year is compared with an ordinary Monday."""
    weekdays = (FIRST_DAY.weekday() + np.arange(DAYS)) % 7
    rhythm = _WEEKDAY_FACTOR[weekdays].copy()
    for day, factor in _FESTIVALS.items():
        rhythm[day_number(day)] *= factor
    return rhythm


def day_start_us(days: np.ndarray) -> np.ndarray:
    return START_US + days.astype(np.int64) * DAY_US


def moments_on(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """A time on each of `days`, at the hours people in China write to their groups."""
    hours = rng.choice(24, size=len(days), p=HOUR_SHARE)
    seconds = rng.integers(0, 3600, size=len(days))
    return day_start_us(days) + hours * HOUR_US + seconds * MICROS_PER_SECOND


def seconds_us(rng: np.random.Generator, low: float, high: float, size: int) -> np.ndarray:
    """Random whole-second durations between `low` and `high` seconds, in microseconds."""
    return rng.integers(int(low), int(high), size=size).astype(np.int64) * MICROS_PER_SECOND
