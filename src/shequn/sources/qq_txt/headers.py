"""The line that starts each QQ message: `2019-09-23 8:43:38 PM 【管理员】Name(123456)`."""

from __future__ import annotations

import re
from typing import TypeVar

from ...domain.events import Account, AccountKind

# The time follows the Windows locale of the exporting machine: 24-hour `18:15:05`, or 12-hour with
# a one-digit hour and a marker after it (`8:43:38 PM`) or, in a Chinese locale, before it
# (`下午 8:43:38`).
HEADER = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}) "  # date
    r"(?:(上午|下午) ?)?(\d{1,2}:\d{2}:\d{2})(?: ?(AM|PM|am|pm|上午|下午))? "  # time
    r"(.+)"  # who
)
_T = TypeVar("_T")
_AFTERNOON = frozenset({"PM", "pm", "下午"})

# Names may hold parentheses and angle brackets, so the id is the last (...) or <...> of the line.
_QQ_NUMBER = re.compile(r"(.*)\((\d{5,})\)")
_EMAIL = re.compile(r"(.*)<([^<>\s]+@[^<>\s]+)>")
# Group titles ("【管理员】", "【LV2 群友】", "【活跃】") shown before the name; the role they carry
# has no place in an account, so they are dropped.
_TITLES = re.compile(r"^(?:【[^】]*】\s*)+")

# QQ's own senders: 10000 for notices to you, 1000000 for group events; 10002 has been seen for
# recalls by other parsers.
SYSTEM_IDS = frozenset({"10000", "1000000", "10002"})


class Header:
    __slots__ = ("account", "day", "hour", "minute", "second", "twelve_hour")

    def __init__(
        self, day: tuple[int, ...], hour: int, minute: int, second: int, account: Account, twelve_hour: bool
    ) -> None:
        self.day, self.hour, self.minute, self.second, self.account = day, hour, minute, second, account
        self.twelve_hour = twelve_hour  # the time carried an AM/PM marker


def parse_header(line: str, twelve_hour: bool | None = None) -> Header | None:
    """The header a line holds, or None when it is not one (then it is part of a message body).

    One export keeps one clock style, its Windows locale's, so the reader passes the style its
    first header showed: in a 24-hour file, "AM "/"PM " after the time starts a name.
    """
    found = HEADER.match(line)
    if found is None:
        return None
    day, before, time, after, who = found.groups()
    who = who.strip()
    if not who:
        return None
    hour, minute, second = _times.get(time) or _remember(_times, time, tuple(map(int, time.split(":"))))
    if before and not 1 <= hour <= 12:  # "上午" cannot mark an hour like 18: the line is no header
        return None
    if after and (twelve_hour is False or not 1 <= hour <= 12):
        who, after = f"{after} {who}", None  # a 24-hour time, and a name that starts "PM "
    marker = before or after
    if marker:
        hour = hour % 12 + (12 if marker in _AFTERNOON else 0)
    date = _dates.get(day) or _remember(_dates, day, tuple(map(int, day.split("-"))))
    return Header(date, hour, minute, second, sender(who), marker is not None)


# Dates, times of day and senders repeat from line to line: each is parsed once.
_CACHE_LIMIT = 100_000
_dates: dict[str, tuple[int, ...]] = {}
_times: dict[str, tuple[int, ...]] = {}
_senders: dict[str, Account] = {}


def _remember(cache: dict[str, _T], text: str, value: _T) -> _T:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[text] = value
    return value


def sender(who: str) -> Account:
    """The account a header names: a QQ number or an e-mail address where it gives one."""
    return _senders.get(who) or _remember(_senders, who, _parse_sender(who))


def _parse_sender(who: str) -> Account:
    found = _QQ_NUMBER.fullmatch(who) or _EMAIL.fullmatch(who)
    name, account_id = (found.group(1), found.group(2)) if found else (who, None)
    name = _TITLES.sub("", name, count=1).strip() if name.startswith("【") else name.strip()
    kind = AccountKind.SYSTEM if account_id in SYSTEM_IDS else AccountKind.PERSON
    return Account(account_id, name or None, kind) if account_id or name else Account(None, who.strip())
