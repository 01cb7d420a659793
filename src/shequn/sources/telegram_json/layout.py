"""Reading a `result.json` fast, by the layout Telegram Desktop writes it in.

Telegram Desktop indents its JSON by one space per level and never writes a raw newline inside a
string. So within a chat's `"messages"` array, a line holding only `}` at the items' indentation ends
a message, and a line holding only `]` one space to the left ends the array. Cutting the stream at
those lines gives runs of whole messages that msgspec decodes in one call each, typed, skipping the
keys shequn does not read: several times faster than building each message from parser events.

Everything outside the message arrays, and any array not laid out this way, goes through the
outline parser (`skeleton.py`), which reads any valid JSON. Should a cut ever fail to decode (a file
indented by some other tool), the file is read again through the outline parser from the start,
skipping what was already read: a layout surprise costs time, never events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, cast

import msgspec

from ..files import SourceError, SourceFile
from .records import BATCH_DECODER, MESSAGE_DECODER, BadRecord, Batch, ChatStart, Item, RawMessage
from .skeleton import Skeleton

BLOCK_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"
_ARRAY_OPEN = re.compile(rb'\n( *)"messages": \[')
_LONGEST_OPENING = 4096
# Older Telegram Desktop versions escaped control characters as "\x0B", which JSON does not allow.
_HEX_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")


class _LayoutSurprise(Exception):
    """A run of messages cut by the layout did not decode: the layout is not what it seemed."""


def read_items(file: SourceFile) -> Iterator[Item]:
    """The chats and messages of one `result.json`, in file order, a batch of messages at a time."""
    done = 0
    try:
        with file.open() as stream:
            for item in _LaidOut(stream, file.name).items():
                yield item
                done += _size(item)
    except _LayoutSurprise:
        with file.open() as stream:
            yield from _skipping(_outline_items(stream, file.name), done)


def _outline_items(stream: IO[bytes], name: str) -> Iterator[Item]:
    skeleton, offset = Skeleton(name), 0
    while block := stream.read(BLOCK_BYTES):
        if offset == 0 and block.startswith(_BOM):
            block = block[len(_BOM) :]
        offset += len(block)
        yield from skeleton.feed(block, offset)
    yield from skeleton.close(offset)


def _size(item: Item) -> int:
    return len(item) if isinstance(item, list) else 1


def _skipping(items: Iterator[Item], count: int) -> Iterator[Item]:
    for item in items:
        if count <= 0:
            yield item
        elif isinstance(item, list) and len(item) > count:
            yield item[count:]
            count = 0
        else:
            count -= _size(item)


class _LaidOut:
    def __init__(self, stream: IO[bytes], name: str) -> None:
        self._stream, self._name = stream, name
        self._skeleton = Skeleton(name)
        self._buffer = bytearray()
        self._offset = 0  # where the buffer starts in the file
        self._lines = 0  # newlines before the buffer
        self._eof = False
        self._number = 0  # messages read so far in the current chat

    def items(self) -> Iterator[Item]:
        self._read()
        if self._buffer.startswith(_BOM):
            self._advance(len(_BOM))
        while True:
            found = _ARRAY_OPEN.search(self._buffer)
            if found is None or self._too_close_to_the_end(found):
                if self._eof:
                    yield from self._outline(len(self._buffer))
                    yield from self._skeleton.close(self._offset)
                    return
                yield from self._outline(self._safe_cut() if found is None else found.start())
                self._read()
                continue
            opened = self._outline(found.end(), keep=1)  # the "[" stays, to frame the first run
            yield from opened
            indent = len(found[1]) + 1
            chat = opened[-1] if opened else None
            if isinstance(chat, ChatStart) and self._laid_out(indent):
                yield from self._messages(indent, alone=chat.section == "")
            else:
                self._advance(1)  # the outline parser has had the "["; it reads this array itself

    def _too_close_to_the_end(self, found: re.Match[bytes]) -> bool:
        """Too few bytes after `"messages": [` to see how the array is laid out."""
        return not self._eof and len(self._buffer) < found.end() + 2 * len(found[1]) + 8

    def _safe_cut(self) -> int:
        """How much of the buffer can go to the outline parser without splitting a line that may
        turn out to open a messages array (such a line starts with a newline)."""
        cut = self._buffer.rfind(b"\n")
        return len(self._buffer) if cut < 0 or len(self._buffer) - cut > _LONGEST_OPENING else cut

    def _read(self) -> None:
        block = self._stream.read(BLOCK_BYTES)
        self._eof = not block
        self._buffer += block

    def _advance(self, count: int) -> None:
        self._lines += self._buffer.count(b"\n", 0, count)
        self._offset += count
        del self._buffer[:count]

    def _outline(self, upto: int, keep: int = 0) -> list[Item]:
        items = self._skeleton.feed(bytes(self._buffer[:upto]), self._offset + upto)
        self._advance(upto - keep)
        return items

    def _laid_out(self, indent: int) -> bool:
        """Does the array open the way Telegram Desktop writes it: items one space in, keys two?"""
        first_item = b"[\n" + b" " * indent + b"{\n" + b" " * (indent + 1) + b'"'
        empty = b"[\n" + b" " * (indent - 1) + b"]"
        return self._buffer.startswith(first_item) or self._buffer.startswith(empty)

    def _messages(self, indent: int, alone: bool) -> Iterator[Item]:
        """A chat's messages, cut into runs. `alone`: the chat is the whole file, so nothing after
        its array looks like a message's end."""
        item_end = b"\n" + b" " * indent + b"}"
        array_end = b"\n" + b" " * (indent - 1) + b"]"
        self._number, searched = 0, 0
        while True:
            end = self._array_end(item_end, array_end, -1 if alone else searched)
            if end >= 0:
                yield from self._decode(end, item_end)
                yield from self._outline(len(array_end))
                return
            cut = self._buffer.rfind(item_end)  # with the array's end not read yet, every item end is its
            if cut >= 0:
                yield from self._decode(cut + len(item_end), item_end)
            if self._eof:
                raise self._truncated()
            searched = max(0, len(self._buffer) - len(item_end + array_end) + 1)  # search each byte once
            self._read()

    def _array_end(self, item_end: bytes, array_end: bytes, searched: int) -> int:
        """Where the messages array ends in the buffer, or -1. It ends right after its last message;
        or at the very start, when that message was cut off before (or the array is empty: "[" then
        its end). In a file that is one chat, the last message end in the buffer is the only
        candidate (`searched` is -1); in a full-account export, other chats' messages may follow, so
        the buffer is searched for a message's end followed by the array's."""
        buffer = self._buffer
        if buffer.startswith(array_end) or buffer.startswith(array_end, 1):
            return 0 if buffer.startswith(array_end) else 1
        if searched < 0:
            last = buffer.rfind(item_end) + len(item_end)
            return last if last >= len(item_end) and buffer.startswith(array_end, last) else -1
        found = buffer.find(item_end + array_end, searched)
        return found + len(item_end) if found >= 0 else -1

    def _decode(self, upto: int, item_end: bytes) -> list[Item]:
        """Decode the whole messages before `upto`. The buffer starts with the "[" that opened the
        array or the "," after the last run; framing the run in place as `[...]` spares copying it."""
        if upto == 0:  # the last run ended exactly where the buffer did
            return []
        buffer = self._buffer
        at_end = upto == len(buffer)
        if at_end:
            buffer.append(0x5D)
        after, buffer[0], buffer[upto] = buffer[upto], 0x5B, 0x5D  # "[" and "]"
        try:
            with memoryview(buffer) as view:
                batch = cast(Batch, BATCH_DECODER.decode(view[: upto + 1]))
            self._number += len(batch)
        except (msgspec.DecodeError, UnicodeDecodeError):
            batch = self._one_by_one(bytes(buffer[1:upto]), item_end)
        if at_end:
            del buffer[upto]
        else:
            buffer[upto] = after
        self._advance(upto)
        return [batch] if batch else []

    def _one_by_one(self, run: bytes, item_end: bytes) -> Batch:
        pieces = run.split(item_end + b",")
        batch: Batch = []
        lines = self._lines
        for index, piece in enumerate(pieces):
            piece += item_end if index < len(pieces) - 1 else b""
            self._number += 1
            batch.append(self._one(piece, lines + 2))  # the piece opens with "\n", then its "{"
            lines += piece.count(b"\n")
        return batch

    def _one(self, piece: bytes, line: int) -> RawMessage | BadRecord:
        for attempt in (piece, _HEX_ESCAPE.sub(rb"\1\\u00\2", piece)):
            try:
                return MESSAGE_DECODER.decode(attempt)
            except msgspec.ValidationError as error:
                return BadRecord(self._number, line, f"{error}; expected a Telegram message")
            except UnicodeDecodeError as error:
                reason = f"byte {error.start} of the message is not UTF-8 ({error.reason})"
                return BadRecord(self._number, line, reason)
            except msgspec.DecodeError:
                continue
        raise _LayoutSurprise

    def _truncated(self) -> SourceError:
        chat = self._skeleton.chat_name
        return SourceError(
            f"{self._name}: the file ends inside the messages of chat {chat!r}, after message "
            f"#{self._number} (byte {self._offset:,}, line {self._lines + 1}); the export is truncated"
        )
