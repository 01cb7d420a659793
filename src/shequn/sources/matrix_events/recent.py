"""The authors of the latest messages, to name whom a reply answers without holding a whole export."""

from __future__ import annotations

from collections import OrderedDict

from ...domain.events import Account

RECENT_MESSAGES = 100_000  # replies almost always answer one of the last few thousand messages


class RecentAuthors:
    """A bounded map of message id -> author: the oldest entry goes when it is full."""

    def __init__(self, size: int = RECENT_MESSAGES) -> None:
        self._authors: OrderedDict[str, Account] = OrderedDict()
        self._size = size

    def add(self, ref: str, author: Account) -> None:
        authors = self._authors
        authors[ref] = author
        if len(authors) > self._size:
            authors.popitem(last=False)

    def get(self, ref: str) -> Account | None:
        return self._authors.get(ref)
