"""A paginated Telegram Desktop HTML export (one chat), page after page, as canonical events.

HTML exports carry no user ids: every account is known by its display name. A message with the
`joined` class has no sender of its own; it is the previous message's. Service lines carry no time
at all: each takes the time of the last message before it on the same day, or that day's midnight
when none came before it that day.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import PurePosixPath

from ...domain.clock import offset_minutes, to_time_us
from ...domain.events import Account, AccountKind, Event, Kind
from ..files import SourceError, SourceFile
from ..importer import ImportOptions, Problem
from ..recent import NumberedRecentMap
from ..telegram_json.accounts import DELETED, DELETED_NAME
from ..telegram_json.services import ACTIONS, PLATFORM, TITLED, Later, ServiceLine
from .pages import PageMessage, PageReader
from .servicetexts import ServiceText, day_of, read_service_text, split_names

_TITLE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):?(\d{2}))?")
_VIA_BOT = re.compile(r" via @\w+$")
_DELETED_NAMES = frozenset({DELETED_NAME, "Deleted"})  # a deleted user, a deleted peer
_LISTING = frozenset({"create_group", "invite_members"})  # lines that list names, split at the end
MAX_WAITING = 100_000


@dataclass(frozen=True)
class _Line:
    """A service line read: what it says, when, and the group's title after it."""

    message_id: int
    said: ServiceText
    time_us: int
    offset: int | None
    title: str | None


def read_pages(pages: Sequence[SourceFile], options: ImportOptions) -> Iterator[Event | Problem]:
    chat: HtmlChat | None = None
    headed = False
    for page in pages:
        with page.open() as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace") as text:
            reader = PageReader(text)
            for message in reader.messages():
                chat = chat or HtmlChat(reader.chat_name, page, options)
                yield from chat.read(message, page.name)
            headed = headed or reader.chat_name is not None
            if reader.unfinished is not None:
                number = reader.unfinished.id
                yield Problem(
                    page.name,
                    reader.unfinished.line,
                    f"the page ends inside message {number}; expected the rest of it and </html>",
                )
    if chat is not None:
        yield from chat.finish()
    elif not headed:
        raise SourceError(
            f"{pages[0].name}: no Telegram chat page found; expected a page of a Telegram Desktop HTML "
            'export, with a page header and a <div class="history"> of messages'
        )


class HtmlChat:
    def __init__(self, chat_name: str | None, first_page: SourceFile, options: ImportOptions) -> None:
        self.name = chat_name or None
        self.group = options.group_name or self.name or _folder_name(first_page)
        self.title = self.name
        self._zone = options.zone
        self._prefix = f"{PLATFORM}:{self.group}:"
        self._accounts: dict[str, Account] = {}
        self._authors: NumberedRecentMap[Account] = NumberedRecentMap()
        self._sender: str | None = None  # of the last message, for `joined` ones
        self._last: tuple[int, int | None, date] | None = None  # time_us, offset, local day
        self._day: date | None = None  # of the last day separator
        self._untimed: list[tuple[int, ServiceText, date | None]] = []  # lines before any dated message
        self._waiting: list[_Line] = []  # lines listing names, until every name has been seen

    def read(self, message: PageMessage, page: str) -> list[Event | Problem]:
        try:
            if message.service:
                return list(self._service(message))
            return self._message(message)
        except (ValueError, OverflowError) as error:
            return [Problem(page, message.line, f"message {message.id}: {error}")]

    def finish(self) -> list[Event]:
        """Service lines whose lists of names waited until every name in the export was seen."""
        events: list[Event] = []
        for line in self._waiting:
            events.extend(self._events(line, split_names(line.said.members or "", self._accounts.keys())))
        self._waiting = []
        return events

    def account(self, name: str | None) -> Account:
        if not name or name in _DELETED_NAMES:
            return DELETED
        found = self._accounts.get(name)
        if found is None:
            found = self._accounts[name] = Account(None, name)
        return found

    def _message(self, message: PageMessage) -> list[Event | Problem]:
        time_us, offset, day = _time(message.date_title, self._zone)
        sender = self._sender if message.joined else _VIA_BOT.sub("", message.sender or "") or None
        if sender is None:
            raise ValueError("a continued message with no message before it to take the sender from")
        self._sender, self._last = sender, (time_us, offset, day)
        actor = self.account(sender)
        self._authors.add(message.id, actor)
        reply = message.reply_to
        mentions = [self.account(name) for name in message.mentions]
        event = Event(
            key=self._prefix + str(message.id),
            kind=Kind.MESSAGE,
            platform=PLATFORM,
            group=self.group,
            group_name=self.title,
            time_us=time_us,
            utc_offset_min=offset,
            actor=actor,
            target=None if reply is None else self._authors.get(reply),
            ref=str(message.id),
            reply_to=None if reply is None else str(reply),
            text=message.text or None,
            mentions=tuple(dict.fromkeys(mentions)),
            media=message.media,
        )
        untimed, self._untimed = self._untimed, []
        events: list[Event | Problem] = [event]
        for message_id, said, before in untimed:
            when = (time_us, offset) if before is None else self._midnight(before, offset)
            events.extend(self._timed(message_id, said, *when))
        return events

    def _service(self, message: PageMessage) -> list[Event]:
        day = day_of(message.text)
        if day is not None:  # a day separator: not a message, so it does not end a `joined` run
            self._day = day
            return []
        self._sender = None  # a service line does
        said = read_service_text(message.text)
        if said is None:
            return []
        if self._last is None:  # no dated message yet: wait for the first one
            self._untimed.append((message.id, said, self._day))
            return []
        return self._timed(message.id, said, *self._service_time(self._day, *self._last))

    def _service_time(
        self, day: date | None, time_us: int, offset: int | None, message_day: date
    ) -> tuple[int, int | None]:
        """A service line's time: the dated message's, if it is of the line's day; else the day's
        midnight, in that message's offset."""
        if day is None or day == message_day:
            return time_us, offset
        return self._midnight(day, offset)

    def _midnight(self, day: date, offset: int | None) -> tuple[int, int | None]:
        zone = timezone(timedelta(minutes=offset)) if offset is not None else self._zone
        midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
        return to_time_us(midnight), offset_minutes(midnight)

    def _timed(self, message_id: int, said: ServiceText, time_us: int, offset: int | None) -> list[Event]:
        if said.action in TITLED and said.title:
            self.title = said.title
        line = _Line(message_id, said, time_us, offset, self.title)
        if said.members is not None and said.action in _LISTING:
            self._waiting.append(line)
            return self.finish() if len(self._waiting) >= MAX_WAITING else []
        return self._events(line, [said.members] if said.members is not None else [])

    def _events(self, line: _Line, members: list[str]) -> list[Event]:
        said = line.said
        channel = Account(None, self.name or self.group, AccountKind.SYSTEM)
        service = ServiceLine(
            key=self._prefix + str(line.message_id),
            ref=str(line.message_id),
            group=self.group,
            group_name=line.title,
            time_us=line.time_us,
            offset_min=line.offset,
            actor=channel if said.actor is None else self.account(said.actor),
            title=said.title,
            members=members,
            inviter=said.inviter,
            own_names=(line.title, self.name),
        )
        built = ACTIONS[said.action](service)
        return built.events(self.account) if isinstance(built, Later) else built


def _folder_name(page: SourceFile) -> str:
    return PurePosixPath(page.member).parent.name if page.member else page.path.parent.name


def _time(title: str | None, zone: tzinfo) -> tuple[int, int | None, date]:
    found = _TITLE.fullmatch(title.strip()) if title else None
    if found is None:
        raise ValueError(f"its date {title!r} is not like '23.08.2023 13:11:23 UTC-08:00'")
    day, month, year, hour, minute, second = (int(found[i]) for i in range(1, 7))
    if found[7]:
        minutes = int(found[8]) * 60 + int(found[9])
        tz = timezone(timedelta(minutes=minutes if found[7] == "+" else -minutes))
        moment = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    else:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    return to_time_us(moment), offset_minutes(moment), moment.date()
