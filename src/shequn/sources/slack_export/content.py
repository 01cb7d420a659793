"""What a Slack message carries besides its author and time: words, files, reactions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...domain.events import Media
from ..jsonfile import objects


def message_text(raw: dict[str, Any]) -> str:
    """The message's mrkdwn; an integration's message with no text of its own says what its
    attachments' fallback lines say."""
    text = raw.get("text")
    if isinstance(text, str) and text:
        return text
    fallbacks = [
        item["fallback"] for item in objects(raw.get("attachments")) if isinstance(item.get("fallback"), str)
    ]
    return "\n".join(fallbacks)


def media(raw: dict[str, Any]) -> Media | None:
    """A shared file's kind by its MIME type; else a link preview (an unfurled URL)."""
    files = [*objects(raw.get("files")), *objects([raw.get("file")])]
    if files:
        return _file_kind(files[0])
    if any(item.get("from_url") or item.get("original_url") for item in objects(raw.get("attachments"))):
        return Media.LINK
    return None


def reactions(raw: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(emoji name, user id) for each person a reaction lists. Slack lists only the first reactors
    of a popular emoji (`count` can exceed the list); the unnamed ones make no event."""
    for reaction in objects(raw.get("reactions")):
        name = reaction.get("name")
        users = reaction.get("users")
        if isinstance(name, str) and name and isinstance(users, list):
            for user in dict.fromkeys(user for user in users if isinstance(user, str) and user):
                yield name, user


def _file_kind(file: dict[str, Any]) -> Media:
    mimetype = file.get("mimetype")
    kind = mimetype.partition("/")[0] if isinstance(mimetype, str) else ""
    if kind == "image":
        return Media.PHOTO
    if kind == "video":
        return Media.VIDEO
    if kind == "audio":
        return Media.VOICE if file.get("subtype") == "slack_audio" else Media.AUDIO
    return Media.FILE
