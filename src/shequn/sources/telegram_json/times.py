"""When a Telegram message was sent, and the UTC offset it was recorded in.

`date_unixtime` (epoch seconds, as a string) is the instant. `date` is the same instant on the
exporting PC's wall clock, written without an offset, so the difference between the two is that
PC's UTC offset at the time: shequn keeps it. Exports before 2021 have only `date`, which is then
read in the import's time zone.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from ...domain.clock import MICROS_PER_SECOND, offset_minutes, to_time_us

_EPOCH = datetime(1970, 1, 1)
_MAX_OFFSET_S = 16 * 3600
# "MM:SS" -> seconds into the hour: a lookup is twice as fast as two int() calls, per message.
_INTO_THE_HOUR = {
    f"{minute:02d}:{second:02d}": minute * 60 + second for minute in range(60) for second in range(60)
}


class Clock:
    def __init__(self, zone: tzinfo) -> None:
        self._zone = zone
        self._hour = ""  # the last "YYYY-MM-DDTHH" read, and its start as epoch seconds
        self._hour_start = 0
        self._offset_s: int | None = None  # the offset of the last message, in seconds and minutes
        self._offset_min: int | None = None

    def read(self, date: str | None, unixtime: int | None) -> tuple[int, int | None]:
        """(time_us, utc_offset_min) of a message; ValueError when neither field can be read."""
        if unixtime is not None and date is not None and date[:13] == self._hour:
            into_the_hour = _INTO_THE_HOUR.get(date[14:19])
            if into_the_hour is not None and self._hour_start + into_the_hour - unixtime == self._offset_s:
                return unixtime * MICROS_PER_SECOND, self._offset_min  # same hour, same offset
        return self._read_anew(date, unixtime)

    def _read_anew(self, date: str | None, unixtime: int | None) -> tuple[int, int | None]:
        if unixtime is None:
            if date is None:
                raise ValueError("it has neither date_unixtime nor date")
            return self.local(date)
        wall = self.wall_seconds(date) if date else None
        offset = None if wall is None else wall - unixtime
        if offset is None or offset % 60 or abs(offset) > _MAX_OFFSET_S:
            return unixtime * MICROS_PER_SECOND, None
        self._offset_s, self._offset_min = offset, offset // 60
        return unixtime * MICROS_PER_SECOND, self._offset_min

    def local(self, date: str) -> tuple[int, int | None]:
        """A wall-clock time with no offset, read in the import's time zone."""
        moment = datetime.fromisoformat(date)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self._zone)
        return to_time_us(moment), offset_minutes(moment)

    def at_offset(self, date: str, offset_min: int | None) -> tuple[int, int | None]:
        """A wall-clock time from the same PC as a message whose offset is known (reactions)."""
        wall = self.wall_seconds(date)
        if offset_min is None or wall is None:
            return self.local(date)
        return (wall - offset_min * 60) * MICROS_PER_SECOND, offset_min

    def wall_seconds(self, date: str) -> int | None:
        """`YYYY-MM-DDTHH:MM:SS` as seconds since the epoch, as if it were UTC; the hour is cached,
        since consecutive messages share it."""
        try:
            if date[:13] != self._hour:
                hour = datetime(int(date[0:4]), int(date[5:7]), int(date[8:10]), int(date[11:13]))
                self._hour, self._hour_start = date[:13], int((hour - _EPOCH).total_seconds())
            return self._hour_start + _INTO_THE_HOUR[date[14:19]]
        except (ValueError, KeyError):
            return None
