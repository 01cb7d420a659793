"""JSON exports read as a stream: the header fields before the records, then the records one at a
time with ijson, so memory stays flat however large the file is; and the values found in them.

A UTF-8 byte-order mark is skipped. Damage (JSON cut short, bytes that are not UTF-8) raises
`SourceError` naming the file and the last record read whole: nothing after it can be trusted.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import IO, Any

import ijson

from .files import SourceError, SourceFile

HEADER_BYTES = 1 << 20  # a header is a few hundred bytes; a megabyte leaves room for odd names
JSON_DAMAGE = (ijson.JSONError, ValueError)  # ValueError: bytes that are not UTF-8


def json_items(file: SourceFile, prefix: str, noun: str, expected: str) -> Iterator[tuple[int, Any]]:
    """Each item at `prefix` ("item" for a bare array, "messages.item"...), numbered from 1. The
    error for damage says it came after `noun` N (the last item read) and that `expected` was."""
    number = 0
    with file.open() as stream:
        skip_bom(stream)
        try:
            for number, item in enumerate(ijson.items(stream, prefix, use_float=True), start=1):
                yield number, item
        except JSON_DAMAGE as error:
            raise damaged(file, noun, number, error, expected) from None


def json_entries(file: SourceFile) -> Iterator[tuple[str, Any]]:
    """Each (key, value) of a file holding one JSON object, the values built whole; damage raises
    one of JSON_DAMAGE, for the reader to say after which record it came."""
    with file.open() as stream:
        skip_bom(stream)
        yield from ijson.kvitems(stream, "", use_float=True)


def damaged(file: SourceFile, noun: str, number: int, error: Exception, expected: str) -> SourceError:
    found = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable JSON"
    return SourceError(
        f"{file.name}: the JSON is damaged or cut short after {noun} {number} ({found}); {expected}"
    )


def header_events(file: SourceFile) -> Iterator[tuple[str, str, Any]]:
    """ijson's (prefix, event, value) for what the head of the file holds before its `messages`.
    The head ends inside the file, so its JSON never closes: that is not damage, which shows when
    the records are read."""
    head = file.head(HEADER_BYTES).removeprefix(codecs.BOM_UTF8)
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            if prefix == "messages":
                return
            yield prefix, event, value
    except JSON_DAMAGE:
        return


def skip_bom(stream: IO[bytes]) -> None:
    peek = getattr(stream, "peek", None)
    if peek is not None and peek(3)[:3] == codecs.BOM_UTF8:
        stream.read(3)


def objects(value: Any) -> Iterator[dict[str, Any]]:
    """The objects in what should be a JSON array of objects; anything else in it is passed over."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                yield item


def described(value: Any) -> str:
    """A short description of a JSON value found where something else was expected."""
    if value is None:
        return "nothing"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def text_or_none(value: Any) -> str | None:
    """A JSON string that is not empty, or None."""
    return value if isinstance(value, str) and value else None
