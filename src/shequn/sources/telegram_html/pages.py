"""One page of a Telegram Desktop HTML export (`messages.html`, `messages2.html`...), read as a
stream of message records.

The page is fed to the standard library's HTML parser a block at a time; a record is complete when
its `<div class="message ...">` closes. Telegram Desktop writes the layout below (from
`export_output_html.cpp`); only the parts shequn reads are listed:

    div.page_header div.text.bold              the chat's name
    div.message.service#messageN > div.body    a service line, or a day ("23 August 2023")
    div.message.default.clearfix[.joined]#messageN
      div.pull_right.date.details[title]       "23.08.2023 13:11:23 UTC-08:00"
      div.from_name                            the sender (absent on `joined` messages)
      div.forwarded.body > div.from_name       the forwarded message's author: not the sender
      div.reply_to > a[href=#go_to_messageN]   the message this one answers
      div.media_wrap > .photo_wrap, .media_voice_message...
      div.text                                 the text: <br> for newlines, <a> for mentions
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import IO

from ...domain.events import Media

BLOCK_CHARS = 1 << 16
_MESSAGE_ID = re.compile(r"message(-?\d+)$")
_REPLY_ID = re.compile(r"go_to_message(-?\d+)")
_LAYOUT = re.compile(r"\n[ \t]*")  # newlines and indentation between tags: never part of a text
_BREAK = "\x00"  # stands for <br> until the layout is gone
_MEDIA_CLASSES = {
    "photo_wrap": Media.PHOTO,
    "media_photo": Media.PHOTO,
    "sticker_wrap": Media.STICKER,
    "animated_wrap": Media.VIDEO,
    "video_file_wrap": Media.VIDEO,
    "media_video": Media.VIDEO,
    "media_voice_message": Media.VOICE,
    "media_audio_file": Media.AUDIO,
    "media_file": Media.FILE,
    "media_contact": Media.CONTACT,
    "media_location": Media.LOCATION,
    "media_live_location": Media.LOCATION,
    "media_venue": Media.LOCATION,
    "media_poll": Media.POLL,
    "media_game": Media.OTHER,
    "media_invoice": Media.OTHER,
    "media_call": Media.OTHER,
}


@dataclass
class PageMessage:
    id: int
    line: int
    service: bool
    joined: bool
    date_title: str | None = None
    sender: str | None = None
    text: str = ""
    reply_to: int | None = None
    media: Media | None = None
    mentions: list[str] = field(default_factory=list)  # "@username", or a display name


class PageReader:
    """The messages of one page, in order. The chat's name is known before the first message is
    given; `unfinished` is the message the page ended inside, if it was cut short."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._parser = _PageParser()
        self.unfinished: PageMessage | None = None

    @property
    def chat_name(self) -> str | None:
        return self._parser.chat_name

    def messages(self) -> Iterator[PageMessage]:
        parser = self._parser
        while block := self._stream.read(BLOCK_CHARS):
            parser.feed(block)
            yield from parser.drain()
        parser.close()
        yield from parser.drain()
        self.unfinished = parser.message


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chat_name: str | None = None
        self.done: list[PageMessage] = []  # messages read since last drained
        self.message: PageMessage | None = None
        self._divs: list[str] = []  # what each open div is: a capture target, a marker, or ""
        self._capture: list[str] | None = None
        self._forwarded = 0  # open div.forwarded elements
        self._link: dict[str, str | None] | None = None
        self._link_text: list[str] = []

    def drain(self) -> list[PageMessage]:
        done, self.done = self.done, []
        return done

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div":
            self._divs.append(self._open_div(dict(attrs)))
        elif tag == "br" and self._capture is not None:
            self._capture.append(_BREAK)
        elif tag == "a":
            if self.message is not None:
                self._media(dict(attrs))
            if self._capture is not None:
                self._link, self._link_text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self._linked(self._link, "".join(self._link_text))
            self._link = None
        elif tag == "div" and self._divs:
            self._close_div(self._divs.pop())

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)
            if self._link is not None:
                self._link_text.append(data)

    def _open_div(self, attrs: dict[str, str | None]) -> str:
        classes = (attrs.get("class") or "").split()
        if "message" in classes and (found := _MESSAGE_ID.match(attrs.get("id") or "")):
            self.message = PageMessage(
                int(found[1]), self.getpos()[0], "service" in classes, "joined" in classes
            )
            return "message"
        if self.message is None:
            return self._capture_if(classes == ["text", "bold"] and self.chat_name is None, "chat_name")
        if "forwarded" in classes:
            self._forwarded += 1
            return "forwarded"
        if "date" in classes and "details" in classes and attrs.get("title"):
            self.message.date_title = attrs["title"]
        self._media(attrs)
        if self.message.service:
            return self._capture_if("body" in classes, "text")
        if "from_name" in classes:
            return self._capture_if(not self._forwarded, "sender")
        if "reply_to" in classes:
            return self._capture_if(True, "reply_to")
        return self._capture_if(classes == ["text"] or "question" in classes, "text")

    def _media(self, attrs: dict[str, str | None]) -> None:
        """Media show as classes of a div or a link, e.g. `a.photo_wrap`, `div.media_voice_message`."""
        assert self.message is not None
        if self.message.media is None:
            for name in (attrs.get("class") or "").split():
                if name in _MEDIA_CLASSES:
                    self.message.media = _MEDIA_CLASSES[name]
                    return

    def _capture_if(self, wanted: bool, target: str) -> str:
        if not wanted or self._capture is not None:
            return ""
        self._capture = []
        return target

    def _close_div(self, role: str) -> None:
        if role == "message" and self.message is not None:
            self.done.append(self.message)
            self.message = None
        elif role == "forwarded":
            self._forwarded -= 1
        elif role and self._capture is not None:
            self._captured(role, _LAYOUT.sub("", "".join(self._capture)).replace(_BREAK, "\n"))
            self._capture = None

    def _captured(self, role: str, text: str) -> None:
        if role == "chat_name":
            self.chat_name = text.strip()
        elif self.message is None:
            return
        elif role == "sender":
            self.message.sender = text.strip()
        elif role == "text" and not self.message.text:
            self.message.text = text.strip() if self.message.service else text

    def _linked(self, attrs: dict[str, str | None], text: str) -> None:
        if self.message is None:
            return
        href, onclick = attrs.get("href") or "", attrs.get("onclick") or ""
        if found := _REPLY_ID.search(href):
            self.message.reply_to = self.message.reply_to or int(found[1])
        elif "ShowMentionName" in onclick:
            self.message.mentions.append(text.strip())
        elif text.startswith("@") and href.endswith("/" + text[1:]):
            self.message.mentions.append(text)
