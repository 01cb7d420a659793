"""One value of a generic record: read from a CSV cell (always text) or a JSON value, or refused.

Every reader takes the raw value and the field's name, and raises `FieldError` saying what it found
and what the field expects. Empty text and JSON null mean "absent" everywhere.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

import msgspec

from ...domain.events import Account, AccountKind, Kind, Media, Via

Choice = TypeVar("Choice", bound=StrEnum)

MENTION_SEPARATOR = ";"
_PLATFORM = re.compile(r"[a-z0-9][a-z0-9_.\-]*")
_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_MENTION_FIELDS = frozenset({"id", "name", "kind", "platform"})
_MENTION_KEYS = "id, name, kind and platform"
json_values = msgspec.json.Decoder(float_hook=Decimal)  # JSON numbers with a point stay exact


class FieldError(ValueError):
    """A value a field cannot take; str() reads 'field F: what was found; what was expected'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field {field}: {message}")


def shown(raw: Any) -> str:
    """A found value as a message quotes it, cut short if long."""
    written = raw if isinstance(raw, str) else msgspec.json.encode(raw).decode()
    return repr(written if len(written) <= 60 else written[:57] + "...")


def text(raw: Any, field: str) -> str | None:
    """Free text, kept exactly as written (no trimming)."""
    if isinstance(raw, str):
        return raw or None
    if raw is None:
        return None
    raise FieldError(field, f"{shown(raw)} is not text; expected a string")


def word(raw: Any, field: str) -> str | None:
    """A name, title or id: surrounding spaces trimmed; a JSON integer is written as its digits."""
    if isinstance(raw, str):
        return raw.strip() or None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    if raw is None:
        return None
    raise FieldError(field, f"{shown(raw)} is not text; expected a string (or, for an id, a whole number)")


def identifier(raw: Any, field: str) -> str | None:
    """An account's id on its platform."""
    found = word(raw, field)
    if found is not None and found.startswith("~"):
        raise FieldError(field, f"{shown(found)} starts with '~', which marks accounts known only by name")
    return found


def platform(raw: Any, field: str) -> str | None:
    found = word(raw, field)
    if found is None:
        return None
    lowered = found.lower()
    if not _PLATFORM.fullmatch(lowered):
        raise FieldError(
            field, f"{shown(found)} is not a platform name; expected e.g. wechat, qq, telegram, shop"
        )
    return lowered


def chooser(options: type[Choice], what: str) -> Callable[[Any, str], Choice | None]:
    """A reader of one of an enumeration's values; case, spaces and hyphens are forgiven
    ('Order Paid' is order_paid)."""
    by_value = {option.value: option for option in options}

    def read(raw: Any, field: str) -> Choice | None:
        found = by_value.get(raw) if isinstance(raw, str) else None
        if found is not None:
            return found
        written = word(raw, field)
        if written is None:
            return None
        found = by_value.get(written.lower().replace("-", "_").replace(" ", "_"))
        if found is None:
            close = difflib.get_close_matches(written.lower(), list(by_value), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            expected = ", ".join(by_value)
            raise FieldError(field, f"{shown(written)} is not {what}; expected one of {expected}{hint}")
        return found

    return read


kind_of = chooser(Kind, "a kind")
media_of = chooser(Media, "a media type")
via_of = chooser(Via, "a way of joining")
account_kind_of = chooser(AccountKind, "an account kind")


def flag(raw: Any, field: str) -> bool:
    if raw is None or raw == "":
        return False
    if isinstance(raw, bool):
        return raw
    key = raw.strip().lower() if isinstance(raw, str) else str(raw) if isinstance(raw, int) else None
    if key is None or key not in _FLAGS:
        raise FieldError(field, f"{shown(raw)} is not a yes/no value; expected true, false, yes, no, 1 or 0")
    return _FLAGS[key]


def account(record: dict[str, Any], role: str, home: str) -> Account | None:
    """The account a record names in `<role>_id`, `_name`, `_kind` and `_platform`, if any; `home` is
    the record's platform, where an account is unless it names another."""
    get = record.get
    raw = get(role + "_id"), get(role + "_name"), get(role + "_kind"), get(role + "_platform")
    if raw == (None, None, None, None):
        return None
    return _account(*raw, prefix=role + "_", home=home)


def _account(
    raw_id: Any, raw_name: Any, raw_kind: Any, raw_platform: Any, prefix: str, home: str
) -> Account | None:
    account_id = identifier(raw_id, prefix + "id")
    name = word(raw_name, prefix + "name")
    kind = account_kind_of(raw_kind, prefix + "kind")
    elsewhere = platform(raw_platform, prefix + "platform")
    if account_id is None and name is None:
        if kind is not None or elsewhere is not None:
            given = prefix + ("kind" if kind is not None else "platform")
            raise FieldError(given, f"names no account; give {prefix}id or {prefix}name too")
        return None
    return Account(account_id, name, kind or AccountKind.PERSON, None if elsewhere == home else elsewhere)


def mentions(raw: Any, field: str, home: str) -> tuple[Account, ...]:
    """Ids separated by ';' ("wxid_a;wxid_b"), or a JSON list of ids or of objects with id, name,
    kind and platform."""
    if isinstance(raw, str):
        stripped = raw.strip()
        if stripped.startswith("["):
            try:
                raw = json_values.decode(stripped)
            except msgspec.DecodeError as error:
                raise FieldError(field, f"{shown(stripped)} is not a JSON list ({error})") from None
        else:
            found = (identifier(part, field) for part in stripped.split(MENTION_SEPARATOR))
            return tuple(Account(account_id) for account_id in found if account_id)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise FieldError(field, f"{shown(raw)} is not a list; expected ids separated by ';' or a JSON list")
    return tuple(_mentioned(item, field, home) for item in raw)


def _mentioned(item: Any, field: str, home: str) -> Account:
    if not isinstance(item, dict):
        account_id = identifier(item, field)
        if account_id is None:
            raise FieldError(field, "holds an empty id")
        return Account(account_id)
    unknown = sorted(set(item) - _MENTION_FIELDS)
    if unknown:
        raise FieldError(field, f"a mention has the unknown field {unknown[0]!r}; expected {_MENTION_KEYS}")
    get = item.get
    found = _account(get("id"), get("name"), get("kind"), get("platform"), prefix=field + ".", home=home)
    if found is None:
        raise FieldError(field, f"the mention {shown(item)} has neither id nor name")
    return found
