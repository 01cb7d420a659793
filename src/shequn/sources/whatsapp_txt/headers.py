"""The line header that starts every WhatsApp message, in all the layouts exports use.

    Android   31/12/23, 21:05 - Name: text          12/31/23, 9:05 PM - Name: text
              31.12.23, 21:05 - …   2023/12/31 21:05 - … (zh)   12/31/2023, 9:05 p. m. - … (es)
    iOS       [31/12/23, 21:05:09] Name: text       [12/31/23, 9:05:09 PM] Name: text

A line that does not start with a header continues the message before it. The separators around
AM/PM vary (a space, U+00A0, U+202F, U+2009), iOS may put U+200E before the bracket, and the
marker itself may be `AM`, `am`, `a.m.`, `a. m.` or `上午`/`下午` (before the time in zh).

One grammar is written once and compiled twice: for text (the parser) and for raw UTF-8 bytes
(the cheap survey of the whole file that runs first), so both agree on what a header is.
"""

from __future__ import annotations

import re

_SPACE_CHARS = " \t\u00a0\u202f\u2009"
_LRM = "\u200e"


def clock_pattern(space: str) -> str:
    """`21:05`, `9:05:33 PM`, `11:30 p. m.`, `下午3:50`, `13:01.`: every clock WhatsApp writes."""
    mark = rf"(?:[AaPp]\.?{space}?[Mm]\.?|上午|下午)"
    return rf"(?:上午|下午)?[0-9]{{1,2}}[:.][0-9]{{2}}(?:[:.][0-9]{{2}})?\.?(?:{space}?{mark})?"


def _grammar(space: str, day: str = "[0-9]{1,4}", month: str = "[0-9]{1,2}", groups: bool = True) -> str:
    """The header up to the sender: group 1 the date, group 2 the clock (unless not `groups`).
    Only ASCII inside character classes, so that the same text compiles over UTF-8 bytes."""
    date = rf"{day}[/.\-]{month}[/.\-][0-9]{{1,4}}"
    end = rf"(?:\]{space}|{space}(?:-|–){space})"
    group = "(" if groups else "(?:"
    return rf"\n(?:{_LRM})?\[?{group}{date}),?{space}+{group}{clock_pattern(space)}){end}"


TEXT_SPACE = f"[{_SPACE_CHARS}]"
BYTES_SPACE = "(?:[ \t]|" + "|".join(_SPACE_CHARS[2:]) + ")"  # no multi-byte characters in a class

# The parser's header: group 3 is the rest of the header line (sender and first line of text).
HEADER = re.compile(_grammar(TEXT_SPACE) + r"([^\n]*)")

# The survey's patterns, over bytes. A sender is what precedes the first ": " of a header line.
HEADER_BYTES = re.compile(_grammar(BYTES_SPACE).encode())
SENDER = r"([^\n:]{1,100}): "
SENDER_BYTES = re.compile((_grammar(BYTES_SPACE, groups=False) + SENDER).encode())
_OVER_TWELVE = "(?:1[3-9]|2[0-9]|3[01])"
DAY_FIRST_BYTES = re.compile(_grammar(BYTES_SPACE, day=_OVER_TWELVE).encode())
MONTH_FIRST_BYTES = re.compile(_grammar(BYTES_SPACE, day="[0-9]{1,2}", month=_OVER_TWELVE).encode())

EXAMPLE = "'31/12/23, 21:05 - Name: text' or '[12/31/23, 9:05:09 PM] Name: text'"

_NAME_EDGES = _SPACE_CHARS + "\u200e\u200f\u202a\u202b\u202c\u2068\u2069"


def display_name(raw: str) -> str:
    """A sender as a person would write it: without iOS's `~ ` prefix for unsaved contacts or the
    direction marks around it."""
    name = raw.strip(_NAME_EDGES)
    if name.startswith("~"):
        name = name[1:].strip(_NAME_EDGES)
    return name


def is_header_line(line: str) -> bool:
    """Whether one line (without its newline) starts with a message header."""
    return HEADER.match("\n" + line.lstrip("\ufeff")) is not None
