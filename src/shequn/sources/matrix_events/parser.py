"""The three shapes Matrix room events come in, read as one stream of raw events.

- Element's "Export chat" JSON: a header (`room_name`, `room_creator`, `topic`, `export_date`,
  `exported_by`) and then `messages`, the room's events oldest first. Exports run to gigabytes, so
  the header is read from the head of the file and the events one at a time with ijson.
- A bare JSON array of events, such as a `/state` response: streamed the same way.
- A `/messages` (`chunk`, `state`) or `/context` (`events_before`, `event`, `events_after`, `state`)
  response. A server sends these a page at a time (at most a thousand or so events), so the page is
  read whole and put in time order: `/messages` pages backwards by default and `events_before`
  always runs newest first. Reading it whole also lets edits and redactions reach the messages they
  change, which come earlier in time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..files import SourceError, SourceFile
from ..jsonfile import JSON_DAMAGE, damaged, header_events, json_entries, json_items

ELEMENT_START = re.compile(r'\A\s*\{\s*"room_name"\s*:')
ARRAY_START = re.compile(r"\A\s*\[")
RESPONSE_KEYS = frozenset({"chunk", "events_before", "event", "events_after", "state", "start", "end"})
_FIRST_KEY = re.compile(r'\A\s*\{\s*"([A-Za-z_]+)"\s*:')
_EXPECTED = "expected the rest of the events and the closing brackets"


@dataclass(frozen=True)
class Export:
    """What a file says about its room besides the events; empty for raw server responses."""

    room_name: str | None = None
    whole_page: bool = False  # a server response, read whole and sorted


def shape(head: str) -> str | None:
    """ "element", "array" or "response" when the head of a file looks like Matrix events."""
    if not ('"origin_server_ts"' in head and '"event_id"' in head) and not ELEMENT_START.match(head):
        return None
    if ELEMENT_START.match(head):
        return "element"
    if ARRAY_START.match(head):
        return "array"
    first = _FIRST_KEY.match(head)
    return "response" if first and first.group(1) in RESPONSE_KEYS else None


def read_export(file: SourceFile) -> tuple[Export, Iterator[tuple[int, Any]]]:
    """The file's room facts, and its events numbered from 1 in the order to process them."""
    found = shape(file.head_text())
    if found == "element":
        return Export(room_name=_element_room_name(file)), _stream(file, "messages.item")
    if found == "array":
        return Export(), _stream(file, "item")
    if found == "response":
        return Export(whole_page=True), _whole_page(file)
    raise SourceError(
        f"{file.name}: expected Matrix room events "
        "(an Element export, or a /messages, /context or /state response)"
    )


def _stream(file: SourceFile, prefix: str) -> Iterator[tuple[int, Any]]:
    return json_items(file, prefix, "event", _EXPECTED)


def _whole_page(file: SourceFile) -> Iterator[tuple[int, Any]]:
    """The page's events numbered in the order the file lists them, then put in time order."""
    numbered: list[tuple[int, Any]] = []
    try:
        for key, value in json_entries(file):
            numbered.extend(
                (len(numbered) + index, raw) for index, raw in enumerate(_page_events(key, value), 1)
            )
    except JSON_DAMAGE as error:
        raise damaged(file, "event", len(numbered), error, _EXPECTED) from None
    numbered.sort(key=lambda item: _sort_time(item[1]))
    yield from numbered


def _page_events(key: str, value: Any) -> list[Any]:
    if key == "event":
        return [value]
    return (
        value
        if key in ("chunk", "events_before", "events_after", "state") and isinstance(value, list)
        else []
    )


def _sort_time(raw: Any) -> int:
    time = raw.get("origin_server_ts") if isinstance(raw, dict) else None
    return time if isinstance(time, int) else 0


def _element_room_name(file: SourceFile) -> str | None:
    for prefix, event, value in header_events(file):
        if prefix == "room_name" and event == "string":
            return value if isinstance(value, str) and value else None
    return None
