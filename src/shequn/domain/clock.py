"""Times as shequn keeps them: integer microseconds since the Unix epoch, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo

MICROS_PER_SECOND = 1_000_000
MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def to_time_us(moment: datetime) -> int:
    """Microseconds since the epoch of an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return (moment - EPOCH) // _MICROSECOND


def offset_minutes(moment: datetime) -> int | None:
    """The UTC offset a datetime was recorded in, in whole minutes."""
    offset = moment.utcoffset()
    return None if offset is None else int(offset.total_seconds()) // 60


def from_time_us(time_us: int, zone: tzinfo) -> datetime:
    return (EPOCH + timedelta(microseconds=time_us)).astimezone(zone)


def iso_time(time_us: int, offset_min: int | None, fallback: tzinfo) -> str:
    """ISO 8601 with an offset: the one the event was recorded in, else the community's zone."""
    zone = fallback if offset_min is None else timezone(timedelta(minutes=offset_min))
    return from_time_us(time_us, zone).isoformat()


def parse_time(text: str, zone: tzinfo) -> int:
    """An ISO 8601 date or date-time typed by a user; without an offset it is read in `zone`."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not an ISO 8601 date or time (expected e.g. 2026-03-01 or 2026-03-01T08:00+08:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return to_time_us(moment)
