"""A Slack channel's day files as events: messages, thread replies, reactions, joins, leaves, renames.

Every message's `ts` is its id within the channel and its time (epoch seconds with microseconds),
so keys are `slack:<channel id>:<ts>`. Slack writes no UTC offset, so each event records the offset
of the import's time zone at that moment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ...domain.events import Account, AccountKind, Event, Kind, Via
from ..files import SourceFile
from ..importer import Problem
from ..jsonfile import described
from ..localtime import LocalClock
from .content import media, message_text, reactions
from .mrkdwn import render
from .workspace import Channel, Workspace, array_items

PLATFORM = "slack"
_MESSAGES = frozenset({
    None, "bot_message", "me_message", "file_share", "file_mention", "file_comment", "thread_broadcast",
    "reply_broadcast", "slackbot_response", "tombstone",
})  # fmt: skip
_JOINS = frozenset({"channel_join", "group_join"})
_LEAVES = frozenset({"channel_leave", "group_leave"})
_RENAMES = frozenset({"channel_name", "group_name"})
_FOUNDER_WINDOW_US = 3_600 * 1_000_000  # the creator's join lands within seconds of the creation
_TS = re.compile(r"(\d{1,12})(?:\.(\d{1,6}))?", re.ASCII)


class BadRecord(ValueError):
    """A message that cannot be read; the text says what was found and what was expected."""


def read_day_file(file: SourceFile, reader: ChannelReader) -> Iterator[Event | Problem]:
    for number, raw in array_items(file, "message"):
        try:
            yield from reader.events(raw)
        except BadRecord as bad:
            yield Problem(file.name, number, f"message {number}: {bad}")


def created_event(channel: Channel, workspace: Workspace, clock: LocalClock) -> Event | None:
    """The channel's creation, from the workspace's list of conversations."""
    if channel.created is None:
        return None
    time_us = int(channel.created) * 1_000_000
    offset = clock.offset_at(time_us)
    return Event(
        key=f"{PLATFORM}:{channel.id}:created", kind=Kind.GROUP_CREATED, platform=PLATFORM, group=channel.id,
        group_name=channel.title, time_us=time_us, utc_offset_min=offset, text=channel.title,
        actor=workspace.account(channel.creator) if channel.creator else None,
    )  # fmt: skip


class ChannelReader:
    def __init__(self, channel: Channel, workspace: Workspace, clock: LocalClock) -> None:
        self.channel = channel
        self.workspace = workspace
        self.clock = clock
        self._handlers: dict[str | None, Callable[[dict[str, Any], str, int], list[Event]]] = {}
        self._handlers |= dict.fromkeys(_MESSAGES, self._message)
        self._handlers |= dict.fromkeys(_JOINS, self._join)
        self._handlers |= dict.fromkeys(_LEAVES, self._leave)
        self._handlers |= dict.fromkeys(_RENAMES, self._rename)

    def events(self, raw: Any) -> list[Event]:
        """The events one message object stands for (none for topic changes, pins, integrations...)."""
        if not isinstance(raw, dict):
            raise BadRecord(f"expected a message object, found {described(raw)}")
        subtype = raw.get("subtype")
        handler = self._handlers.get(subtype) if subtype is None or isinstance(subtype, str) else None
        if handler is None:
            return []
        ts, time_us = _timestamp(raw.get("ts"))
        return handler(raw, ts, time_us)

    def _message(self, raw: dict[str, Any], ts: str, time_us: int) -> list[Event]:
        author = self._author(raw)
        text, mentioned = render(message_text(raw), self.workspace.account)
        reply_to, target = self._thread(raw, ts)
        deleted = raw.get("subtype") == "tombstone"
        # "<@U1> uploaded a file" names its own author; nobody mentions themselves
        others = tuple(person for person in mentioned if person.id != author.id)
        message = self._event(
            Kind.MESSAGE, ts, time_us, actor=author, target=target, ref=ts, reply_to=reply_to,
            text=None if deleted else text or None, mentions=others, media=media(raw),
            edited=isinstance(raw.get("edited"), dict), deleted=deleted,
        )  # fmt: skip
        return [message, *self._reactions(raw, ts, time_us, author)]

    def _thread(self, raw: dict[str, Any], ts: str) -> tuple[str | None, Account | None]:
        """A thread reply answers the thread's first message (its `thread_ts`), written by
        `parent_user_id`; the first message itself carries `thread_ts` equal to its own `ts`."""
        thread, parent = raw.get("thread_ts"), raw.get("parent_user_id")
        if not isinstance(thread, str) or not thread or thread == ts:
            return None, None
        return thread, self.workspace.account(parent) if isinstance(parent, str) and parent else None

    def _reactions(self, raw: dict[str, Any], ts: str, time_us: int, author: Account) -> Iterator[Event]:
        """One reaction per person the export lists; the time is the message's (Slack keeps no other)."""
        for emoji, user_id in reactions(raw):
            reactor = self.workspace.account(user_id)
            key = f"{ts}:reaction:{emoji}:{user_id}"
            yield self._event(
                Kind.REACTION, key, time_us, actor=reactor, target=author, reply_to=ts, text=f":{emoji}:"
            )

    def _join(self, raw: dict[str, Any], ts: str, time_us: int) -> list[Event]:
        person = self._author(raw)
        inviter = raw.get("inviter")
        if isinstance(inviter, str) and inviter:
            return [
                self._event(
                    Kind.JOIN,
                    ts,
                    time_us,
                    actor=person,
                    via=Via.ADDED,
                    inviter=self.workspace.account(inviter),
                )
            ]
        return [self._event(Kind.JOIN, ts, time_us, actor=person, via=self._self_join_via(person, time_us))]

    def _self_join_via(self, person: Account, time_us: int) -> Via:
        """The creator's own join at the channel's creation founds it; any other join without an
        inviter says only that the person joined, not how (a link, the channel browser, a default
        channel of the workspace)."""
        created = self.channel.created
        founding = created is not None and abs(time_us - int(created) * 1_000_000) <= _FOUNDER_WINDOW_US
        return Via.FOUNDER if founding and person.id == self.channel.creator else Via.IMPORT

    def _leave(self, raw: dict[str, Any], ts: str, time_us: int) -> list[Event]:
        return [self._event(Kind.LEAVE, ts, time_us, actor=self._author(raw))]

    def _rename(self, raw: dict[str, Any], ts: str, time_us: int) -> list[Event]:
        name = raw.get("name")
        new_name = name if isinstance(name, str) and name else None
        title = f"#{new_name}" if new_name else self.channel.title
        return [
            self._event(
                Kind.GROUP_RENAMED, ts, time_us, actor=self._author(raw), text=new_name, group_name=title
            )
        ]

    def _author(self, raw: dict[str, Any]) -> Account:
        user = raw.get("user")
        if not isinstance(user, str) or not user:
            comment = raw.get("comment")
            user = comment.get("user") if isinstance(comment, dict) else None
        if isinstance(user, str) and user:
            return self.workspace.account(user, raw.get("user_profile"))
        bot = raw.get("bot_id")
        if isinstance(bot, str) and bot:
            return Account(bot, _bot_name(raw), AccountKind.BOT)
        raise BadRecord(f"expected a user (or a bot_id), found {described(raw.get('user'))}")

    def _event(self, kind: Kind, key: str, time_us: int, **fields: Any) -> Event:
        fields.setdefault("group_name", self.channel.title)
        return Event(
            key=f"{PLATFORM}:{self.channel.id}:{key}", kind=kind, platform=PLATFORM, group=self.channel.id,
            time_us=time_us, utc_offset_min=self.clock.offset_at(time_us), **fields,
        )  # fmt: skip


def _timestamp(ts: Any) -> tuple[str, int]:
    """Slack's `ts` ("1452837318.000002"), and the same moment in microseconds since the epoch."""
    found = _TS.fullmatch(ts) if isinstance(ts, str) else None
    if found:
        return found[0], int(found[1]) * 1_000_000 + int((found[2] or "").ljust(6, "0"))
    raise BadRecord(f"expected a ts like '1452837318.000002', found {described(ts)}")


def _bot_name(raw: dict[str, Any]) -> str | None:
    profile = raw.get("bot_profile")
    for name in (raw.get("username"), profile.get("name") if isinstance(profile, dict) else None):
        if isinstance(name, str) and name:
            return name
    return None
