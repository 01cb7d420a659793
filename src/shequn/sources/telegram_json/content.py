"""What a Telegram message says: its plain text, whom it mentions, what media it carries."""

from __future__ import annotations

from collections.abc import Callable

from ...domain.events import Account, Media
from .records import RawMessage, RichText, TextPart

_MEDIA_TYPES = {
    "sticker": Media.STICKER,
    "video_message": Media.VIDEO,
    "voice_message": Media.VOICE,
    "animation": Media.VIDEO,
    "video_file": Media.VIDEO,
    "audio_file": Media.AUDIO,
}
# The epoch-zero "edited" that exports from 2020 write on every message, shifted by the PC's zone.
_NEVER_EDITED = "1970-01-01"

Mentioning = Callable[[TextPart], Account | None]


def flatten(text: RichText, mentioned: Mentioning) -> tuple[str, tuple[Account, ...]]:
    """The plain text of a string or a rich-text array, and the accounts its mentions name."""
    if isinstance(text, str):
        return text, ()
    runs: list[str] = []
    mentions: list[Account] = []
    for part in text:
        if isinstance(part, str):
            runs.append(part)
            continue
        runs.append(part.text)
        if part.type in ("mention_name", "mention") and (account := mentioned(part)) is not None:
            mentions.append(account)
    return "".join(runs), tuple(dict.fromkeys(mentions))


def media_of(raw: RawMessage) -> Media | None:
    if raw.photo is not None:
        return Media.PHOTO
    if raw.file is not None or raw.media_type is not None:
        return _MEDIA_TYPES.get(raw.media_type or "", Media.FILE)
    if raw.poll is not None:
        return Media.POLL
    if raw.location_information is not None or raw.place_name is not None:
        return Media.LOCATION
    if raw.contact_information is not None:
        return Media.CONTACT
    if raw.game_title is not None or raw.invoice_information is not None:
        return Media.OTHER
    return None


def was_edited(raw: RawMessage) -> bool:
    if raw.edited is None and raw.edited_unixtime is None:
        return False
    return not (raw.edited or "").startswith(_NEVER_EDITED) and raw.edited_unixtime != 0
