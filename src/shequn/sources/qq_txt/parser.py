"""QQ 消息管理器 text export, read line by line into events.

A file holds one or more sections, each opened by a block naming its group or friend:

    ================================================================
    消息分组:我的群聊
    ================================================================
    消息对象:湖之仆从
    ================================================================

followed by messages: a header line (`2019-09-23 8:43:38 PM Name(123456)`), the body up to the next
header, and a blank line. Messages stream out as they are read; system lines that name people are
held until the end of their section, when the names are resolved to the accounts that speak under
them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...domain.events import Account, AccountKind, Event, Kind
from ..files import SourceError, SourceFile
from ..importer import ImportOptions, Problem
from ..keys import ContentKeys
from ..localtime import LocalClock
from ..names import NameBook, Named, Notice, resolve_notices
from ..textfile import UNREADABLE_LINE, line_batches
from .content import message_content
from .headers import Header, parse_header
from .systemlines import YOU, SystemFact, system_fact

PLATFORM = "qq"
EXAMPLE_HEADER = "2019-09-23 20:43:38 Name(123456)"
_DIGITS = frozenset("0123456789")
_STRUCTURE_STARTS = _DIGITS | {"="}
_SEPARATOR = re.compile(r"={16,}")
_GROUP_NUMBER = re.compile(r"(.*?)\s*[(（](\d{5,})[)）]")


class _Section:
    """One 消息对象 (a group, or a friend) and what has been learnt about it so far."""

    def __init__(self, title: str) -> None:
        numbered = _GROUP_NUMBER.fullmatch(title)
        self.handle = numbered.group(2) if numbered else title
        self.title = (numbered.group(1) or title) if numbered else title
        self.book = NameBook()
        self.keys = ContentKeys(PLATFORM, self.handle)
        self.held: list[Notice] = []

    def resolve(self, name: str, time_us: int) -> Account | None:
        return None if name == YOU else self.book.resolve(name, time_us)


class _Message:
    __slots__ = ("body", "header", "line", "text")

    def __init__(self, line: int, text: str, header: Header) -> None:
        self.line, self.text, self.header = line, text, header
        self.body: list[str] = []


class QQTextReader:
    """Reads line by line; what a line completes (a message, a section's notices, a problem) goes
    to `_out`, emptied after each line, so the per-line path stays a few comparisons."""

    def __init__(self, file: SourceFile, options: ImportOptions) -> None:
        self._file = file
        self._clock = LocalClock(options.zone)
        self._section = _Section(options.group_name or file.relative.stem)
        self._message: _Message | None = None
        self._separator: str | None = None  # a '====' line: a section border, or part of a body
        self._skipping = False  # after an unreadable line, until the next header
        self._headers = 0
        self._twelve_hour: bool | None = None  # the clock style, from the first header
        self._out: list[Event | Problem] = []

    def read(self) -> Iterator[Event | Problem]:
        out = self._out
        for start, lines in line_batches(self._file):
            for number, line in enumerate(lines, start):
                message = self._message
                if line is None:
                    self._unreadable(number)
                elif message is not None and self._separator is None and _is_body(line):
                    message.body.append(line)
                    continue
                else:
                    self._line(number, line)
                if out:
                    yield from out
                    out.clear()
        self._end_section()
        yield from out
        if not self._headers:
            raise SourceError(
                f"{self._file.name}: no QQ message header found; expected lines like '{EXAMPLE_HEADER}'"
            )

    def _unreadable(self, number: int) -> None:
        self._out.append(Problem(self._file.name, number, UNREADABLE_LINE))
        self._message, self._skipping, self._separator = None, True, None

    def _line(self, number: int, line: str) -> None:
        header = parse_header(line, self._twelve_hour) if line[:1] in _DIGITS else None
        if header is not None:
            if self._twelve_hour is None:
                self._twelve_hour = header.twelve_hour
            self._finish_message()
            self._message, self._skipping, self._separator = _Message(number, line, header), False, None
            self._headers += 1
        elif self._separator is not None and line.startswith(("消息分组:", "消息对象:")):
            self._separator = None
            self._section_line(line)
        elif line[:1] == "=" and _SEPARATOR.fullmatch(line):
            self._keep_in_body(self._separator)
            self._separator = line
        else:
            self._keep_in_body(self._separator)
            self._separator = None
            if self._message is not None:
                self._message.body.append(line)
            elif not self._skipping and line.strip() and not line.startswith("消息记录"):
                self._skipping = True
                found = f"expected a message header like '{EXAMPLE_HEADER}', found {line[:80]!r}"
                self._out.append(Problem(self._file.name, number, found))

    def _keep_in_body(self, line: str | None) -> None:
        if line is not None and self._message is not None:
            self._message.body.append(line)

    def _section_line(self, line: str) -> None:
        self._finish_message()
        title = line.partition(":")[2].strip()
        if line.startswith("消息对象:") and title:
            self._end_section()
            self._section = _Section(title)

    def _end_section(self) -> None:
        self._finish_message()
        section = self._section
        self._out.extend(resolve_notices(section.held, PLATFORM, section.resolve))
        section.held.clear()

    def _finish_message(self) -> None:
        message, self._message = self._message, None
        if message is None:
            return
        header = message.header
        year, month, day = header.day
        try:
            time_us, offset = self._clock.at(year, month, day, header.hour, header.minute, header.second)
        except (ValueError, OverflowError) as error:
            found = f"expected a real date and time, found {message.text!r} ({error})"
            self._out.append(Problem(self._file.name, message.line, found))
            return
        body = message.body
        while body and not body[-1].strip():
            body.pop()
        self._add_message(header.account, time_us, offset, "\n".join(body))

    def _add_message(self, account: Account, time_us: int, offset: int, text: str) -> None:
        section = self._section
        key = section.keys.key(time_us, account.handle, text)
        fact = system_fact(text) if account.kind is AccountKind.SYSTEM else None
        if fact is not None:
            section.held.append(_notice(fact, key, time_us, offset, section))
            return
        if account.id and account.name:
            section.book.saw(account, time_us)
        media, shown = message_content(text)
        self._out.append(
            Event(
                key=key,
                kind=Kind.MESSAGE,
                platform=PLATFORM,
                group=section.handle,
                group_name=section.title,
                time_us=time_us,
                utc_offset_min=offset,
                actor=account,
                text=shown,
                media=media,
            )
        )


def _is_body(line: str) -> bool:
    """Cheaply: the line cannot be a header, a section border or a section line."""
    first = line[:1]
    return first not in _STRUCTURE_STARTS


def _notice(fact: SystemFact, key: str, time_us: int, offset: int, section: _Section) -> Notice:
    subject, other = Named(fact.subject), Named(fact.other) if fact.other else None
    notice = Notice(key, fact.kind, time_us, offset, section.handle, section.title, via=fact.via)
    if fact.kind is Kind.REMOVAL:
        notice.target, notice.actor = subject, other
    else:
        notice.actor, notice.inviter = subject, other
    notice.deleted = fact.kind is Kind.MESSAGE  # a recall: the message is gone, its sender known
    return notice


def read_qq_text(file: SourceFile, options: ImportOptions) -> Iterator[Event | Problem]:
    return QQTextReader(file, options).read()
