"""One record of an export (a header line and its continuation lines) as canonical events.

This is the complete reading of a record; the parser's inner loop takes a shortcut for the
common case (a plain text message whose date, clock and sender it has seen before) that must give
exactly what `read` gives.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from ...domain.events import Account, Event, Kind
from ..importer import Problem
from ..keys import ContentKeys
from .bodies import DELETED, OMITTED, attachment, without_edited_mark
from .headers import EXAMPLE, display_name
from .membership import membership_events
from .mentions import Mentions
from .prescan import Survey
from .systemlines import read_system_line
from .timestamps import Clock

PLATFORM = "whatsapp"
LRM = "\u200e"
_QUOTES = frozenset('"“”„«»「」')
_ACCOUNT_CACHE_LIMIT = 100_000
_NOT_SEEN = Account(None, "\x00")  # a cache miss, told apart from None ("this is not a sender")

# First lines that are never plain text (the empty one is no text at all).
PLACEHOLDERS = frozenset(OMITTED) | DELETED | {""}


class Records:
    def __init__(self, group: str, title: str, zone: tzinfo, survey: Survey) -> None:
        self.group, self.title = group, title  # the title changes with "created group"/"changed the subject"
        self.clock = Clock(zone, survey.order)
        self.keys = ContentKeys(PLATFORM, group)
        self.accounts: dict[str, Account | None] = {}  # sender as written -> account; None: not a sender
        self._order = survey.order.value
        self._senders = survey.senders
        self._mentions = Mentions(survey.senders)

    def read(self, date: str, clock: str, rest: str, more: str) -> list[Event | Problem]:
        """The events of one record: `rest` is the header line after the time, `more` its
        continuation lines (from the first newline). A Problem here has no line; the caller knows it."""
        moment = self.clock.moment(date, clock)
        if moment is None:
            return [self._bad_header(date, clock)]
        colon = rest.find(": ")
        actor = self._sender(rest[:colon], rest + more) if colon > 0 else None
        if actor is None:
            return self._system_line(rest + more, moment)
        first = rest[colon + 2 :]
        text = first + more if more else first
        if first in PLACEHOLDERS or first[:1] == LRM or rest[-1:] in ">)" or more[-1:] == ">":
            return self._unusual_message(actor, text, moment)
        mentions = self._mentions.in_text(text) if "@" in text else ()
        key = self.keys.key(moment[0], actor.name or "", text)
        return [self._event(key, moment, Kind.MESSAGE, actor=actor, text=text, mentions=mentions)]

    def _sender(self, sender: str, line: str) -> Account | None:
        """The account of a sender; None when the "sender" is really the start of a system line
        with ": " inside a quoted title."""
        found = self.accounts.get(sender, _NOT_SEEN)
        if found is not _NOT_SEEN:
            return found
        if _QUOTES.intersection(sender) and read_system_line(line.lstrip(LRM), self._senders):
            return None
        if len(self.accounts) > _ACCOUNT_CACHE_LIMIT:
            self.accounts.clear()
        name = display_name(sender)
        self.accounts[sender] = found = Account(None, name) if name else None
        return found

    def _unusual_message(self, actor: Account, raw: str, moment: tuple[int, int]) -> list[Event | Problem]:
        """A message with a placeholder, an attachment, the edited mark or iOS's U+200E."""
        text, edited = without_edited_mark(raw) if raw.endswith(">") else (raw, False)
        first, _, caption = text.partition("\n")
        marked = first.startswith(LRM)
        first = first.lstrip(LRM)
        fields: dict[str, Any] = {"edited": edited, "text": text or None}
        if first in DELETED:
            fields.update(deleted=True, text=None)
        elif media := OMITTED.get(first) or (attachment(first) if first[-1:] in ">)" else None):
            fields.update(media=media, text=caption or None)
        elif marked:  # iOS writes its own notices as if the group had sent them, marked with U+200E
            return self._system_line(text.lstrip(LRM), moment)
        elif "@" in text:
            fields.update(mentions=self._mentions.in_text(text))
        key = self.keys.key(moment[0], actor.name or "", raw)
        return [self._event(key, moment, Kind.MESSAGE, actor=actor, **fields)]

    def _system_line(self, text: str, moment: tuple[int, int]) -> list[Event | Problem]:
        line = read_system_line(text, self._senders)
        if line is not None:
            self.title = line.title or self.title
            key = self.keys.key(moment[0], "", text)
            return [
                self._event(key if number == 1 else f"{key}/{number}", moment, kind, **fields)
                for number, (kind, fields) in enumerate(membership_events(line), start=1)
            ]
        said_nothing = text.endswith((":", ":.")) and "\n" not in text  # "Name:", chat-miner's "Name:."
        if said_nothing:
            name = display_name(text.rstrip(".")[:-1])
            key = self.keys.key(moment[0], name, text)
            return [self._event(key, moment, Kind.MESSAGE, actor=Account(None, name))] if name else []
        return []  # encryption notices, icon changes, calls…: nothing shequn keeps

    def _event(self, key: str, moment: tuple[int, int], kind: Kind, **fields: Any) -> Event:
        time_us, offset = moment
        return Event(
            key=key, kind=kind, platform=PLATFORM, group=self.group, group_name=self.title, time_us=time_us,
            utc_offset_min=offset, **fields,
        )  # fmt: skip

    def _bad_header(self, date: str, clock: str) -> Problem:
        return Problem(
            "", None,
            f"expected a header with a real date and time like {EXAMPLE} (dates read {self._order}), "
            f"found {date!r} {clock!r}",
        )  # fmt: skip
