"""What each WeChat layout is read into before it becomes events: one record per exported row."""

from __future__ import annotations

import msgspec

from ...domain.events import Account, Media


class Quote(msgspec.Struct, frozen=True, gc=False):
    """The message a reply quotes, as far as the layout tells."""

    author_name: str | None = None
    author_id: str | None = None  # the quoted author's wxid (in <refermsg>)
    message_id: str | None = None  # the quoted message's server id (in <refermsg>)
    text: str | None = None
    time_us: int | None = None  # when the quoted message was sent (PyWxDump writes it)


class Record(msgspec.Struct, gc=False):
    line: int
    time_us: int
    utc_offset_min: int | None
    group: str
    sender: Account | None  # None for a system notice
    raw: str  # the content as exported, for content keys
    is_self: bool = False  # sent by the account that made the export
    also_known_as: str | None = None  # a second display name of the sender (WeChatMsg's Remark)
    message_id: str | None = None  # the server id, where the layout has one
    system: bool = False  # a system notice: `text` is what it says
    text: str | None = None
    media: Media | None = None
    quote: Quote | None = None
    linked: dict[str, str] | None = None  # display name -> wxid, from an XML notice's member lists
