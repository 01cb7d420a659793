"""Reading a DiscordChatExporter JSON file: the header naming guild and channel, then the messages.

DCE always writes `guild`, `channel`, `dateRange` (and `exportedAt`) before the `messages` array, so
the header is read from the head of the file and the messages one at a time with ijson: memory
stays flat however long the channel's history is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

from ...domain.events import Event
from ..files import SourceError, SourceFile
from ..importer import Problem
from ..jsonfile import header_events, json_items, text_or_none
from .messages import BadRecord, Channel, MessageReader

_HEADER_FIELDS = frozenset({"guild.id", "guild.name", "channel.id", "channel.type", "channel.name"})


def read_export(file: SourceFile, zone: tzinfo) -> Iterator[Event | Problem]:
    """The events of one exported channel, and a Problem for each message that cannot be read."""
    reader = MessageReader(read_channel(file), zone)
    for number, raw in read_messages(file):
        try:
            yield from reader.events(raw)
        except BadRecord as bad:
            yield Problem(file.name, number, f"message {number}: {bad}")


def read_channel(file: SourceFile) -> Channel:
    fields = _header_fields(file)
    channel_id = fields.get("channel.id")
    if not isinstance(channel_id, str | int) or isinstance(channel_id, bool) or not str(channel_id):
        raise SourceError(
            f"{file.name}: expected a DiscordChatExporter header with a channel id before the messages, "
            f"found {sorted(fields) or 'no header'}"
        )
    guild_id = fields.get("guild.id")
    in_a_server = guild_id is not None and str(guild_id) != "0"
    return Channel(
        id=str(channel_id),
        guild=text_or_none(fields.get("guild.name")) if in_a_server else None,
        name=text_or_none(fields.get("channel.name")) or str(channel_id),
    )


def read_messages(file: SourceFile) -> Iterator[tuple[int, Any]]:
    """Each item of the `messages` array with its 1-based number; damage raises SourceError."""
    expected = "expected the rest of the messages array and the closing braces"
    return json_items(file, "messages.item", "message", expected)


def _header_fields(file: SourceFile) -> dict[str, Any]:
    return {
        prefix: value
        for prefix, event, value in header_events(file)
        if prefix in _HEADER_FIELDS and event in ("string", "number")
    }
