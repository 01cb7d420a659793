"""The one header layout an export actually uses, compiled from its first header.

The general grammar in `headers.py` accepts every layout, and pays for it: each line start tries
brackets, three date separators, both clocks and both endings. A real export uses one layout
throughout, so a pattern written for that layout alone (`\\n[0-9]{1,2}/[0-9]{1,2}/[0-9]{1,2},
[0-9]{1,2}:[0-9]{1,2} - `) finds the same headers in about half the time. The parser still looks
for other layouts in the continuation lines of each message (files edited by hand mix them), so
what the dialect misses is found there, at the cost of one search per multi-line message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .headers import BYTES_SPACE, HEADER, SENDER, SENDER_BYTES, TEXT_SPACE, clock_pattern

_LRM = "\u200e"
_DIGITS = re.compile("[0-9]+")


@dataclass(frozen=True)
class Dialect:
    header: re.Pattern[str]  # groups as in headers.HEADER: date, clock, rest of the line
    senders: re.Pattern[bytes]  # one group: the sender of a header line
    general: bool  # the general grammar itself, when no single layout was seen


GENERAL = Dialect(HEADER, SENDER_BYTES, general=True)


def dialect_of(first: re.Match[bytes] | None) -> Dialect:
    """The layout of `first`, a match of headers.HEADER_BYTES (the file's first header)."""
    if first is None:
        return GENERAL
    whole, base = first[0], first.start()
    prefix = whole[: first.start(1) - base]
    between = whole[first.end(1) - base : first.start(2) - base].decode("utf-8")
    end = whole[first.end(2) - base :].decode("utf-8")
    bracket = r"\[" if b"[" in prefix else ""
    date = _DIGITS.sub(_digits, re.escape(first[1].decode("utf-8")))
    clock = _clock_shape(first[2].decode("utf-8"))

    def layout(space: str, group: str) -> str:
        shape = clock or clock_pattern(space)
        return f"\n(?:{_LRM})?{bracket}{group}{date}){re.escape(between)}{group}{shape}){re.escape(end)}"

    header = re.compile(layout(TEXT_SPACE, "(") + r"([^\n]*)")
    senders = re.compile((layout(BYTES_SPACE, "(?:") + SENDER).encode("utf-8"))
    return Dialect(header, senders, general=False)


def _digits(run: re.Match[str]) -> str:
    return "[0-9]{4}" if len(run[0]) == 4 else "[0-9]{1,2}"


_CLOCK_PARTS = re.compile(
    r"(上午|下午)?([0-9]{1,2}[:.][0-9:.]*)((?:[ \t\u00a0\u202f\u2009]?[AaPp]\.?[ \u00a0\u202f]?[Mm]\.?)?)"
)
_MARK_LETTERS = str.maketrans({"A": "[AP]", "P": "[AP]", "a": "[ap]", "p": "[ap]"})


def _clock_shape(clock: str) -> str | None:
    """`9:05:33 PM` as `[0-9]{1,2}:[0-9]{2}:[0-9]{2} [AP]M`: the hour may lose a digit, minutes and
    seconds never, and AM may be PM (always within the general grammar, so that the dialect never
    finds a header the general grammar would not). None for a clock of another shape."""
    parts = _CLOCK_PARTS.fullmatch(clock)
    if parts is None:
        return None
    half, digits, mark = parts.groups()
    _hour, *rest = re.split("([:.])", digits)
    shape = "[0-9]{1,2}" + "".join("[0-9]{2}" if part.isdigit() else re.escape(part) for part in rest if part)
    return ("(?:上午|下午)" if half else "") + shape + re.escape(mark).translate(_MARK_LETTERS)
