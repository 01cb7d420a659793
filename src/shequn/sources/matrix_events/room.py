"""Matrix room events as shequn events, read in time order.

The reader keeps what later events need from earlier ones, all of it bounded by the room's members
rather than its history: each user's display name (messages carry only the sender's id), each
member's last membership, open invites (whose sender becomes the inviter of the join that accepts
them), the room's creator and name, and the authors of recent messages (to name whom a reply or a
reaction answers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, NamedTuple

from ...domain.events import Account, Event, Kind, Via
from ..jsonfile import described
from ..localtime import LocalClock
from ..recent import RecentMap
from . import content as message
from .membership import change, new_membership, previous_membership

PLATFORM = "matrix"
_MESSAGE_TYPES = (
    "m.room.message",
    "m.sticker",
    "m.room.encrypted",
    "m.poll.start",
    "org.matrix.msc3381.poll.start",
)


class BadRecord(ValueError):
    """An event that cannot be read; the text says what was found and what was expected."""


class _Head(NamedTuple):
    event_id: str
    room: str
    time_us: int
    sender: str


@dataclass(frozen=True)
class _Invite:
    sender: str
    after_knock: bool  # the invite answered the person's own request to join


class RoomReader:
    def __init__(self, zone: tzinfo, room_name: str | None, room: str | None) -> None:
        self.clock = LocalClock(zone)
        self.room_name = room_name
        self.room = room  # for events that do not say their room_id
        self.names: dict[str, str] = {}
        self.memberships: dict[str, str] = {}
        self.invites: dict[str, _Invite] = {}
        self.creator: str | None = None
        self.recent: RecentMap[str, Account] = RecentMap()
        self.edits: dict[str, tuple[str, str | None]] = {}  # message id -> (editor, latest text), read ahead
        self.redacted: set[str] = set()
        handlers: dict[str, Callable[[dict[str, Any], _Head, dict[str, Any]], list[Event]]] = {}
        handlers |= dict.fromkeys(_MESSAGE_TYPES, self._message)
        handlers |= {"m.reaction": self._reaction, "m.room.member": self._member}
        handlers |= {"m.room.create": self._created, "m.room.name": self._renamed}
        self._handlers = handlers

    def read_ahead(self, raws: Iterable[Any]) -> None:
        """Note the edits and redactions among events read whole, so that the messages they change
        (which come before them) are marked edited or deleted."""
        for raw in raws:
            if not isinstance(raw, dict) or not isinstance(raw.get("content"), dict):
                continue
            body = raw["content"]
            if raw.get("type") == "m.room.redaction":
                redacts = raw.get("redacts", body.get("redacts"))
                if isinstance(redacts, str):
                    self.redacted.add(redacts)
            relates = message.relation(body)
            if relates.get("rel_type") == "m.replace" and isinstance(relates.get("event_id"), str):
                new = body.get("m.new_content")
                new_body = new.get("body") if isinstance(new, dict) else None
                editor = str(raw.get("sender"))
                self.edits[relates["event_id"]] = (editor, new_body if isinstance(new_body, str) else None)

    def events(self, raw: Any) -> list[Event]:
        """The events one Matrix event stands for; BadRecord when it cannot be read."""
        if not isinstance(raw, dict):
            raise BadRecord(f"expected an event object, found {described(raw)}")
        event_type = raw.get("type")
        handler = self._handlers.get(event_type) if isinstance(event_type, str) else None
        if handler is None:
            return []
        body = raw.get("content")
        return handler(raw, self._head(raw), body if isinstance(body, dict) else {})

    def _message(self, raw: dict[str, Any], head: _Head, body: dict[str, Any]) -> list[Event]:
        if message.relation(body).get("rel_type") == "m.replace":
            return []  # an edit changes an earlier message; it is not one of its own
        author = self.account(head.sender)
        reply_to = message.reply_to(body)
        target = self._replied(reply_to, body) if reply_to else None
        edited, text = self._edit_of(raw, head, body, reply_to is not None)
        deleted = head.event_id in self.redacted or _redacted(raw)
        self.recent.add(head.event_id, author)
        return [self._event(
            head, Kind.MESSAGE, actor=author, target=target, ref=head.event_id, reply_to=reply_to,
            text=None if deleted else text, mentions=self._mentions(body, head.sender, target),
            media=message.media(str(raw.get("type")), body), edited=edited, deleted=deleted,
        )]  # fmt: skip

    def _edit_of(
        self, raw: dict[str, Any], head: _Head, body: dict[str, Any], is_reply: bool
    ) -> tuple[bool, str | None]:
        """Whether the message was edited, and its words as last edited where the edit is known."""
        original = message.text(str(raw.get("type")), body, is_reply)
        editor, new_text = self.edits.get(head.event_id, (None, None))
        if editor == head.sender:  # only its sender can edit a message; other "edits" are ignored
            return True, new_text or original
        unsigned = raw.get("unsigned")
        relations = unsigned.get("m.relations") if isinstance(unsigned, dict) else None
        return isinstance(relations, dict) and "m.replace" in relations, original

    def _replied(self, reply_to: str, body: dict[str, Any]) -> Account | None:
        known = self.recent.get(reply_to)
        if known is not None:
            return known
        quoted = message.replied_author(body)
        return self.account(quoted) if quoted else None

    def _mentions(self, body: dict[str, Any], sender: str, target: Account | None) -> tuple[Account, ...]:
        """Clients add the replied-to author to `m.mentions`; that person is the reply's target and
        counts as mentioned only when the words name them too."""
        named = message.pills_in(body) if target is not None else set()
        return tuple(
            self.account(user) for user in message.mentioned_ids(body)
            if user != sender and (target is None or user != target.id or user in named)
        )  # fmt: skip

    def _reaction(self, raw: dict[str, Any], head: _Head, body: dict[str, Any]) -> list[Event]:
        relates = message.relation(body)
        reacted, emoji = relates.get("event_id"), relates.get("key")
        if (
            relates.get("rel_type") != "m.annotation"
            or not isinstance(reacted, str)
            or not isinstance(emoji, str)
        ):
            return []
        if head.event_id in self.redacted or _redacted(raw):
            return []  # taken back
        target = self.recent.get(reacted)
        return [
            self._event(
                head,
                Kind.REACTION,
                actor=self.account(head.sender),
                target=target,
                reply_to=reacted,
                text=emoji,
            )
        ]

    def _member(self, raw: dict[str, Any], head: _Head, body: dict[str, Any]) -> list[Event]:
        subject, new = raw.get("state_key"), new_membership(raw, body)
        if not isinstance(subject, str) or not subject or new is None:
            raise BadRecord(
                f"expected an m.room.member event with a state_key and a membership, found {described(body)}"
            )
        previous = previous_membership(raw) or self.memberships.get(subject)
        self.memberships[subject] = new
        if isinstance(body.get("displayname"), str) and new in ("join", "invite"):
            self.names[subject] = body["displayname"]
        invite = self.invites.pop(subject, None)  # whatever follows an invite answers it
        if new == "invite":
            self.invites[subject] = _Invite(head.sender, previous == "knock")
        kind = change(new, previous, by_self=head.sender == subject)
        if kind is Kind.JOIN:
            return [self._join(head, subject, previous, invite)]
        if kind is Kind.LEAVE:
            return [self._event(head, Kind.LEAVE, actor=self.account(subject))]
        if kind is Kind.REMOVAL:
            return [
                self._event(head, Kind.REMOVAL, actor=self.account(head.sender), target=self.account(subject))
            ]
        return []

    def _join(self, head: _Head, subject: str, previous: str | None, invite: _Invite | None) -> Event:
        person = self.account(subject)
        if head.sender != subject:  # made to join by someone else (an admin, a bridge)
            return self._event(
                head, Kind.JOIN, actor=person, via=Via.ADDED, inviter=self.account(head.sender)
            )
        if previous == "invite" or invite is not None:
            inviter = self.account(invite.sender) if invite else None
            via = Via.REQUEST if invite and invite.after_knock else Via.ADDED
            return self._event(head, Kind.JOIN, actor=person, via=via, inviter=inviter)
        # Joined on their own: the creator's first join founds the room; anyone else came by a
        # public room's address or directory entry, and the event does not say which.
        via = Via.FOUNDER if subject == self.creator and previous is None else Via.IMPORT
        return self._event(head, Kind.JOIN, actor=person, via=via)

    def _created(self, raw: dict[str, Any], head: _Head, body: dict[str, Any]) -> list[Event]:
        creator = body.get("creator")  # room versions before 11; the sender from version 11 on
        self.creator = creator if isinstance(creator, str) and creator else head.sender
        return [self._event(head, Kind.GROUP_CREATED, actor=self.account(self.creator), text=self.room_name)]

    def _renamed(self, raw: dict[str, Any], head: _Head, body: dict[str, Any]) -> list[Event]:
        name = body.get("name")
        if not isinstance(name, str) or not name:
            return []  # the name was removed; the room keeps showing its last one
        self.room_name = name
        return [self._event(head, Kind.GROUP_RENAMED, actor=self.account(head.sender), text=name)]

    def account(self, user_id: str) -> Account:
        return Account(user_id, self.names.get(user_id))

    def _event(self, head: _Head, kind: Kind, **fields: Any) -> Event:
        time_us = head.time_us
        offset = self.clock.offset_at(time_us)
        return Event(
            key=f"{PLATFORM}:{head.room}:{head.event_id}", kind=kind, platform=PLATFORM, group=head.room,
            group_name=self.room_name, time_us=time_us, utc_offset_min=offset, **fields,
        )  # fmt: skip

    def _head(self, raw: dict[str, Any]) -> _Head:
        event_id, sender, room = raw.get("event_id"), raw.get("sender"), raw.get("room_id") or self.room
        millis = raw.get("origin_server_ts")
        if not isinstance(event_id, str) or not event_id:
            raise BadRecord(f"expected an event_id, found {described(event_id)}")
        if not isinstance(sender, str) or not sender:
            raise BadRecord(f"event {event_id}: expected a sender, found {described(sender)}")
        if not isinstance(millis, int) or isinstance(millis, bool):
            raise BadRecord(
                f"event {event_id}: expected origin_server_ts in milliseconds, found {described(millis)}"
            )
        if not isinstance(room, str) or not room:
            raise BadRecord(f"event {event_id}: expected a room_id (or --group to name the room), found none")
        return _Head(event_id, room, millis * 1000, sender)


def _redacted(raw: dict[str, Any]) -> bool:
    unsigned = raw.get("unsigned")
    return isinstance(unsigned, dict) and "redacted_because" in unsigned
