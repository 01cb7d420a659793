"""The fixed cast of the tests, and a tiny event builder with overridable defaults.

alice the owner, bob an operator, carol a group owner, dave a member, eve a spammer.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count
from typing import Any

from shequn.domain.clock import to_time_us
from shequn.domain.events import Account, Event, Kind

alice = Account("1001", "alice")
bob = Account("1002", "bob")
carol = Account("1003", "carol")
dave = Account("1004", "dave")
eve = Account("1005", "eve")

SHANGHAI = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)
_numbers = count(1)


def at(days: float = 0, hours: float = 0, minutes: float = 0) -> int:
    """time_us of a moment after the fixed time zero, 2026-03-01 09:00 in Shanghai."""
    return to_time_us(T0 + timedelta(days=days, hours=hours, minutes=minutes))


def event(kind: Kind, actor: Account | None = None, **fields: Any) -> Event:
    defaults: dict[str, Any] = {
        "key": f"test:{next(_numbers)}",
        "platform": "telegram",
        "group": "g1",
        "group_name": "Tea lovers",
        "time_us": at(),
        "utc_offset_min": 480,
    }
    return Event(kind=kind, actor=actor, **(defaults | fields))
