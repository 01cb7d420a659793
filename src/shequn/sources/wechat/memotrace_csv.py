"""WeChatMsg / 留痕 (MemoTrace) CSV: `{remark}_utf8.csv`, UTF-8 with a BOM, one row per message.

    localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender

CreateTime is Unix seconds and StrTime the same instant on the exporting machine's clock, so their
difference is the offset the export was written in. In a group, Remark, NickName and Sender (the
wxid) describe who sent each row; old versions wrote only the first nine columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ...domain.clock import MICROS_PER_SECOND
from ...domain.events import Account
from ...domain.validation import EARLIEST_US, LATEST_US
from ..files import SourceError, SourceFile
from ..importer import Problem
from ..localtime import LocalClock
from ..textfile import UNREADABLE_LINE
from .content import APP, QUOTE_SUBTYPE, SYSTEM, SYSTEM_XML, TEXT, WORDLESS, media_of
from .csvrows import csv_rows
from .markup import app_message, notice_text
from .records import Record

COLUMNS = (
    "localId",
    "TalkerId",
    "Type",
    "SubType",
    "IsSender",
    "CreateTime",
    "Status",
    "StrContent",
    "StrTime",
)
SENDER_COLUMNS = ("Remark", "NickName", "Sender")
_UNIX_DAY = date(1970, 1, 1).toordinal()


class MemoTraceCsv:
    def __init__(self, file: SourceFile, group: str, clock: LocalClock) -> None:
        self._file, self._group, self._clock = file, group, clock
        self._days: dict[str, int] = {}

    def records(self) -> Iterator[Record | Problem]:
        rows = csv_rows(self._file)
        _, header = next(rows, (1, None))
        if header is None or tuple(header[: len(COLUMNS)]) != COLUMNS:
            raise SourceError(f"{self._file.name}: line 1: expected the header '{','.join(COLUMNS)},…'")
        width = len(header)
        for line, row in rows:
            if row is None:
                yield Problem(self._file.name, line, UNREADABLE_LINE)
            elif len(row) < len(COLUMNS) or len(row) > width:
                yield Problem(
                    self._file.name, line, f"expected {width} fields like the header, found {len(row)}"
                )
            else:
                yield self._record(line, row)

    def _record(self, line: int, row: list[str]) -> Record | Problem:
        try:
            type_code, sub_type, seconds = int(row[2]), int(row[3] or 0), int(row[5])
        except ValueError:
            return Problem(
                self._file.name, line, f"expected numbers in Type, SubType and CreateTime, found {row[2:6]!r}"
            )
        time_us = seconds * MICROS_PER_SECOND
        if not EARLIEST_US <= time_us < LATEST_US:
            return Problem(
                self._file.name, line, f"expected CreateTime in Unix seconds of 2000..2199, found {row[5]!r}"
            )
        offset = self._offset(row[8], seconds)
        content = row[7]
        if type_code in (SYSTEM, SYSTEM_XML):
            shown, linked = notice_text(content)
            return Record(
                line, time_us, offset, self._group, None, content, system=True, text=shown, linked=linked
            )
        record = Record(line, time_us, offset, self._group, None, content, is_self=row[4] == "1")
        _sender(record, row)
        _content(record, type_code, sub_type, content)
        return record

    def _offset(self, shown: str, seconds: int) -> int | None:
        """StrTime minus CreateTime, in minutes; the import's zone when StrTime is not usable."""
        try:
            day = self._days.get(shown[:10])
            if day is None:
                day = self._days.setdefault(
                    shown[:10], date.fromisoformat(shown[:10]).toordinal() - _UNIX_DAY
                )
            local = day * 86_400 + int(shown[11:13]) * 3600 + int(shown[14:16]) * 60 + int(shown[17:19])
        except ValueError:
            return self._zone_offset(seconds)
        offset = round((local - seconds) / 900) * 15
        return offset if abs(offset) <= 16 * 60 else self._zone_offset(seconds)

    def _zone_offset(self, seconds: int) -> int | None:
        try:
            return self._clock.offset_at(seconds * MICROS_PER_SECOND)
        except (OverflowError, OSError, ValueError):
            return None


def _sender(record: Record, row: list[str]) -> None:
    remark, nickname, wxid = [*row, "", "", ""][9:12]
    name = nickname or remark or None
    if wxid or name:
        record.sender = Account(wxid or None, name)
        record.also_known_as = remark if remark and remark != name else None
    else:  # a chat of two in the nine-column layout: the other side is the chat itself
        record.sender = Account(None, "我" if record.is_self else record.group)


def _content(record: Record, type_code: int, sub_type: int, content: str) -> None:
    if type_code == TEXT:
        record.text = content or None
        return
    record.media = media_of(type_code, sub_type)
    if record.media in WORDLESS:
        return
    if type_code == APP:
        record.text, record.quote = app_message(content)
        if sub_type == QUOTE_SUBTYPE:
            record.media = None
    elif not content.lstrip().startswith("<"):  # markup describing a call or a card is not words
        record.text = content or None
