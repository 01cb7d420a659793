"""Message bodies: the placeholders QQ writes for what is not text ([图片], [语音], ...)."""

from __future__ import annotations

import re

from ...domain.events import Media

PLACEHOLDERS: dict[str, Media] = {
    "图片": Media.PHOTO,
    "闪照": Media.PHOTO,
    "表情": Media.STICKER,
    "动画表情": Media.STICKER,
    "语音": Media.VOICE,
    "视频": Media.VIDEO,
    "文件": Media.FILE,
    "位置": Media.LOCATION,
    "链接": Media.LINK,
    "QQ红包": Media.OTHER,
    "红包": Media.OTHER,
    "戳一戳": Media.OTHER,
}
_PLACEHOLDER = re.compile(r"\[(" + "|".join(map(re.escape, PLACEHOLDERS)) + r")\]")


def message_content(body: str) -> tuple[Media | None, str | None]:
    """(media, text): the kind of the first placeholder in the body, and the body unless it is
    nothing but placeholders. An empty body (a recalled or unsupported message) has neither."""
    if "[" not in body:
        return None, body or None
    found = _PLACEHOLDER.search(body)
    if found is None:
        return None, body
    only_placeholders = not _PLACEHOLDER.sub("", body).strip()
    return PLACEHOLDERS[found.group(1)], None if only_placeholders else body
