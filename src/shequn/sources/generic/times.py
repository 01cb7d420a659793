"""When a generic record happened: `time` (ISO 8601) or `time_unix` (seconds since 1970), exactly one."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from ...domain.clock import MICROS_PER_SECOND, offset_minutes
from ...domain.validation import EARLIEST_US, LATEST_US
from .values import FieldError, shown

# Excel in Chinese locales rewrites ISO dates it opened as 2026/3/1 9:00; year first, so unambiguous.
_SLASHED = re.compile(
    r"(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?", re.ASCII
)
_SECONDS = re.compile(r"-?[0-9]{1,16}(\.[0-9]+)?")
_EARLIEST_S, _LATEST_S = EARLIEST_US // MICROS_PER_SECOND, LATEST_US // MICROS_PER_SECOND
_EPOCH, _MICROSECOND = datetime(1970, 1, 1, tzinfo=UTC), timedelta(microseconds=1)
_ISO_EXAMPLE = "ISO 8601 like 2026-03-01T09:00:00+08:00 or 2026-03-01 09:00"


def moment(record: dict[str, Any], zone: tzinfo) -> tuple[int, int | None]:
    """(time_us, utc_offset_min): an ISO time keeps its offset, or is read in `zone` without one;
    a Unix time is exact and records no offset."""
    iso, unix = record.get("time"), record.get("time_unix")
    if iso is not None and iso != "":
        if unix is not None and unix != "":
            raise FieldError("time", "and time_unix are both given; give exactly one of them")
        return _from_iso(iso, zone)
    if unix is not None and unix != "":
        return _from_unix(unix), None
    raise FieldError("time", f"is missing; every record needs time ({_ISO_EXAMPLE}) or time_unix (seconds)")


def _from_iso(raw: Any, zone: tzinfo) -> tuple[int, int | None]:
    if not isinstance(raw, str):
        raise FieldError(
            "time", f"{shown(raw)} is not text; expected {_ISO_EXAMPLE} (seconds go in time_unix)"
        )
    written = raw.strip()
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        moment = _from_slashes(written)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    time_us = (moment - _EPOCH) // _MICROSECOND  # clock.to_time_us in one C-level step: a third the time
    if not EARLIEST_US <= time_us < LATEST_US:
        raise FieldError("time", f"{shown(raw)} is not between the years 2000 and 2200")
    return time_us, offset_minutes(moment)


def _from_slashes(written: str) -> datetime:
    match = _SLASHED.fullmatch(written)
    try:
        if match is None:
            raise ValueError
        year, month, day, hour, minute, second = (int(part or 0) for part in match.groups()[:6])
        fraction = int((match[7] or "0").ljust(6, "0"))
        return datetime(year, month, day, hour, minute, second, fraction)
    except ValueError:
        raise FieldError(
            "time", f"{shown(written)} is not a date and time; expected {_ISO_EXAMPLE}"
        ) from None


def _from_unix(raw: Any) -> int:
    seconds: int | Decimal
    written = raw.strip() if isinstance(raw, str) else None
    if written and _SECONDS.fullmatch(written):
        seconds = Decimal(written) if "." in written else int(written)
    elif isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        seconds = raw
    else:
        raise FieldError(
            "time_unix", f"{shown(raw)} is not a number of seconds since 1970-01-01 UTC, e.g. 1772326800"
        )
    if not _EARLIEST_S <= seconds < _LATEST_S:
        hint = (
            "; it looks like milliseconds (divide by 1000)"
            if _EARLIEST_S <= seconds / 1000 < _LATEST_S
            else ""
        )
        raise FieldError("time_unix", f"{shown(raw)} is not between the years 2000 and 2200 in seconds{hint}")
    if isinstance(seconds, int):
        return seconds * MICROS_PER_SECOND
    return int((seconds * MICROS_PER_SECOND).to_integral_value(ROUND_HALF_EVEN))
