"""WeChatMsg / 留痕 (MemoTrace) TXT: `{remark}.txt`, blocks separated by a blank line.

    2023-05-01 12:00:00 Name          a message: the header, its content, a blank line
    content

    2023-05-01 12:01:00 "A"邀请"B"加入了群聊     a system notice: the header holds it, then a blank line

So a header followed directly by its blank line is a notice, and one followed by two blank lines a
message with empty content. Media are placeholders ([图片] [语音] [表情包] [文件] [视频] [音乐分享]),
a link card starts "[链接]:title:", and a quote reply ends "引用:{name}:{quoted text}". Names were
HTML- and JavaScript-escaped by the exporter. Times are the exporting machine's clock.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ...domain.events import Account, Media
from ..files import SourceFile
from ..importer import Problem
from ..localtime import LocalClock
from ..textfile import UNREADABLE_LINE, line_batches
from .markup import plain_notice
from .records import Quote, Record

HEADER = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (.*)")
PLACEHOLDERS = {
    "[图片]": Media.PHOTO,
    "[语音]": Media.VOICE,
    "[表情包]": Media.STICKER,
    "[文件]": Media.FILE,
    "[视频]": Media.VIDEO,
    "[音乐分享]": Media.LINK,
}
_DIGITS = frozenset("0123456789")
_JS_ESCAPES = {"\\\\": "\\", "\\'": "'", '\\"': '"', "\\n": "\n", "\\r": "\r", "\\t": "\t"}
_JS_ESCAPE = re.compile(r"\\[\\'\"nrt]")


class _Block:
    __slots__ = ("body", "header", "line")

    def __init__(self, line: int, header: re.Match[str]) -> None:
        self.line, self.header = line, header
        self.body: list[str] = []


class MemoTraceTxt:
    def __init__(self, file: SourceFile, group: str, clock: LocalClock) -> None:
        self._file, self._group, self._clock = file, group, clock

    def records(self) -> Iterator[Record | Problem]:
        block: _Block | None = None
        for start, lines in line_batches(self._file):
            for number, line in enumerate(lines, start):
                if line is None:
                    yield Problem(self._file.name, number, UNREADABLE_LINE)
                    continue
                header = HEADER.fullmatch(line) if line[:1] in _DIGITS else None
                if header is not None:
                    if block is not None:
                        yield self._record(block)
                    block = _Block(number, header)
                elif block is not None:
                    block.body.append(line)
                elif line.strip():
                    found = f"expected a line like '2023-05-01 12:00:00 Name', found {line[:80]!r}"
                    yield Problem(self._file.name, number, found)
        if block is not None:
            yield self._record(block)

    def _record(self, block: _Block) -> Record | Problem:
        year, month, day, hour, minute, second, rest = block.header.groups()
        try:
            time_us, offset = self._clock.at(
                int(year), int(month), int(day), int(hour), int(minute), int(second)
            )
        except (ValueError, OverflowError) as error:
            return Problem(
                self._file.name,
                block.line,
                f"expected a real date and time, found {block.header.group(0)[:40]!r} ({error})",
            )
        body = block.body
        raw = "\n".join(body)
        if len(body) <= 1 and not raw.strip():
            return Record(
                block.line, time_us, offset, self._group, None, rest, system=True, text=plain_notice(rest)
            )
        name = _unescape(rest).strip()
        if not name:
            return Problem(
                self._file.name, block.line, "expected the sender's name after the time, found nothing"
            )
        while body and not body[-1].strip():
            body.pop()
        record = Record(block.line, time_us, offset, self._group, Account(None, name), raw)
        _content(record, body)
        return record


def _unescape(name: str) -> str:
    if "\\" in name:
        name = _JS_ESCAPE.sub(lambda found: _JS_ESCAPES[found.group(0)], name)
    return html.unescape(name) if "&" in name else name


def _content(record: Record, body: list[str]) -> None:
    text = "\n".join(body)
    if text in PLACEHOLDERS:
        record.media = PLACEHOLDERS[text]
        return
    if text.lstrip().startswith("[链接]:title:"):
        record.media, record.text = Media.LINK, "\n".join(line.strip() for line in body).strip()
        return
    quoted = _quote_start(body)
    if quoted is None:
        record.text = text or None
        return
    record.text = "\n".join(body[:quoted]) or None
    name, _, words = "\n".join(body[quoted:])[3:].partition(":")
    record.quote = Quote(
        author_name=None if name == "未知" and not words else name or None, text=words or None
    )


def _quote_start(body: list[str]) -> int | None:
    """Where the quote of a reply starts: its last line that begins "引用:", after the reply's words."""
    for index in range(len(body) - 1, 0, -1):
        if body[index].startswith("引用:"):
            return index
    return None
