"""The JSON Lines layout: one JSON object per line, each a record; a bad line spoils only itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from typing import IO, Any

import msgspec

from ...domain.events import Event
from ..importer import Problem
from .encoding import BOM
from .parser import KNOWN_FIELDS, RecordError, event_from, problem_at, unknown_fields
from .values import json_values

_JSON_TYPES = {list: "array", str: "string", bool: "true/false", type(None): "null"}


def read_jsonl(
    stream: IO[bytes], file_name: str, zone: tzinfo, default_group: str | None
) -> Iterator[Event | Problem]:
    for number, raw in enumerate(stream, 1):
        if number == 1:
            raw = raw.removeprefix(BOM)
        if not raw or raw.isspace():
            continue
        try:
            yield event_from(_record(raw), zone, default_group)
        except RecordError as error:
            yield problem_at(file_name, number, error)


def _record(raw: bytes) -> dict[str, Any]:
    """The JSON object on one line, with only fields the layout knows."""
    try:
        record = json_values.decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        raise RecordError(f"not JSON ({error}); expected one JSON object per line, in UTF-8") from None
    if not isinstance(record, dict):
        found = _JSON_TYPES.get(type(record), "number")
        raise RecordError(f"a JSON {found}, where a JSON object was expected")
    if not KNOWN_FIELDS.issuperset(record):
        raise RecordError(unknown_fields(record))
    return record
