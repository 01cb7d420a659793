"""Reading a DiscordChatExporter JSON file: the header naming guild and channel, then the messages.

DCE always writes `guild`, `channel`, `dateRange` (and `exportedAt`) before the `messages` array, so
the header is read from the head of the file and the messages one at a time with ijson: memory
stays flat however long the channel's history is.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import tzinfo
from typing import IO, Any

import ijson

from ...domain.events import Event
from ..files import SourceError, SourceFile
from ..importer import Problem
from .messages import BadRecord, Channel, MessageReader

HEADER_BYTES = 1 << 20  # the header is a few hundred bytes; a megabyte leaves room for odd names
_HEADER_FIELDS = frozenset({"guild.id", "guild.name", "channel.id", "channel.type", "channel.name"})
_UTF8_BOM = b"\xef\xbb\xbf"


def read_export(file: SourceFile, zone: tzinfo) -> Iterator[Event | Problem]:
    """The events of one exported channel, and a Problem for each message that cannot be read."""
    reader = MessageReader(read_channel(file), zone)
    for number, raw in read_messages(file):
        try:
            yield from reader.events(raw)
        except BadRecord as bad:
            yield Problem(file.name, number, f"message {number}: {bad}")


def read_channel(file: SourceFile) -> Channel:
    fields = _header_fields(file.head(HEADER_BYTES).removeprefix(_UTF8_BOM))
    channel_id = fields.get("channel.id")
    if not isinstance(channel_id, str | int) or isinstance(channel_id, bool) or not str(channel_id):
        raise SourceError(
            f"{file.name}: expected a DiscordChatExporter header with a channel id before the messages, "
            f"found {sorted(fields) or 'no header'}"
        )
    guild_id = fields.get("guild.id")
    return Channel(
        id=str(channel_id),
        guild=_text(fields.get("guild.name")) if guild_id is not None and str(guild_id) != "0" else None,
        name=_text(fields.get("channel.name")) or str(channel_id),
    )


def read_messages(file: SourceFile) -> Iterator[tuple[int, Any]]:
    """Each item of the `messages` array with its 1-based number; damage raises SourceError."""
    number = 0
    with file.open() as stream:
        _skip_bom(stream)
        try:
            for number, raw in enumerate(ijson.items(stream, "messages.item", use_float=True), start=1):
                yield number, raw
        except (ijson.JSONError, ValueError) as error:  # ValueError: bytes that are not UTF-8
            found = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable JSON"
            raise SourceError(
                f"{file.name}: the JSON is damaged or cut short after message {number} ({found}); "
                "expected the rest of the messages array and the closing braces"
            ) from None


def _header_fields(head: bytes) -> dict[str, Any]:
    found: dict[str, Any] = {}
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            if prefix == "messages":
                break
            if prefix in _HEADER_FIELDS and event in ("string", "number"):
                found[prefix] = value
    except (ijson.JSONError, ValueError):
        pass  # the head ends inside the file; real damage shows when the messages are read
    return found


def _skip_bom(stream: IO[bytes]) -> None:
    peek = getattr(stream, "peek", None)
    if peek is not None and peek(3)[:3] == _UTF8_BOM:
        stream.read(3)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
