"""Header dates and times as WhatsApp writes them, turned into UTC microseconds and an offset.

An export carries no time zone: its times are the exporting phone's wall clock, so they are read in
the zone the import is given and keep that zone's offset at each moment. Whether `03/04/23` is the
3rd of April or the 4th of March depends on the phone's locale and cannot be read off one line;
`DateOrder` is decided for the whole file before parsing (see `prescan.py`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum

_EPOCH_DAY = date(1970, 1, 1).toordinal()
_US_PER_DAY = 86_400_000_000
_DATE_FIELDS = re.compile(r"[/.\-]")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
_MARKER_NOISE = re.compile(r"[\s.]")
_AM = frozenset({"am", "上午", "午前"})
_PM = frozenset({"pm", "下午", "午後"})
_CACHE_LIMIT = 200_000  # distinct dates or clock strings held before a cache is dropped
# Years a header may name: inside the event model's 2000..2200 window whatever the time zone.
FIRST_YEAR, LAST_YEAR = 2001, 2198


class DateOrder(Enum):
    DAY_FIRST = "day/month/year"
    MONTH_FIRST = "month/day/year"


class Clock:
    """Converts a header's date and clock strings to (time_us, utc_offset_min), or None when the
    date or time cannot exist. Both halves are cached by their text: an export repeats the same few
    thousand dates and clock readings, so almost every header costs two dictionary look-ups.

    The parser's inner loop reads the caches directly: `days` maps a date to (UTC microseconds of
    its local midnight, its offset in minutes), `clocks` a clock reading to seconds after
    midnight; on a miss it asks `plain_day` and `seconds`, which fill them. A date that is still
    missing (impossible, or a day on which the offset changes) means: ask `moment`."""

    def __init__(self, zone: tzinfo, order: DateOrder) -> None:
        self._zone = zone
        self._day_first = order is DateOrder.DAY_FIRST
        self.days: dict[str, tuple[int, int]] = {}
        self.clocks: dict[str, int] = {}
        self._other_days: dict[str, date | None] = {}  # days the offset changes on; None: no such day

    def moment(self, date_text: str, clock_text: str) -> tuple[int, int] | None:
        day = self.days.get(date_text) or self._day(date_text)
        seconds = self.clocks.get(clock_text)
        if seconds is None:
            seconds = self.seconds(clock_text)
        if day is None or seconds is None:
            return None
        if isinstance(day, date):
            return self._on_transition_day(day, seconds)
        return (day[0] + seconds * 1_000_000, day[1])

    def plain_day(self, text: str) -> tuple[int, int] | None:
        """`days[text]`, computed and cached if need be; None for a day `days` cannot hold."""
        found = self._day(text)
        return found if isinstance(found, tuple) else None

    def _day(self, text: str) -> tuple[int, int] | date | None:
        if text in self._other_days:
            return self._other_days[text]
        if len(self.days) > _CACHE_LIMIT:
            self.days.clear()
        found = self._read_day(text)
        if isinstance(found, tuple):
            self.days[text] = found
        else:
            self._other_days[text] = found
        return found

    def _read_day(self, text: str) -> tuple[int, int] | date | None:
        """(UTC microseconds of local midnight, offset) for a plain day; the date itself for a day
        the offset changes on, whose every time must be looked up; None for no such day."""
        first, second, third = (int(part) for part in _DATE_FIELDS.split(text))
        if first >= 100:
            year, month, day = first, second, third
        elif self._day_first:
            day, month, year = first, second, third
        else:
            month, day, year = first, second, third
        year += 2000 if year < 100 else 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            calendar_day = date(year, month, day)
        except ValueError:
            return None
        midnight = datetime(year, month, day, tzinfo=self._zone).utcoffset()
        if (
            midnight is None
            or midnight != datetime(year, month, day, 23, 59, 59, tzinfo=self._zone).utcoffset()
        ):
            return calendar_day
        offset_min = int(midnight.total_seconds()) // 60
        local_midnight_us = (calendar_day.toordinal() - _EPOCH_DAY) * _US_PER_DAY
        return (local_midnight_us - offset_min * 60_000_000, offset_min)

    def _on_transition_day(self, calendar_day: date, seconds: int) -> tuple[int, int]:
        local = datetime.combine(calendar_day, datetime.min.time(), self._zone) + timedelta(seconds=seconds)
        offset = local.utcoffset()
        offset_min = 0 if offset is None else int(offset.total_seconds()) // 60
        naive_us = (calendar_day.toordinal() - _EPOCH_DAY) * _US_PER_DAY + seconds * 1_000_000
        return (naive_us - offset_min * 60_000_000, offset_min)

    def seconds(self, text: str) -> int | None:
        """`clocks[text]`, computed and cached if need be; None for no such time."""
        if len(self.clocks) > _CACHE_LIMIT:
            self.clocks.clear()
        found = seconds_of_day(text)
        if found is not None:
            self.clocks[text] = found
        return found


def seconds_of_day(text: str) -> int | None:
    """`21:05`, `9:05:33 PM`, `11:30 p. m.`, `下午3:50`: seconds after midnight, or None."""
    found = _CLOCK.search(text)
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2])
    second = int(found[3]) if found[3] else 0
    marker = _MARKER_NOISE.sub("", text[: found.start()] + text[found.end() :]).lower()
    if marker in _PM and hour < 12:
        hour += 12
    elif marker in _AM and hour == 12:
        hour = 0
    elif marker and marker not in _AM and marker not in _PM:
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour * 3600 + minute * 60 + second
