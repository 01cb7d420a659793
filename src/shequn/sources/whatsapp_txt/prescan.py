"""The first, cheap pass over an export: what the parser must know before reading any message.

Two things cannot be decided line by line. Whether `03/04/23` is the 3rd of April or the 4th of
March depends on the exporting phone's locale, which the file does not name; only a date somewhere
with a field above 12 settles it, and that date may be the last line. And a mention "@Ana Lima"
can only be told from "@Ana" followed by text once every sender's name is known, including people
who speak for the first time further down. So the whole file is surveyed first, over raw bytes
with compiled regexes (no Python loop per line), and only then parsed as a stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO

from .dialect import GENERAL, Dialect, dialect_of
from .headers import DAY_FIRST_BYTES, HEADER_BYTES, MONTH_FIRST_BYTES, display_name
from .timestamps import DateOrder

SURVEY_BYTES = 1 << 22
_ENGLISH_MARKS = (b"AM", b"PM", b"am", b"pm")


@dataclass(frozen=True)
class Survey:
    has_header: bool
    order: DateOrder
    senders: frozenset[str]
    dialect: Dialect


class _Evidence:
    """Where (as a byte offset) the first date proving each order was seen."""

    def __init__(self) -> None:
        self.day_first: int | None = None
        self.month_first: int | None = None
        self.first_header: re.Match[bytes] | None = None
        self.dialect = GENERAL

    def scan(self, chunk: bytes, offset: int) -> None:
        if self.first_header is None and (found := HEADER_BYTES.search(chunk)):
            self.first_header, self.dialect = found, dialect_of(found)
        if self.day_first is None and (found := DAY_FIRST_BYTES.search(chunk)):
            self.day_first = offset + found.start()
        if self.month_first is None and (found := MONTH_FIRST_BYTES.search(chunk)):
            self.month_first = offset + found.start()

    def order(self) -> DateOrder:
        """The order the first decisive date shows; if none does, a default from the layout."""
        if self.day_first is not None and (self.month_first is None or self.day_first < self.month_first):
            return DateOrder.DAY_FIRST
        if self.month_first is not None:
            return DateOrder.MONTH_FIRST
        return default_order(self.first_header[0] if self.first_header else b"")


def default_order(header: bytes) -> DateOrder:
    """For a file whose every date is ambiguous: month first for the US layout (slashes and an
    English AM/PM, `12/31/23, 9:05 PM`), day first for everything else (most locales)."""
    date = header.lstrip(b"\n\xe2\x80\x8e[").split(b",")[0].split(b" ")[0]
    us_layout = b"/" in date and date.index(b"/") <= 2 and header.rstrip(b" -]").endswith(_ENGLISH_MARKS)
    return DateOrder.MONTH_FIRST if us_layout else DateOrder.DAY_FIRST


def survey(stream: IO[bytes]) -> Survey:
    evidence = _Evidence()
    senders: set[bytes] = set()
    carry, offset = b"\n", -1  # a newline before the first line, so that it can match a header
    while chunk := stream.read(SURVEY_BYTES):
        if offset < 0:
            chunk = chunk.removeprefix(b"\xef\xbb\xbf")
        text = carry + chunk
        cut = text.rfind(b"\n")  # a line split between reads is surveyed with the next read
        text, carry = text[:cut], text[cut:]
        evidence.scan(text, offset)
        senders.update(evidence.dialect.senders.findall(text))
        offset += len(text)
    evidence.scan(carry + b"\n", offset)
    senders.update(evidence.dialect.senders.findall(carry + b"\n"))
    names = frozenset(display_name(sender.decode("utf-8", "replace")) for sender in senders)
    return Survey(evidence.first_header is not None, evidence.order(), names, evidence.dialect)
