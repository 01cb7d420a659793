"""WeChat exports, whatever their layout, from records into events.

Messages stream out as they are read. System notices that name people by display name are held
until the end of the export, then resolved to the wxid that speaks under that name (rules in
sources/names.py); "你" is the account that made the export, known from the rows it sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...domain.events import Account, AccountKind, Event, Kind
from ..importer import Problem
from ..keys import ContentKeys
from ..names import NameBook, Named, NameList, Notice, Person, numbered_key, resolve_notices
from ..recent import RecentMap
from .content import mentioned_names
from .pywxdump_csv import Directory
from .records import Record
from .systemlines import YOU, NoticeLine, notice_lines

PLATFORM = "wechat"
SYSTEM_ACCOUNT = Account("10000", "系统消息", AccountKind.SYSTEM)  # WeChat's type code for notices
_RECENT_LIMIT = 50_000  # messages remembered so a quote naming its time and words finds their id


class WeChatAssembler:
    def __init__(self, title: str | None, directory: Directory | None = None) -> None:
        self._book = NameBook()
        self._self: Account | None = None
        self._nicknames: dict[str, str] = {}  # wxid -> nickname, for senders also seen by remark
        self._keys: dict[str, ContentKeys] = {}
        self._held: list[Notice] = []
        self._recent: RecentMap[tuple[int, str], tuple[str | None, Account]] = RecentMap(_RECENT_LIMIT)
        self._default_title = title
        self._titles: dict[str, str | None] = {}
        self._directory = directory or Directory()

    def feed(self, items: Iterable[Record | Problem]) -> Iterator[Event | Problem]:
        for item in items:
            if isinstance(item, Problem):
                yield item
            elif item.system:
                yield from self._notice(item)
            else:
                yield self._message(item)

    def finish(self) -> Iterator[Event]:
        yield from resolve_notices(self._held, PLATFORM, self._resolve)
        self._held.clear()

    def _title(self, group: str) -> str | None:
        if group not in self._titles:
            self._titles[group] = self._default_title or self._directory.names.get(group)
        return self._titles[group]

    def _key(self, record: Record) -> str:
        if record.message_id:
            return f"{PLATFORM}:{record.group}:{record.message_id}"
        keys = self._keys.get(record.group)
        if keys is None:
            keys = self._keys[record.group] = ContentKeys(PLATFORM, record.group)
        sender = record.sender.handle if record.sender else SYSTEM_ACCOUNT.id or ""
        return keys.key(record.time_us, sender, record.raw)

    def _message(self, record: Record) -> Event:
        sender = record.sender or SYSTEM_ACCOUNT
        self._learn(record, sender)
        target, reply_to = self._quoted(record)
        mentions = tuple(
            account
            for name in mentioned_names(record.text)
            if (account := self._resolve(name, record.time_us))
        )
        return self._message_event(
            record,
            self._key(record),
            sender,
            target=target,
            reply_to=reply_to,
            text=record.text,
            mentions=mentions,
            media=record.media,
        )

    def _message_event(self, record: Record, key: str, actor: Account, **fields: Any) -> Event:
        return Event(
            key=key,
            kind=Kind.MESSAGE,
            platform=PLATFORM,
            group=record.group,
            group_name=self._title(record.group),
            time_us=record.time_us,
            utc_offset_min=record.utc_offset_min,
            actor=actor,
            ref=record.message_id,
            **fields,
        )

    def _learn(self, record: Record, sender: Account) -> None:
        """Who speaks under which name, who "你" is, and which messages a later quote may find."""
        if record.is_self and self._self is None:
            self._self = sender
        if sender.id and sender.name:
            self._book.saw(sender, record.time_us)
            if record.also_known_as:
                self._book.saw(Account(sender.id, record.also_known_as), record.time_us)
                self._nicknames[sender.id] = sender.name
        if record.message_id and record.text:
            self._recent.add((record.time_us, record.text), (record.message_id, sender))

    def _quoted(self, record: Record) -> tuple[Account | None, str | None]:
        """The author a reply answers, and the answered message's id, as far as the layout tells."""
        quote = record.quote
        if quote is None:
            return None, None
        if quote.author_id:
            return Account(quote.author_id, quote.author_name), quote.message_id
        if quote.time_us is not None and quote.text:
            found = self._recent.get((quote.time_us, quote.text))
            if found is not None:
                return found[1], found[0]
        author = self._resolve(quote.author_name, record.time_us) if quote.author_name else None
        return author, quote.message_id

    def _resolve(self, name: str, time_us: int) -> Account | None:
        if name == YOU:
            return self._self
        found = self._book.resolve(name, time_us)
        if found is None:
            return None
        if found.id is None:
            return self._directory.accounts.get(name, found)
        nickname = self._nicknames.get(found.id)
        return Account(found.id, nickname) if nickname and nickname != found.name else found

    def _notice(self, record: Record) -> Iterator[Event]:
        lines = notice_lines(record.text or "")
        key = self._key(record)
        if not lines:
            yield self._message_event(record, key, SYSTEM_ACCOUNT, text=record.text or None)
            return
        for index, line in enumerate(lines):
            base = key if index == 0 else f"{key}#{index + 1}"
            for number, person in enumerate(self._subjects(line, record.linked or {})):
                self._hold(numbered_key(base, number), line, person, record)

    def _subjects(self, line: NoticeLine, linked: dict[str, str]) -> list[Person]:
        """Who a notice is about; a member list in the notice's XML says exactly who each name is."""
        if line.kind not in (Kind.JOIN, Kind.REMOVAL, Kind.LEAVE) or line.subject == YOU:
            return [_person(line.subject, linked)]
        known = _known_names(line.subject, line.separators[0], linked) if linked else None
        if known is not None:
            return [Account(linked[name], name) for name in known]
        return [NameList(line.subject, line.separators)]

    def _hold(self, key: str, line: NoticeLine, person: Person, record: Record) -> None:
        linked = record.linked or {}
        if line.kind is Kind.GROUP_RENAMED and line.title is not None:
            self._titles[record.group] = line.title
        notice = Notice(
            key, line.kind, record.time_us, record.utc_offset_min, record.group, self._title(record.group)
        )
        other = _person(line.other, linked)
        if line.kind is Kind.REMOVAL:
            notice.target, notice.actor = person, other
        else:
            notice.actor, notice.inviter = person, other
        notice.via, notice.text, notice.deleted = line.via, line.title, line.kind is Kind.MESSAGE
        self._held.append(notice)


def _known_names(text: str, separator: str, linked: dict[str, str]) -> list[str] | None:
    """The linked names a rendered list is made of, read left to right so that a name holding the
    separator itself ("新人、一号") is still one name; None if some part is not linked."""
    names: list[str] = []
    current: str | None = None
    for piece in text.split(separator):
        current = piece if current is None else f"{current}{separator}{piece}"
        if current.strip() in linked:
            names.append(current.strip())
            current = None
    return names if current is None and names else None


def _person(name: str | None, linked: dict[str, str]) -> Person:
    if name is None:
        return None
    return Account(linked[name], name) if name in linked else Named(name)
