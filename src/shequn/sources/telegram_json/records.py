"""The shape of one message in a Telegram Desktop `result.json`, as msgspec decodes it.

Only the keys shequn reads are declared; msgspec skips the rest without building them, which is
most of what makes decoding fast. Every field has a default because Telegram Desktop writes a key
only when it has a value, and older or hand-made exports leave out even `id` and `date`.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec


class TextPart(msgspec.Struct, frozen=True, gc=False):
    """One typed run of a rich `text` array: {"type": "bold", "text": "..."} and the like."""

    type: str = "plain"
    text: str = ""
    user_id: int | str | None = None  # mention_name: the mentioned user's id


RichText = str | list[str | TextPart]


class RecentReaction(msgspec.Struct, frozen=True, gc=False):
    from_: str | None = msgspec.field(name="from", default=None)
    from_id: int | str | None = None
    date: str | None = None  # the exporting PC's wall time, with no offset


class Reaction(msgspec.Struct, frozen=True, gc=False):
    type: str = "emoji"
    emoji: str | None = None
    document_id: str | None = None
    recent: list[RecentReaction] | None = None


class Present(msgspec.Struct, frozen=True, gc=False):
    """An object whose presence is all shequn reads (a location, a shared contact, an invoice)."""


class Poll(msgspec.Struct, frozen=True, gc=False):
    question: RichText = ""


class RawMessage(msgspec.Struct, frozen=True, gc=False):
    id: int | None = None
    type: str = "message"
    date: str | None = None
    date_unixtime: int | None = None  # written as a string; decoded leniently (strict=False)
    edited: str | None = None
    edited_unixtime: int | None = None
    # Missing (a broken record) is told apart from null (a deleted account).
    from_: str | msgspec.UnsetType | None = msgspec.field(name="from", default=msgspec.UNSET)
    from_id: int | str | None = None
    actor: str | msgspec.UnsetType | None = msgspec.UNSET
    actor_id: int | str | None = None
    action: str | None = None
    title: str | None = None
    members: list[str | None] | None = None
    inviter: str | None = None
    text: RichText = ""
    reply_to_message_id: int | None = None
    reply_to_peer_id: int | str | None = None
    photo: str | None = None
    file: str | None = None
    media_type: str | None = None
    poll: Poll | None = None
    location_information: Present | None = None
    place_name: str | None = None
    contact_information: Present | None = None
    game_title: str | None = None
    invoice_information: Present | None = None
    reactions: list[Reaction] | None = None


@dataclass(frozen=True)
class ChatStart:
    """A chat's own fields, read before its messages: Telegram Desktop writes them first."""

    name: str | None
    type: str | None
    id: int | None
    section: str  # "" for a single-chat export, "chats" or "left_chats" in a full-account export
    owner_id: int | None = None  # the exporting account, named in a full-account export
    owner_username: str | None = None


@dataclass(frozen=True)
class ChatEnd:
    pass


@dataclass(frozen=True)
class BadRecord:
    """A message the decoder could read as JSON but not as a Telegram message."""

    number: int  # 1-based position in its chat
    line: int | None
    message: str


Batch = list[RawMessage | BadRecord]
Item = ChatStart | ChatEnd | Batch

# Not strict: Telegram writes epoch seconds as strings ("1616052024"), and msgspec turning them into
# ints in C is faster than int() in Python, message after message.
MESSAGE_DECODER = msgspec.json.Decoder(RawMessage, strict=False)
BATCH_DECODER = msgspec.json.Decoder(list[RawMessage], strict=False)


def message_from_object(value: object) -> RawMessage:
    """A message the slow path built as plain Python objects."""
    return msgspec.convert(value, RawMessage, strict=False)
