"""The canonical event: everything that happens in a community, as one immutable record.

Importers, connectors and the demo generator only ever produce these; every figure shequn shows is
derived from them. Who is actor and who is target in each kind is tabled in docs/events.md; the
person a membership event is about is `target` for a removal and `actor` otherwise
(`Event.membership_subject`).
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Kind(StrEnum):
    GROUP_CREATED = "group_created"
    GROUP_RENAMED = "group_renamed"
    JOIN = "join"
    LEAVE = "leave"
    REMOVAL = "removal"
    MESSAGE = "message"
    REACTION = "reaction"
    IDENTITY_MERGED = "identity_merged"
    IDENTITY_UNMERGED = "identity_unmerged"
    ORDER_PLACED = "order_placed"
    ORDER_PAID = "order_paid"
    ORDER_REFUNDED = "order_refunded"
    CHECK_IN = "check_in"


MEMBERSHIP_KINDS = frozenset({Kind.JOIN, Kind.LEAVE, Kind.REMOVAL})
ORDER_KINDS = frozenset({Kind.ORDER_PLACED, Kind.ORDER_PAID, Kind.ORDER_REFUNDED})


class Via(StrEnum):
    """How a member came into a group."""

    LINK = "link"  # an invite link (possibly a member's own)
    ADDED = "added"  # added directly by another member
    CODE = "code"  # an entry-channel code or QR code
    REQUEST = "request"  # asked to join and was approved
    IMPORT = "import"  # present in the history with no record of how
    FOUNDER = "founder"  # a member when the group was created


class Media(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    VOICE = "voice"
    AUDIO = "audio"
    STICKER = "sticker"
    FILE = "file"
    LINK = "link"
    LOCATION = "location"
    CONTACT = "contact"
    POLL = "poll"
    OTHER = "other"


class AccountKind(StrEnum):
    PERSON = "person"
    BOT = "bot"
    SYSTEM = "system"  # the platform itself, a channel signature, "Deleted Account"


class Account(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """An account on the event's platform, as the source names it.

    `id` is the platform's own id where the source has one (a Telegram user id, a QQ number, a wxid);
    without it the account is known by its display name alone, and two sources that spell the name
    alike are taken to be the same account on that platform. An account is on the event's platform
    unless it names another one.
    """

    id: str | None
    name: str | None = None
    kind: AccountKind = AccountKind.PERSON
    platform: str | None = None  # another platform than the event's: a merge of a QQ and a WeChat account

    def __post_init__(self) -> None:
        if not self.id and not self.name:
            raise ValueError("an account needs an id or a name")

    @property
    def handle(self) -> str:
        """The key that identifies this account within its platform."""
        return self.id if self.id else "~" + (self.name or "")


class Event(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """One thing that happened, with a natural key so recording it twice stores it once.

    An immutable msgspec struct rather than a dataclass: importers make tens of millions of these,
    and a struct is built about six times faster.

    `key` is unique within a community and stable across re-imports: built from what the source says
    (platform, chat id, message id...), never from a file path or the time of import.
    `time_us` is microseconds since the Unix epoch in UTC; `utc_offset_min` is the offset the source
    recorded the time in, when it had one.
    """

    key: str
    kind: Kind
    platform: str
    group: str | None
    time_us: int
    actor: Account | None = None
    target: Account | None = None
    group_name: str | None = None
    utc_offset_min: int | None = None
    ref: str | None = None
    reply_to: str | None = None
    text: str | None = None
    mentions: tuple[Account, ...] = ()
    media: Media | None = None
    edited: bool = False
    deleted: bool = False
    via: Via | None = None
    inviter: Account | None = None
    code: str | None = None
    amount_fen: int | None = None
    product: str | None = None

    @property
    def membership_subject(self) -> Account | None:
        """The person a join, leave or removal is about."""
        return self.target if self.kind is Kind.REMOVAL else self.actor
