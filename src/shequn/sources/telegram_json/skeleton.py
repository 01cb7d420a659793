"""The outline of a `result.json`, parsed incrementally: which chats it holds, and where their
messages start and end.

Bytes are pushed into ijson's C parser as they are read. When the fast path (see `layout.py`) cuts
a chat's messages out of the stream itself, the outline sees only `"messages": [` and `]`; for files
not laid out the way Telegram Desktop writes them, every message goes through here and is built
from parser events, which is slower but reads any valid JSON.
"""

from __future__ import annotations

from typing import Any

import ijson
import msgspec
from ijson.common import ObjectBuilder

from ..files import SourceError
from .records import BadRecord, Batch, ChatEnd, ChatStart, Item, message_from_object

# Where chats sit in the file: the root itself (single-chat export), or a full-account export's lists.
_CHATS = {"": "", "chats.list.item": "chats", "left_chats.list.item": "left_chats"}
_CHAT_FIELDS = {f"{chat}.{key}".lstrip("."): (chat, key) for chat in _CHATS for key in ("name", "type", "id")}
_MESSAGE_ARRAYS = {f"{chat}.messages".lstrip("."): chat for chat in _CHATS}
_SCALARS = frozenset({"string", "number", "null", "boolean"})
_OWN_FIELDS = {"personal_information.user_id": "user_id", "personal_information.username": "username"}


class Skeleton:
    def __init__(self, name: str) -> None:
        self.name = name
        self._events: Any = ijson.sendable_list()
        self._parser = ijson.parse_coro(self._events)
        self._fields: dict[str, dict[str, Any]] = {}
        self._array: str | None = None  # the prefix of the messages array being read
        self._array_item: str | None = None
        self._builder: ObjectBuilder | None = None
        self._batch: Batch = []
        self.chat_name: str | None = None
        self.number = 0  # messages read so far in the current chat
        self.own: dict[str, Any] = {}  # the exporting account, in a full-account export

    def feed(self, data: bytes, offset: int) -> list[Item]:
        """Parse more of the file; `offset` is where `data` ends in it, for error messages."""
        if not data:  # ijson reads an empty chunk as the end of the file
            return []
        try:
            self._parser.send(data)
        except ijson.JSONError as error:
            self._drain()  # the events before the damage say where it is
            raise self._damaged(error, offset) from None
        return self._drain()

    def close(self, offset: int) -> list[Item]:
        try:
            self._parser.close()
        except ijson.JSONError as error:
            self._drain()
            raise self._damaged(error, offset) from None
        return self._drain()

    def _damaged(self, error: Exception, offset: int) -> SourceError:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "invalid JSON"
        where = f"near byte {offset:,}"
        if self._array is not None:
            where += f", after message #{self.number} of chat {self.chat_name!r}"
        return SourceError(f"{self.name}: {reason} ({where}); expected the rest of a Telegram JSON export")

    def _drain(self) -> list[Item]:
        out: list[Item] = []
        for prefix, event, value in self._events:
            if self._builder is not None:
                self._builder.event(event, value)
                if event == "end_map" and prefix == self._array_item:
                    self._message_built()
            else:
                self._outline(prefix, event, value, out)
        del self._events[:]
        if self._batch:
            out.append(self._batch)
            self._batch = []
        return out

    def _outline(self, prefix: str, event: str, value: Any, out: list[Item]) -> None:
        if event == "start_map":
            if prefix == self._array_item:
                self._builder = ObjectBuilder()
                self._builder.event(event, value)
            elif prefix in _CHATS:
                self._fields[prefix] = {}
        elif event in _SCALARS:
            if prefix in _CHAT_FIELDS:
                chat, key = _CHAT_FIELDS[prefix]
                self._fields.setdefault(chat, {})[key] = value
            elif prefix in _OWN_FIELDS:
                self.own[_OWN_FIELDS[prefix]] = value
        elif event == "start_array" and prefix in _MESSAGE_ARRAYS:
            out.append(self._chat_started(prefix))
        elif event == "end_array" and prefix == self._array:
            if self._batch:
                out.append(self._batch)
                self._batch = []
            out.append(ChatEnd())
            self._array = self._array_item = None

    def _chat_started(self, prefix: str) -> ChatStart:
        chat = _MESSAGE_ARRAYS[prefix]
        fields = self._fields.get(chat, {})
        self._array, self._array_item, self.number = prefix, prefix + ".item", 0
        self.chat_name = _text(fields.get("name"))
        return ChatStart(
            self.chat_name,
            _text(fields.get("type")),
            _chat_id(fields.get("id")),
            _CHATS[chat],
            _chat_id(self.own.get("user_id")),
            _text(self.own.get("username")),
        )

    def _message_built(self) -> None:
        assert self._builder is not None
        self.number += 1
        try:
            self._batch.append(message_from_object(self._builder.value))
        except msgspec.ValidationError as error:
            self._batch.append(BadRecord(self.number, None, f"{error}; expected a Telegram message"))
        self._builder = None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _chat_id(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
