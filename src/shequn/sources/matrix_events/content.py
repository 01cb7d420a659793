"""What an `m.room.message` carries: its words, its kind of media, whom it answers and mentions."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from ...domain.events import Media

_MEDIA = {
    "m.image": Media.PHOTO, "m.video": Media.VIDEO, "m.audio": Media.AUDIO, "m.file": Media.FILE,
    "m.location": Media.LOCATION,
}  # fmt: skip
_TEXT_TYPES = frozenset({"m.text", "m.notice", "m.emote"})
_VOICE_KEYS = ("org.matrix.msc3245.voice", "org.matrix.msc3245.voice.v2")
_POLL_TYPES = frozenset({"m.poll.start", "org.matrix.msc3381.poll.start"})
# A user "pill": a link to https://matrix.to/#/@user:server, or a matrix:u/user:server URI.
_PILL = re.compile(r"""href=["'](?:https://matrix\.to/#/(@[^"'?/]+)|matrix:u/([^"'?/]+))""")
_REPLY_HTML = re.compile(r"<mx-reply>.*?</mx-reply>", re.DOTALL)
_REPLY_BODY_AUTHOR = re.compile(r"\A> <(@[^>\s]+)>")


def relation(content: dict[str, Any]) -> dict[str, Any]:
    relates = content.get("m.relates_to")
    return relates if isinstance(relates, dict) else {}


def reply_to(content: dict[str, Any]) -> str | None:
    """The event a message answers. In a thread, a message that only falls back to a reply for old
    clients answers the thread's root."""
    relates = relation(content)
    in_reply_to = relates.get("m.in_reply_to")
    replied = in_reply_to.get("event_id") if isinstance(in_reply_to, dict) else None
    if relates.get("rel_type") == "m.thread" and (relates.get("is_falling_back") or not replied):
        replied = relates.get("event_id")
    return replied if isinstance(replied, str) and replied else None


def replied_author(content: dict[str, Any]) -> str | None:
    """The user a reply answers, as its fallback quote names them (`<mx-reply>` or "> <@user>")."""
    formatted = content.get("formatted_body")
    if isinstance(formatted, str) and "<mx-reply>" in formatted:
        quoted = _REPLY_HTML.search(formatted)
        pills = _pills(quoted.group(0)) if quoted else []
        if pills:
            return pills[0]
    body = content.get("body")
    found = _REPLY_BODY_AUTHOR.match(body) if isinstance(body, str) else None
    return found.group(1) if found else None


def text(event_type: str, content: dict[str, Any], is_reply: bool) -> str | None:
    """A text message's body without the quoted fallback of a reply; a file's caption, if any."""
    body = content.get("body")
    if not isinstance(body, str) or not body:
        return None
    msgtype = content.get("msgtype")
    if event_type == "m.room.message" and msgtype in _TEXT_TYPES:
        return _without_quote(body) if is_reply else body
    if event_type in _POLL_TYPES or msgtype not in _MEDIA:
        return body
    file_name = content.get("filename")
    return body if isinstance(file_name, str) and file_name and file_name != body else None


def media(event_type: str, content: dict[str, Any]) -> Media | None:
    if event_type == "m.sticker":
        return Media.STICKER
    if event_type in _POLL_TYPES:
        return Media.POLL
    found = _MEDIA.get(content.get("msgtype", ""))
    if found is Media.AUDIO and any(key in content for key in _VOICE_KEYS):
        return Media.VOICE
    return found


def mentioned_ids(content: dict[str, Any]) -> list[str]:
    """Users the message names in its own words (pills outside the reply quote), then the
    intentional mentions (`m.mentions.user_ids`), each once."""
    found: dict[str, None] = {}
    formatted = content.get("formatted_body")
    if isinstance(formatted, str) and "href=" in formatted:
        found.update(dict.fromkeys(_pills(_REPLY_HTML.sub("", formatted))))
    intentional = content.get("m.mentions")
    user_ids = intentional.get("user_ids") if isinstance(intentional, dict) else None
    if isinstance(user_ids, list):
        found.update(
            dict.fromkeys(user for user in user_ids if isinstance(user, str) and user.startswith("@"))
        )
    return list(found)


def pills_in(content: dict[str, Any]) -> set[str]:
    formatted = content.get("formatted_body")
    return set(_pills(_REPLY_HTML.sub("", formatted))) if isinstance(formatted, str) else set()


def _pills(html: str) -> list[str]:
    return [unquote(link) if link else "@" + unquote(uri) for link, uri in _PILL.findall(html)]


def _without_quote(body: str) -> str:
    """A reply's body starts with the quoted message ("> <@alice:x> hi") and a blank line."""
    if not body.startswith("> "):
        return body
    lines = body.split("\n")
    start = next((index for index, line in enumerate(lines) if not line.startswith(">")), len(lines))
    rest = lines[start + 1 :] if start < len(lines) and lines[start] == "" else lines[start:]
    return "\n".join(rest)
