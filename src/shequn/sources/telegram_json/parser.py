"""One chat of a Telegram JSON export, message by message, as canonical events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

import msgspec

from ...domain.events import Account, Event, Kind
from ..files import SourceError, SourceFile
from ..importer import ImportOptions, Problem
from ..keys import ContentKeys
from ..names import NameBook
from ..recent import NumberedRecentMap
from .accounts import DELETED, Accounts
from .content import flatten, media_of, was_edited
from .layout import read_items
from .records import BadRecord, Batch, ChatStart, RawMessage, RecentReaction, TextPart
from .services import ACTIONS, PLATFORM, TITLED, Later, ServiceLine
from .times import Clock

# Service lines that name people wait for the end of their chat, when names can be resolved; past
# this many waiting, they are resolved with what is known so far, to keep memory bounded.
MAX_WAITING = 100_000
_MESSAGE = Kind.MESSAGE
_UNSET = msgspec.UNSET


def read_export(file: SourceFile, options: ImportOptions) -> Iterator[Event | Problem]:
    """Every chat in a `result.json`: a single-chat export, or all chats of a full-account one."""
    chat: ChatReader | None = None
    chats = 0
    for item in read_items(file):
        if isinstance(item, list):
            if chat is not None:
                yield from chat.read(item)
        elif isinstance(item, ChatStart):
            chat, chats = ChatReader(item, file, options), chats + 1
        elif chat is not None:
            yield from chat.finish()
            chat = None
    if chats == 0:
        raise SourceError(
            f"{file.name}: no chat found; expected a Telegram Desktop export, an object with "
            '"messages" (one chat) or "chats" (a whole account)'
        )


class ChatReader:
    def __init__(self, chat: ChatStart, file: SourceFile, options: ImportOptions) -> None:
        self._chat, self._file = chat, file.name
        fallback = options.group_name or chat.name or PurePosixPath(file.relative).stem
        self.group = str(chat.id) if chat.id is not None else fallback
        self.title = chat.name
        self._prefix = f"{PLATFORM}:{self.group}:"
        self._accounts = Accounts(chat.id, chat.type)
        self._clock = Clock(options.zone)
        self._authors: NumberedRecentMap[Account] = NumberedRecentMap()
        self._content_keys = ContentKeys(PLATFORM, self.group)
        self._waiting: list[Later] = []
        self._number = 0

    def read(self, batch: Batch) -> list[Event | Problem]:
        out: list[Event | Problem] = []
        for raw in batch:
            self._number += 1
            if isinstance(raw, BadRecord):
                out.append(Problem(self._file, raw.line, self._where(raw.number, None) + raw.message))
                continue
            try:
                if raw.type == "message":
                    self._message(raw, out)
                elif raw.type == "service":
                    self._service(raw, out)
            except (ValueError, OverflowError) as error:
                out.append(Problem(self._file, None, f"{self._where(self._number, raw.id)}{error}"))
        return out

    def finish(self) -> list[Event]:
        """The service lines still waiting for their names, now that the whole chat is known."""
        book = NameBook()
        for seen in self._accounts.seen.values():
            book.saw_span(seen.account, seen.first, seen.last)
        events: list[Event] = []
        for later in self._waiting:
            actor, time_us = later.line.actor, later.line.time_us

            def resolve(name: str | None, actor: Account = actor, time_us: int = time_us) -> Account:
                if name and name == actor.name:
                    return actor
                return book.resolve(name or "", time_us) or DELETED  # no name: a deleted account

            events.extend(later.events(resolve))
        self._waiting = []
        return events

    def _where(self, number: int, message_id: int | None) -> str:
        where = f"message #{number}" + (f" (id {message_id})" if message_id is not None else "")
        return f"{where} of chat {self._chat.name!r}: "

    def _message(self, raw: RawMessage, out: list[Event | Problem]) -> None:
        # The hot path of a large import: kept flat, with the rare cases behind cheap tests.
        time_us, offset = self._clock.read(raw.date, raw.date_unixtime)
        name = raw.from_
        if name is _UNSET:
            sender = self._sender(raw.from_id, name, time_us)
        else:
            sender = self._accounts.of(raw.from_id, name, time_us)
        text = raw.text
        if type(text) is str:
            mentions: tuple[Account, ...] = ()
        else:
            text, mentions = flatten(text, self._mentioned)
        if not text and raw.poll is not None:
            text = flatten(raw.poll.question, self._mentioned)[0]
        reply = raw.reply_to_message_id if raw.reply_to_peer_id is None else None
        if raw.id is None:
            ref, key = None, self._content_keys.key(time_us, sender.handle, text)
        else:
            ref = str(raw.id)
            key = self._prefix + ref
            self._authors.add(raw.id, sender)
        out.append(
            Event(
                key=key,
                kind=_MESSAGE,
                platform=PLATFORM,
                group=self.group,
                group_name=self.title,
                time_us=time_us,
                utc_offset_min=offset,
                actor=sender,
                target=None if reply is None else self._authors.get(reply),
                ref=ref,
                reply_to=None if reply is None else str(reply),
                text=text or None,
                mentions=mentions,
                media=media_of(raw),
                edited=False if raw.edited is None and raw.edited_unixtime is None else was_edited(raw),
            )
        )
        if raw.reactions:
            out.extend(self._reactions(raw, key, sender, offset))

    def _sender(self, peer: int | str | None, name: str | msgspec.UnsetType | None, time_us: int) -> Account:
        if isinstance(name, msgspec.UnsetType):
            if peer is None:
                raise ValueError("it names no sender (no from or from_id); expected a Telegram message")
            name = None
        return self._accounts.of(peer, name, time_us)

    def _mentioned(self, part: TextPart) -> Account | None:
        if part.type == "mention_name":
            user = part.user_id
            return (
                None
                if user is None
                else Account(str(user) if isinstance(user, int) else self._accounts.handle(user))
            )
        username = part.text.lstrip("@")
        owner = self._chat.owner_username
        if owner and self._chat.owner_id is not None and username.lower() == owner.lstrip("@").lower():
            return Account(str(self._chat.owner_id))
        return Account(None, "@" + username) if username else None

    def _reactions(self, raw: RawMessage, key: str, author: Account, offset: int | None) -> Iterator[Event]:
        for reaction in raw.reactions or ():
            emoji = reaction.emoji or (
                f"custom_emoji:{reaction.document_id}" if reaction.document_id else reaction.type
            )
            for recent in reaction.recent or ():
                yield self._reaction(raw, key, author, offset, emoji, recent)

    def _reaction(
        self,
        raw: RawMessage,
        key: str,
        author: Account,
        offset: int | None,
        emoji: str,
        recent: RecentReaction,
    ) -> Event:
        if recent.date is None:
            raise ValueError("a reaction has no date")
        time_us, offset = self._clock.at_offset(recent.date, offset)
        who = self._sender(recent.from_id, recent.from_, time_us)
        return Event(
            key=f"{key}:reaction:{who.handle}:{emoji}",
            kind=Kind.REACTION,
            platform=PLATFORM,
            group=self.group,
            group_name=self.title,
            time_us=time_us,
            utc_offset_min=offset,
            actor=who,
            target=author,
            reply_to=None if raw.id is None else str(raw.id),
            text=emoji,
        )

    def _service(self, raw: RawMessage, out: list[Event | Problem]) -> None:
        build = ACTIONS.get(raw.action or "")
        if build is None:
            return
        time_us, offset = self._clock.read(raw.date, raw.date_unixtime)
        if raw.id is None:
            raise ValueError(f"a {raw.action} service message has no id")
        if raw.action in TITLED and raw.title:
            self.title = raw.title
        line = ServiceLine(
            key=self._prefix + str(raw.id),
            ref=str(raw.id),
            group=self.group,
            group_name=self.title,
            time_us=time_us,
            offset_min=offset,
            actor=self._sender(raw.actor_id, raw.actor, time_us),
            title=raw.title,
            members=raw.members or (),
            inviter=raw.inviter,
            own_names=(self.title, self._chat.name),
        )
        built = build(line)
        if isinstance(built, Later):
            self._wait(built, out)
        else:
            out.extend(built)

    def _wait(self, later: Later, out: list[Event | Problem]) -> None:
        self._waiting.append(later)
        if len(self._waiting) >= MAX_WAITING:
            out.extend(self.finish())
