"""Mentions in message text, resolved to the accounts of the people they name.

Newer exports wrap a mention in direction isolates, `@\u2068Ana Lima\u2069`, which fixes where the
name ends. Older ones write `@Ana Lima` and leave it open: the longest run of words after the `@`
that is some sender's exact name is taken (senders are known from the survey of the whole file).
A mention of an unsaved contact is written as bare digits, `@4915112345678`, and matches the
sender shown as `+49 151 12345678`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...domain.events import Account
from .headers import display_name

_ISOLATED = re.compile("@\u2068([^\u2069\n]{1,100})\u2069")
_OPEN = re.compile("(?<![\\w@])@(?=[^\\s@\u2068])")
_WORD_END = re.compile(r"(?=[\s,.;:!?)\]}'\"’”…，。！？、])|$")
_NOT_DIGITS = re.compile(r"\D")
_LONGEST_NAME = 100


class Mentions:
    def __init__(self, senders: Iterable[str]) -> None:
        self._names = frozenset(senders)
        self._phones = {_NOT_DIGITS.sub("", name): name for name in self._names if _is_phone(name)}

    def in_text(self, text: str) -> tuple[Account, ...]:
        """The accounts `text` mentions, each once, in order of first mention."""
        found: dict[str, None] = {}
        for isolated in _ISOLATED.finditer(text):
            found[display_name(isolated[1])] = None
        for at in _OPEN.finditer(text):
            name = self._name_at(text, at.end())
            if name:
                found[name] = None
        return tuple(Account(None, name) for name in found)

    def _name_at(self, text: str, start: int) -> str | None:
        tail = text[start : start + _LONGEST_NAME]
        ends = [word_end.start() for word_end in _WORD_END.finditer(tail)]
        for end in reversed(ends):
            candidate = tail[:end]
            if candidate in self._names:
                return candidate
            if candidate.isdigit() and candidate in self._phones:
                return self._phones[candidate]
        return None


def _is_phone(name: str) -> bool:
    return (
        name[:1] in "+0123456789"
        and sum(char.isdigit() for char in name) >= 6
        and not re.search(r"[^\d+ ()\-.]", name)
    )
