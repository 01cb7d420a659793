"""What a well-formed event must carry, checked before anything is stored."""

from __future__ import annotations

from .events import ORDER_KINDS, Event, Kind

_NEEDS_ACTOR = frozenset(Kind) - {Kind.GROUP_CREATED, Kind.GROUP_RENAMED, Kind.REMOVAL}
KINDS_IN_A_GROUP = (
    frozenset(Kind) - {Kind.IDENTITY_MERGED, Kind.IDENTITY_UNMERGED} - ORDER_KINDS - {Kind.CHECK_IN}
)

_TEXT_FIELDS = ("text", "product", "code", "ref", "reply_to")

# Times before 2000 or after 2200 are almost always a parsing mistake (seconds read as
# milliseconds, an epoch-zero placeholder), so they are refused rather than stored.
EARLIEST_US = 946_684_800 * 1_000_000
LATEST_US = 7_258_118_400 * 1_000_000


def problems(event: Event) -> list[str]:
    """Everything wrong with an event, as sentences naming the field; empty when it is fine."""
    found = []
    if not event.key:
        found.append("key is empty; every event needs a natural key")
    if not event.platform:
        found.append("platform is empty")
    if not EARLIEST_US <= event.time_us < LATEST_US:
        found.append(f"time_us {event.time_us} is outside 2000-01-01 .. 2200-01-01")
    if event.kind in _NEEDS_ACTOR and event.actor is None:
        found.append(f"a {event.kind} event needs an actor")
    if event.kind in KINDS_IN_A_GROUP and not event.group:
        found.append(f"a {event.kind} event needs a group")
    if event.kind in (Kind.REMOVAL, Kind.IDENTITY_MERGED, Kind.IDENTITY_UNMERGED) and event.target is None:
        found.append(f"a {event.kind} event needs a target")
    if event.kind in ORDER_KINDS:
        if event.amount_fen is None or event.amount_fen < 0:
            found.append(f"a {event.kind} event needs amount_fen, a whole number of fen >= 0")
        if not event.ref:
            found.append(f"a {event.kind} event needs ref, the order id")
    texts = (event.text, event.product, event.code, event.ref, event.reply_to)
    if "\x00" in "".join(filter(None, texts)):
        for name, value in zip(_TEXT_FIELDS, texts, strict=True):
            if value and "\x00" in value:
                found.append(f"{name} contains a NUL character (U+0000), which no database stores")
    if event.utc_offset_min is not None and not -16 * 60 <= event.utc_offset_min <= 16 * 60:
        found.append(f"utc_offset_min {event.utc_offset_min} is not a real UTC offset")
    return found
