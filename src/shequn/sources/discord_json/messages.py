"""DCE message objects as events: messages, joins, leaves, removals, renames and reactions.

DCE writes a message's `type` by name where its enum knows it (`Default`, `Reply`, `GuildMemberJoin`,
`RecipientAdd`...) and as Discord's number otherwise, so both spellings are accepted. Kinds that are
not about people talking or coming and going (pins, calls, icon changes, "started a thread", the
copy of a thread's starter message) make no event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from ...domain.clock import offset_minutes, to_time_us
from ...domain.events import Account, Event, Kind, Via
from ..jsonfile import described, objects
from ..recent import RecentMap
from .content import account, emoji_text, media, mentions, message_text, reply_reference

PLATFORM = "discord"

_MESSAGE_KINDS = ("Default", "0", "Reply", "19", "ChatInputCommand", "20", "ContextMenuCommand", "23")
_RENAME_PREFIX = "Changed the channel name"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


class BadRecord(ValueError):
    """A message object that cannot be read; the text says what was found and what was expected."""


@dataclass(frozen=True)
class Channel:
    id: str
    guild: str | None  # None for direct messages
    name: str

    def title(self, name: str | None = None) -> str:
        """The group's name: `guild / #channel` in a server, the conversation's own name in DMs."""
        name = name or self.name
        return f"{self.guild} / #{name}" if self.guild else name


class _Head(NamedTuple):
    """What every message object has: its id, its time with the offset it was written in, its author."""

    ref: str
    time_us: int
    offset: int | None
    author: Account


class MessageReader:
    def __init__(self, channel: Channel, zone: tzinfo) -> None:
        self.channel = channel
        self.zone = zone
        self.group_name = channel.title()
        self.recent: RecentMap[str, Account] = RecentMap()
        self._offsets: dict[Any, int | None] = {}  # the offsets DCE writes, by their tzinfo
        handlers: dict[str, Callable[[dict[str, Any], _Head], list[Event]]] = dict.fromkeys(
            _MESSAGE_KINDS, self._message
        )
        handlers |= dict.fromkeys(("GuildMemberJoin", "7"), self._server_join)
        handlers |= dict.fromkeys(("RecipientAdd", "1"), self._recipient_added)
        handlers |= dict.fromkeys(("RecipientRemove", "2"), self._recipient_removed)
        handlers |= dict.fromkeys(("ChannelNameChange", "4"), self._renamed)
        self._handlers = handlers

    def events(self, raw: Any) -> list[Event]:
        """The events one message object stands for; BadRecord when it cannot be read."""
        if not isinstance(raw, dict):
            raise BadRecord(f"expected a message object, found {described(raw)}")
        handler = self._handlers.get(str(raw.get("type", "Default")))
        if handler is None:
            return []
        return handler(raw, self._head(raw))

    def _message(self, raw: dict[str, Any], head: _Head) -> list[Event]:
        reply_to = reply_reference(raw, self.channel.id) if "reference" in raw else None
        target = self.recent.get(reply_to) if reply_to else None
        text = message_text(raw)
        channel = self.channel.id
        message = Event(
            key=f"{PLATFORM}:{channel}:{head.ref}", kind=Kind.MESSAGE, platform=PLATFORM, group=channel,
            group_name=self.group_name, time_us=head.time_us, utc_offset_min=head.offset, actor=head.author,
            target=target, ref=head.ref, reply_to=reply_to, text=text, mentions=mentions(raw, text, target),
            media=media(raw), edited=bool(raw.get("timestampEdited")),
        )  # fmt: skip
        self.recent.add(head.ref, head.author)
        if not raw.get("reactions"):
            return [message]
        return [message, *self._reactions(raw, head)]

    def _reactions(self, raw: dict[str, Any], head: _Head) -> Iterator[Event]:
        """One reaction per person the export names; a bare count says nothing about who reacted."""
        for reaction in objects(raw.get("reactions")):
            emoji = reaction.get("emoji")
            text = emoji_text(emoji)
            if text is None or not isinstance(emoji, dict):
                continue
            emoji_key = emoji.get("id") or emoji.get("name")
            for user in objects(reaction.get("users")):
                reactor = account(user)
                if reactor is not None:
                    suffix = f":reaction:{emoji_key}:{reactor.id}"
                    yield self._event(
                        head,
                        Kind.REACTION,
                        suffix,
                        actor=reactor,
                        target=head.author,
                        reply_to=head.ref,
                        text=text,
                    )

    def _server_join(self, raw: dict[str, Any], head: _Head) -> list[Event]:
        # Discord records that someone joined the server, never through which invite.
        return [self._event(head, Kind.JOIN, actor=head.author, via=Via.IMPORT)]

    def _recipient_added(self, raw: dict[str, Any], head: _Head) -> list[Event]:
        added = _first_mention(raw)
        if added is None:  # older DCE versions do not say who was added
            return []
        return [self._event(head, Kind.JOIN, actor=added, inviter=head.author, via=Via.ADDED)]

    def _recipient_removed(self, raw: dict[str, Any], head: _Head) -> list[Event]:
        removed = _first_mention(raw)
        if removed is None:
            return []
        if removed.id == head.author.id:
            return [self._event(head, Kind.LEAVE, actor=head.author)]
        return [self._event(head, Kind.REMOVAL, actor=head.author, target=removed)]

    def _renamed(self, raw: dict[str, Any], head: _Head) -> list[Event]:
        new_name = _new_channel_name(raw.get("content"))
        title = self.channel.title(new_name) if new_name else self.group_name
        return [self._event(head, Kind.GROUP_RENAMED, actor=head.author, text=new_name, group_name=title)]

    def _event(self, head: _Head, kind: Kind, suffix: str = "", **fields: Any) -> Event:
        fields.setdefault("group_name", self.group_name)
        return Event(
            key=f"{PLATFORM}:{self.channel.id}:{head.ref}{suffix}", kind=kind, platform=PLATFORM,
            group=self.channel.id, time_us=head.time_us, utc_offset_min=head.offset, **fields,
        )  # fmt: skip

    def _head(self, raw: dict[str, Any]) -> _Head:
        ref = raw.get("id")
        if isinstance(ref, int) and not isinstance(ref, bool):
            ref = str(ref)
        if not isinstance(ref, str) or not ref:
            raise BadRecord(f"expected an id (a snowflake string), found {described(ref)}")
        author = account(raw.get("author"))
        if author is None:
            raise BadRecord(f"expected an author with an id, found {described(raw.get('author'))}")
        time_us, offset = self._time(raw.get("timestamp"))
        return _Head(ref, time_us, offset, author)

    def _time(self, value: Any) -> tuple[int, int | None]:
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise BadRecord(
                f"expected a timestamp like 2023-01-17T19:33:07.489+00:00, found {described(value)}"
            ) from None
        if moment.tzinfo is None:  # DCE always writes an offset; a hand-made file may not
            moment = moment.replace(tzinfo=self.zone)
            return to_time_us(moment), offset_minutes(moment)
        offset = self._offsets.get(moment.tzinfo)
        if offset is None:
            offset = self._offsets[moment.tzinfo] = offset_minutes(moment)
        return (moment - _EPOCH) // _MICROSECOND, offset


def _first_mention(raw: dict[str, Any]) -> Account | None:
    for user in objects(raw.get("mentions")):
        return account(user)
    return None


def _new_channel_name(content: Any) -> str | None:
    """DCE writes "Changed the channel name: NEW" (or, in older versions, no name at all)."""
    if not isinstance(content, str) or not content.strip():
        return None
    if content.startswith(_RENAME_PREFIX):
        rest = content[len(_RENAME_PREFIX) :].removeprefix(":").strip()
        return None if rest in ("", ".") else rest
    return content.strip()
