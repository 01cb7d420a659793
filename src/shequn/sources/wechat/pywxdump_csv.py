"""PyWxDump CSV: `{chat wxid}_{start}_{end}.csv` pages of 5,000 rows plus `users.json`, UTF-8.

    id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime

`id` is a row number of that export only; MsgSvrID is WeChat's server id of the message, the same
in every export from every device, so it is the natural key. `talker` is the sender's wxid (the
exporter's own rows say "我" in older versions), `room_name` the chat's id (`…@chatroom` for a
group). CreateTime is the exporting machine's local time, `2024-10-04 21:25:04`, or
`2024/10/4 21:25` once Excel has re-saved the file. Older versions wrote one JSON column
`content` = {"src": …, "msg": …} instead of `msg,src`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ...domain.events import Account, AccountKind, Media
from ..files import SourceError, SourceFile
from ..importer import Problem
from ..localtime import LocalClock
from ..textfile import UNREADABLE_LINE
from .content import BY_TYPE_NAME, SYSTEM_TYPE_NAMES, WORDLESS
from .csvrows import csv_rows
from .markup import is_markup, notice_text
from .records import Quote, Record

COLUMNS = ("id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name")
_TIME = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
# "{title}\n\n[引用]({quoted time}){quoted author}:{quoted text}", PyWxDump's rendering of a reply
_QUOTE = re.compile(r"(?P<title>.*?)\n\n\[引用\]\((?P<time>[^)]*)\)(?P<who>[^:\n]*):(?P<text>.*)", re.S)
_SELF_NAMES = frozenset({"我", ""})
_UNNAMED = frozenset({"未知", ""})
# PyWxDump's words for a sender it could not read: "系统" for official accounts, "未知" otherwise.
_UNKNOWN_SENDERS = {"系统": AccountKind.SYSTEM, "未知": AccountKind.PERSON}


class Directory:
    """users.json: who each wxid is, so names in notices can be told apart without anyone speaking."""

    def __init__(self, users: dict[str, dict[str, str]] | None = None) -> None:
        self.names: dict[str, str] = {}  # wxid -> nickname
        self.accounts: dict[str, Account] = {}  # nickname or remark -> account
        for wxid, user in (users or {}).items():
            if not isinstance(user, dict):
                continue
            nickname = str(user.get("nickname") or "") or None
            if nickname:
                self.names[wxid] = nickname
            for name in (user.get("remark"), nickname):
                if name:
                    self.accounts.setdefault(str(name), Account(wxid, nickname))


def load_directory(file: SourceFile) -> Directory | Problem:
    try:
        with file.open() as stream:
            users = json.load(stream)
    except (ValueError, OSError) as error:
        return Problem(
            file.name, None, f"expected PyWxDump's users.json, a JSON object of users by wxid ({error})"
        )
    return Directory(users if isinstance(users, dict) else None)


class PyWxDumpCsv:
    def __init__(
        self, file: SourceFile, fallback_group: str, clock: LocalClock, directory: Directory
    ) -> None:
        self._file, self._fallback, self._clock, self._directory = file, fallback_group, clock, directory
        self._content_at, self._time_at = 6, -1  # where `msg` (or `content`) and CreateTime are

    def records(self) -> Iterator[Record | Problem]:
        rows = csv_rows(self._file)
        _, header = next(rows, (1, None))
        if header is None or not _usable_header(header):
            raise SourceError(
                f"{self._file.name}: line 1: expected the header '{','.join(COLUMNS)},msg,src,CreateTime'"
            )
        json_content = "msg" not in header
        self._content_at = header.index("content" if json_content else "msg")
        self._time_at = header.index("CreateTime")
        width = len(header)
        for line, row in rows:
            if row is None:
                yield Problem(self._file.name, line, UNREADABLE_LINE)
            elif len(row) != width:
                yield Problem(
                    self._file.name, line, f"expected {width} fields like the header, found {len(row)}"
                )
            else:
                yield self._record(line, row, json_content)

    def _record(self, line: int, row: list[str], json_content: bool) -> Record | Problem:
        message_id, type_name, is_sender, talker, room = row[1], row[2], row[3], row[4], row[5]
        created = row[self._time_at]
        found = _TIME.fullmatch(created.strip())
        if found is None:
            found_text = f"found {created[:40]!r}"
            return Problem(
                self._file.name, line, f"expected CreateTime like '2024-10-04 21:25:04', {found_text}"
            )
        try:
            time_us, offset = self._local_time(found)
            cell = row[self._content_at]
            content = _json_message(cell) if json_content else cell
        except (ValueError, OverflowError, RecursionError) as error:
            return Problem(
                self._file.name, line, f"expected a real date and time and readable content ({error})"
            )
        record = Record(line, time_us, offset, room or self._fallback, None, content)
        record.message_id = message_id if message_id.isdigit() and message_id.strip("0") else None
        unnamed_notice = type_name in _UNNAMED and is_markup(content)  # 10002 has no name in PyWxDump
        if type_name in SYSTEM_TYPE_NAMES or type_name.startswith("消息撤回") or unnamed_notice:
            record.system = True
            record.text, record.linked = notice_text(content)
            return record
        record.is_self = is_sender == "1"
        record.sender = self._sender(talker, record.is_self)
        _content(record, type_name, content, self._clock)
        return record

    def _local_time(self, found: re.Match[str]) -> tuple[int, int]:
        year, month, day, hour, minute, second = found.groups()
        return self._clock.at(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))

    def _sender(self, talker: str, is_self: bool) -> Account:
        if is_self and talker in _SELF_NAMES:
            return Account(None, "我")
        if talker in _UNKNOWN_SENDERS:
            return Account(None, talker, _UNKNOWN_SENDERS[talker])
        if not talker:
            return Account(None, "未知")
        return Account(talker, self._directory.names.get(talker))


def _usable_header(header: list[str]) -> bool:
    return (
        tuple(header[: len(COLUMNS)]) == COLUMNS
        and "CreateTime" in header
        and ("msg" in header or "content" in header)
    )


def _json_message(cell: str) -> str:
    """The older layout's `content` cell: {"src": …, "msg": …}."""
    value = json.loads(cell) if cell.startswith("{") else cell
    message = value.get("msg", "") if isinstance(value, dict) else value
    return message if isinstance(message, str) else str(message)


def _content(record: Record, type_name: str, content: str, clock: LocalClock) -> None:
    record.media = BY_TYPE_NAME.get(type_name, Media.OTHER)
    if record.media in WORDLESS:
        return
    quoted = _QUOTE.fullmatch(content) if type_name == "引用回复" else None
    if quoted is None:
        record.text = content or None
        return
    record.text = quoted.group("title") or None
    when = _TIME.fullmatch(quoted.group("time").strip())
    time_us = None
    if when is not None:
        try:
            time_us = clock.at(*(int(part or 0) for part in when.groups()))[0]
        except (ValueError, OverflowError):
            time_us = None
    record.quote = Quote(
        author_name=quoted.group("who") or None, text=quoted.group("text") or None, time_us=time_us
    )
