"""What a WeChat message holds, by the type codes WeChat stores (Type, SubType) and the names
PyWxDump gives them; and the @mentions inside a text."""

from __future__ import annotations

import re

from ...domain.events import Media

TEXT, IMAGE, VOICE, CARD, VIDEO, STICKER, LOCATION, APP, CALL = 1, 3, 34, 42, 43, 47, 48, 49, 50
SYSTEM, SYSTEM_XML = 10000, 10002
QUOTE_SUBTYPE = 57

_BY_TYPE: dict[int, Media] = {
    IMAGE: Media.PHOTO,
    VOICE: Media.VOICE,
    CARD: Media.CONTACT,
    VIDEO: Media.VIDEO,
    STICKER: Media.STICKER,
    LOCATION: Media.LOCATION,
    CALL: Media.OTHER,
}
# Type 49 ("app message") by SubType: 6 file, 3 music, 4/5 link card, 8 uploaded GIF, 33/36 mini
# program, 50/51 Channels; 19 forwarded chat history, 2000 transfer and the rest are "other".
_BY_APP_SUBTYPE: dict[int, Media] = {
    0: Media.FILE,
    6: Media.FILE,
    74: Media.FILE,
    3: Media.LINK,
    4: Media.LINK,
    5: Media.LINK,
    8: Media.STICKER,
    24: Media.LINK,
    33: Media.LINK,
    36: Media.LINK,
    50: Media.LINK,
    51: Media.LINK,
}
# Media whose exported content is markup or a placeholder, not words anyone wrote.
WORDLESS = frozenset({Media.PHOTO, Media.VOICE, Media.VIDEO, Media.STICKER, Media.LOCATION, Media.CONTACT})


def media_of(type_code: int, sub_type: int) -> Media | None:
    if type_code == TEXT:
        return None
    if type_code == APP:
        return None if sub_type == QUOTE_SUBTYPE else _BY_APP_SUBTYPE.get(sub_type, Media.OTHER)
    return _BY_TYPE.get(type_code, Media.OTHER)


# PyWxDump's type_name values (its type_converter) for everything that is not a system notice.
BY_TYPE_NAME: dict[str, Media | None] = {
    "文本": None,
    "引用回复": None,
    "图片": Media.PHOTO,
    "语音": Media.VOICE,
    "视频": Media.VIDEO,
    "动画表情": Media.STICKER,
    "用户上传的GIF表情": Media.STICKER,
    "位置": Media.LOCATION,
    "推荐公众号": Media.CONTACT,
    "文件": Media.FILE,
    "文件(猜)": Media.FILE,
    "粘贴的文本": Media.FILE,
    "(分享)音乐": Media.LINK,
    "(分享)卡片式链接": Media.LINK,
    "(分享)笔记": Media.LINK,
    "(分享)小程序": Media.LINK,
    "(分享)收藏夹": Media.LINK,
    "(分享)视频号名片": Media.LINK,
    "(分享)视频号视频": Media.LINK,
    "视频号直播或直播回放": Media.LINK,
    "视频号直播或直播回放等": Media.LINK,
}
SYSTEM_TYPE_NAMES = frozenset({"系统通知", "邀请加群", "拍一拍"})  # and every "消息撤回…"

# WeChat ends each @mention with U+2005 (four-per-em space), which people do not type.
_MENTION = re.compile(r"@([^@\u2005\n]{1,48})\u2005")


def mentioned_names(text: str | None) -> list[str]:
    if not text or "\u2005" not in text:
        return []
    return _MENTION.findall(text)
