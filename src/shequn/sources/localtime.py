"""Times in the zone the import names, for exports that write no UTC offset: local date-times (QQ,
WeChat) and instants whose offset the event must still record (Slack, Matrix, WeChat's CreateTime).

A zone's offset is looked up once and remembered: asking a ZoneInfo for every line of a large
export would cost more than parsing the line. Offsets change on the hour in every zone that keeps
daylight saving today, and every offset in use is a whole number of quarter hours, so one look-up
per local hour, or per quarter hour of UTC, holds for all the moments in it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from ..domain.clock import MICROS_PER_SECOND, from_time_us, offset_minutes, to_time_us

_CACHE_LIMIT = 200_000  # hours or quarter hours remembered, each (about 23 years of every hour)
_QUARTER_HOUR_US = 900 * MICROS_PER_SECOND


class LocalClock:
    """Local date-times as (UTC microseconds, offset minutes), and the offset at an instant, in one
    zone."""

    def __init__(self, zone: tzinfo) -> None:
        self._zone = zone
        self._hours: dict[tuple[int, int, int, int], tuple[int, int]] = {}
        self._quarters: dict[int, int] = {}

    def at(self, year: int, month: int, day: int, hour: int, minute: int, second: int) -> tuple[int, int]:
        """Raises ValueError for a date or time that does not exist."""
        if not (0 <= minute < 60 and 0 <= second < 60):
            raise ValueError(f"{hour}:{minute:02}:{second:02} is not a time of day")
        known = self._hours.get((year, month, day, hour))
        if known is None:
            known = self._hour_start(year, month, day, hour)
        start_s, offset = known
        return (start_s + minute * 60 + second) * MICROS_PER_SECOND, offset

    def _hour_start(self, year: int, month: int, day: int, hour: int) -> tuple[int, int]:
        moment = datetime(year, month, day, hour, tzinfo=self._zone)
        if not 2000 <= year < 2200:
            raise ValueError(f"the year {year} is outside 2000..2199")
        known = (to_time_us(moment) // MICROS_PER_SECOND, offset_minutes(moment) or 0)
        if len(self._hours) >= _CACHE_LIMIT:
            self._hours.clear()
        self._hours[(year, month, day, hour)] = known
        return known

    def offset_at(self, time_us: int) -> int:
        """The zone's offset at an instant, for times the export gives as epoch (milli)seconds."""
        quarter = time_us // _QUARTER_HOUR_US
        known = self._quarters.get(quarter)
        if known is None:
            known = offset_minutes(from_time_us(quarter * _QUARTER_HOUR_US, self._zone)) or 0
            if len(self._quarters) >= _CACHE_LIMIT:
                self._quarters.clear()
            self._quarters[quarter] = known
        return known
