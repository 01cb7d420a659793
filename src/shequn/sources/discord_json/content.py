"""What a DCE message carries besides its author and time: text, reply, mentions, media, emoji."""

from __future__ import annotations

from typing import Any

from ...domain.events import Account, AccountKind, Media
from ..jsonfile import objects

_PHOTO = frozenset({"png", "jpg", "jpeg", "gif", "webp", "bmp", "heic", "heif", "avif", "tif", "tiff"})
_VIDEO = frozenset({"mp4", "mov", "webm", "mkv", "avi", "m4v", "wmv"})
_AUDIO = frozenset({"mp3", "wav", "flac", "m4a", "aac", "opus", "ogg", "oga", "wma"})
_VOICE_MESSAGE = "voice-message.ogg"  # the file name Discord gives recorded voice messages


def account(user: Any) -> Account | None:
    """A DCE user object (`id`, `name`, `nickname`, `isBot`) as an account; None without an id."""
    if not isinstance(user, dict):
        return None
    user_id = user.get("id")
    if type(user_id) is not str:
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            return None
        user_id = str(user_id)
    if not user_id:
        return None
    name = user.get("nickname") or user.get("name")
    kind = AccountKind.BOT if user.get("isBot") is True else AccountKind.PERSON
    return Account(user_id, name if type(name) is str else None, kind)


def message_text(raw: dict[str, Any]) -> str | None:
    """The message's own words; a forward with none of its own carries the forwarded words."""
    content = raw.get("content")
    if isinstance(content, str) and content:
        return content
    forwarded = raw.get("forwardedMessage")
    if isinstance(forwarded, dict) and isinstance(forwarded.get("content"), str):
        return forwarded["content"] or None
    return None


def reply_reference(raw: dict[str, Any], channel_id: str) -> str | None:
    """The id of the message this one answers. A forward or a crosspost also has a `reference`,
    but one that points elsewhere (or says `Forward`), and answers nothing here."""
    reference = raw.get("reference")
    if not isinstance(reference, dict) or reference.get("type") == "Forward":
        return None
    message_id = reference.get("messageId")
    if reference.get("channelId") not in (None, channel_id):
        return None
    if isinstance(message_id, int) and not isinstance(message_id, bool):
        message_id = str(message_id)
    return message_id if isinstance(message_id, str) and message_id else None


def mentions(raw: dict[str, Any], text: str | None, replied: Account | None) -> tuple[Account, ...]:
    """The people a message mentions. Discord also lists the author a reply pings; that person is
    the reply's target, so they count as mentioned only when the text names them too."""
    listed = raw.get("mentions")
    if not listed:
        return ()
    found: dict[str, Account] = {}
    for user in objects(listed):
        mentioned = account(user)
        if mentioned is None or mentioned.id in found:
            continue
        if replied is not None and mentioned.id == replied.id and not _named_in(text or "", user):
            continue
        found[mentioned.id or ""] = mentioned
    return tuple(found.values())


def media(raw: dict[str, Any]) -> Media | None:
    """What kind of attachment a message carries: a file's kind, else a sticker, else a link preview."""
    attachments, stickers, embeds = raw.get("attachments"), raw.get("stickers"), raw.get("embeds")
    if not (attachments or stickers or embeds):
        return None
    for attachment in objects(attachments):
        return _file_kind(attachment.get("fileName"))
    if any(True for _ in objects(stickers)):
        return Media.STICKER
    if any(embed.get("url") for embed in objects(embeds)):
        return Media.LINK
    return None


def emoji_text(emoji: Any) -> str | None:
    """A standard emoji as itself, a server's custom emoji as `:name:`."""
    if not isinstance(emoji, dict) or not isinstance(emoji.get("name"), str) or not emoji["name"]:
        return None
    return f":{emoji['name']}:" if emoji.get("id") else str(emoji["name"])


def _named_in(text: str, user: dict[str, Any]) -> bool:
    user_id = user.get("id")
    if f"<@{user_id}>" in text or f"<@!{user_id}>" in text:
        return True
    names = (user.get("nickname"), user.get("name"))
    return any(isinstance(name, str) and name and f"@{name}" in text for name in names)


def _file_kind(file_name: Any) -> Media:
    if not isinstance(file_name, str):
        return Media.FILE
    if file_name == _VOICE_MESSAGE:
        return Media.VOICE
    extension = file_name.rpartition(".")[2].lower()
    if extension in _PHOTO:
        return Media.PHOTO
    if extension in _VIDEO:
        return Media.VIDEO
    return Media.AUDIO if extension in _AUDIO else Media.FILE
