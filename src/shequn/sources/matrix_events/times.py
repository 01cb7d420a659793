"""Matrix times: `origin_server_ts` is milliseconds since the epoch, with no offset of its own."""

from __future__ import annotations

from datetime import tzinfo

from ...domain.clock import from_time_us, offset_minutes

_QUARTER_HOUR_US = 900 * 1_000_000


class ZoneOffsets:
    """The UTC offset of the import's zone at a moment, remembered per quarter hour (no zone
    changes its offset between quarter hours), so a million events cost a few thousand look-ups."""

    def __init__(self, zone: tzinfo) -> None:
        self._zone = zone
        self._known: dict[int, int | None] = {}

    def at(self, time_us: int) -> int | None:
        quarter = time_us // _QUARTER_HOUR_US
        if quarter not in self._known:
            self._known[quarter] = offset_minutes(from_time_us(quarter * _QUARTER_HOUR_US, self._zone))
        return self._known[quarter]
