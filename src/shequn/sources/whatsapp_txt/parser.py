"""A WhatsApp "Export chat" text file as a stream of canonical events.

The text arrives in large pieces; one compiled regex finds every header in a piece, and the text
between a header line and the next header is the rest of that message (its continuation lines).
A message is therefore finished only when the next header is found: the parser always holds back
the last header of a piece and reads it again with the next one. Memory stays at one piece plus
the longest message, however long the export.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Generator, Iterable, Iterator
from datetime import tzinfo

from ...domain.events import Event, Kind
from ..importer import Problem
from ..keys import ContentKeys
from .headers import EXAMPLE, HEADER
from .prescan import Survey
from .records import LRM, PLACEHOLDERS, PLATFORM, Records

KEY_WINDOW_LINES = 200_000


class ChatParser:
    def __init__(self, file_name: str, group: str, title: str, zone: tzinfo, survey: Survey) -> None:
        self._file = file_name
        self._records = Records(group, title, zone, survey)
        self._headers = survey.dialect.header
        self._mixed = not survey.dialect.general  # other layouts may hide in continuation lines
        self._started = False  # a header has been seen; before it, every line is a problem
        self._keys_since = 1  # the line where the content keys' counts were last forgotten
        self._buffer, self._line = "", 1  # the text being read, and the file line of its second character

    def events(self, pieces: Iterable[str | Problem]) -> Iterator[Event | Problem]:
        pending = "\n"  # the unfinished last message, from the newline before its header
        for piece in pieces:
            if isinstance(piece, Problem):
                yield piece
            else:
                pending = yield from self._finished_messages(pending + piece, final=False)
        yield from self._finished_messages(pending, final=True)

    def _finished_messages(self, buffer: str, final: bool) -> Generator[Event | Problem, None, str]:
        """Every message in `buffer` whose end is known (all of them when `final`); returns the
        text to read again with the next piece.

        The loop takes a shortcut for a plain text message whose date, clock and sender are
        already cached, inlined because it runs once per message and a call or attribute look-up
        there costs as much as the rest; anything else goes through `Records.read`."""
        self._buffer = buffer
        headers = self._headers.finditer(buffer)
        previous = next(headers, None)
        if previous is None:
            return (yield from self._lines_before_any_header(buffer, final))
        if not self._started:
            self._started = True
            yield from self._stray_lines(buffer[: previous.start()], self._line)
        records, clock_of = self._records, self._records.clock
        days, clocks, accounts = clock_of.days, clock_of.clocks, records.accounts
        key, new_day, new_clock = records.keys.key, clock_of.plain_day, clock_of.seconds
        group, message, placeholders = records.group, Kind.MESSAGE, PLACEHOLDERS
        mixed, other_layout = self._mixed, HEADER.search
        end, date, clock = previous.end(), "", ""
        for header in headers:
            start, next_end = header.span()
            more = buffer[end:start].rstrip("\n") if start != end else ""
            date, clock, rest = previous.groups()
            colon, day, seconds = rest.find(": "), days.get(date) or new_day(date), clocks.get(clock)
            if seconds is None:
                seconds = new_clock(clock)
            actor = accounts.get(rest[:colon]) if colon > 0 else None
            first = rest[colon + 2 :]
            if (
                actor is None or day is None or seconds is None or first in placeholders or first[:1] == LRM
                or rest[-1:] in ">)" or "@" in rest
                or (more and ("@" in more or more[-1:] == ">" or (mixed and other_layout(more))))
            ):  # fmt: skip
                yield from self._read_any(previous, more)
            else:
                text = first + more if more else first
                time_us = day[0] + seconds * 1_000_000
                yield Event(
                    key=key(time_us, actor.name, text), kind=message, platform=PLATFORM, group=group,  # type: ignore[arg-type]
                    group_name=records.title, time_us=time_us, utc_offset_min=day[1], actor=actor, text=text,
                )  # fmt: skip
            previous, end = header, next_end
        if not final:
            self._line += buffer.count("\n", 1, previous.start() + 1)
            self._forget_old_keys((date, clock) != previous.group(1, 2))
            return buffer[previous.start() :]
        yield from self._read_any(previous, buffer[previous.end() :].rstrip("\n"))
        return "\n"

    def _forget_old_keys(self, time_changes: bool) -> None:
        """`ContentKeys` counts every line it has keyed, to tell identical lines apart, and so grows
        with the file. An export is in time order and repeats a line only within the same minute
        (or second), so after many lines, where the next message's time differs from the last
        one's, the counts of earlier times can go."""
        if time_changes and self._line - self._keys_since > KEY_WINDOW_LINES:
            self._records.keys = ContentKeys(PLATFORM, self._records.group)
            self._keys_since = self._line

    def _read_any(self, header: re.Match[str], more: str) -> Iterator[Event | Problem]:
        """One record, and the records of other layouts found among its continuation lines."""
        inner = list(HEADER.finditer(more)) if self._mixed else []
        if not inner:
            yield from self._read(header, more, header.start())
            return
        yield from self._read(header, more[: inner[0].start()], header.start())
        stops = [found.start() for found in inner[1:]] + [len(more)]
        for found, stop in zip(inner, stops, strict=True):
            yield from self._read(found, more[found.end() : stop].rstrip("\n"), header.end() + found.start())

    def _read(self, header: re.Match[str], more: str, position: int) -> Iterator[Event | Problem]:
        """The events of one record; `position` is where its header starts in the buffer."""
        date, clock, rest = header.groups()
        for item in self._records.read(date, clock, rest, more):
            if isinstance(item, Problem):
                line = self._line + self._buffer.count("\n", 1, position + 1)
                item = dataclasses.replace(item, file=self._file, line=line)
            yield item

    def _lines_before_any_header(self, buffer: str, final: bool) -> Generator[Problem, None, str]:
        """A piece with no header yet: its whole lines are problems, its partial last line is
        read again with the next piece."""
        cut = len(buffer) if final else buffer.rfind("\n")
        yield from self._stray_lines(buffer[:cut], self._line)
        self._line += buffer.count("\n", 1, cut + 1)
        return buffer[cut:] or "\n"

    def _stray_lines(self, text: str, first_line: int) -> Iterator[Problem]:
        """Each non-blank line of `text` (which starts with a newline) as a problem."""
        for number, line in enumerate(text.split("\n")[1:], start=first_line):
            if line.strip(" \t\ufeff\u200e"):
                yield Problem(
                    self._file, number, f"expected a message header like {EXAMPLE}, found {line[:80]!r}"
                )
