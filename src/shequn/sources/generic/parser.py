"""The generic layout: one record (a CSV row or a JSON object) of named fields becomes one event.

The fields are the canonical event's own (docs/formats/generic.md), so a shop system, a bot or a
spreadsheet can write anything shequn stores. Both layouts share this module; they differ only in
how a record's raw values arrive (CSV cells are always text, JSON values keep their types).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import tzinfo
from typing import Any

from ...domain.events import Event, Kind
from ...domain.validation import KINDS_IN_A_GROUP, problems
from ..importer import Problem
from .amounts import amount_fen
from .times import moment
from .values import FieldError, account, flag, kind_of, media_of, mentions, platform, text, via_of, word

FIELDS = (
    "key", "kind", "platform", "group", "group_name", "time", "time_unix",
    "actor_id", "actor_name", "actor_kind", "actor_platform",
    "target_id", "target_name", "target_kind", "target_platform",
    "inviter_id", "inviter_name", "inviter_kind", "inviter_platform",
    "text", "ref", "reply_to", "mentions", "media", "via", "code",
    "amount_fen", "amount_yuan", "product", "edited", "deleted",
)  # fmt: skip
KNOWN_FIELDS = frozenset(FIELDS)
_REQUIRED = {
    "key": "the natural key, unique within the community",
    "kind": "e.g. message, join, order_paid",
    "platform": "e.g. wechat, qq, telegram",
}
REQUIRED_FIELDS = tuple(_REQUIRED)


class RecordError(ValueError):
    """A record that is not an event; str() says what is wrong and, where one is, names the field."""


def problem_at(file_name: str, line: int, error: RecordError) -> Problem:
    """'field kind: ...' when one field is wrong, what is wrong with the record otherwise; the
    Problem itself names the file and the line."""
    return Problem(file_name, line, str(error))


def unknown_fields(names: Iterable[str], what: str = "field") -> str | None:
    """The complaint about the first name not in the layout, or None when all are known."""
    for name in names:
        if name not in KNOWN_FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            return f"unknown {what} {name!r}{hint}; the known {what}s are {', '.join(FIELDS)}"
    return None


def event_from(record: dict[str, Any], zone: tzinfo, default_group: str | None) -> Event:
    """The event a record describes; raises `RecordError` naming the field that is wrong."""
    try:
        event = _event(record, zone, default_group)
    except FieldError as error:
        raise RecordError(str(error)) from None
    found = problems(event)
    if found:
        raise RecordError("; ".join(found))
    return event


# The fields read on their own, each into the event field of the same name.
_READERS: dict[str, Callable[[Any, str], Any]] = {
    "key": word, "kind": kind_of, "platform": platform, "group": word, "group_name": word, "text": text,
    "ref": word, "reply_to": word, "media": media_of, "via": via_of, "code": word,
    "product": word, "edited": flag, "deleted": flag,
}  # fmt: skip


def _event(record: dict[str, Any], zone: tzinfo, default_group: str | None) -> Event:
    fields: dict[str, Any] = {}
    for name, raw in record.items():
        read = _READERS.get(name)
        if read is not None:
            fields[name] = read(raw, name)
    for name, expected in _REQUIRED.items():
        if fields.get(name) is None:
            raise FieldError(name, f"is missing; every record needs it ({expected})")
    kind = fields["kind"]
    fields["group"], fields["group_name"] = _group(
        fields.get("group"), fields.get("group_name"), kind, default_group
    )
    fields["time_us"], fields["utc_offset_min"] = moment(record, zone)
    fields["amount_fen"] = amount_fen(record, kind)
    home = fields["platform"]
    for role in ("actor", "target", "inviter"):
        fields[role] = account(record, role, home)
    fields["mentions"] = mentions(record.get("mentions"), "mentions", home)
    return Event(**fields)


def _group(
    group: str | None, name: str | None, kind: Kind, default_group: str | None
) -> tuple[str | None, str | None]:
    """The group's id and title: a record without an id is known by its title, else by --group (for
    the kinds that happen in a group)."""
    if group is None and name is None and kind in KINDS_IN_A_GROUP:
        name = default_group
    return group or name, name
