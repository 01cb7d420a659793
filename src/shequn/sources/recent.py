"""What later records need from the latest ones (who wrote the message a reply answers), kept for
the latest records only: holding every id of a multi-gigabyte export would break the memory bound.

Replies overwhelmingly answer recent messages, so little is lost: a reply to an older message keeps
its `reply_to` but gets no target.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

RECENT_MESSAGES = 100_000  # replies almost always answer one of the last few thousand messages


class RecentMap(Generic[K, V]):
    """A map of the latest `size` keys added: the oldest goes when it is full. For ids that come in
    no particular order (snowflakes, event ids, a message's time and words)."""

    def __init__(self, size: int = RECENT_MESSAGES) -> None:
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._size = size

    def add(self, key: K, value: V) -> None:
        entries = self._entries
        entries[key] = value
        if len(entries) > self._size:
            entries.popitem(last=False)

    def get(self, key: K) -> V | None:
        return self._entries.get(key)


NUMBERED_LIMIT = 1 << 20
_FIRST_SIZE = 1 << 12


class NumberedRecentMap(Generic[V]):
    """A map from ids a chat numbers consecutively (Telegram's message ids) to values, held in a
    ring indexed by id, so the ring holds the latest ones and costs no allocation per message.

    It starts small (a full-account export has many small chats) and doubles whenever two ids
    would share a slot, up to `limit` slots; from then on a newer id takes the slot of an older one.
    """

    def __init__(self, limit: int = NUMBERED_LIMIT) -> None:
        self._limit = limit
        self._size = min(_FIRST_SIZE, limit)
        self._ids: list[int | None] = [None] * self._size
        self._values: list[V | None] = [None] * self._size

    def add(self, number: int, value: V) -> None:
        slot = number % self._size
        held = self._ids[slot]
        if held is not None and held != number and self._size < self._limit:
            self._grow()
            slot = number % self._size
        self._ids[slot] = number
        self._values[slot] = value

    def get(self, number: int) -> V | None:
        slot = number % self._size
        return self._values[slot] if self._ids[slot] == number else None

    def _grow(self) -> None:
        ids, values = self._ids, self._values
        self._size = min(self._size * 2, self._limit)
        self._ids, self._values = [None] * self._size, [None] * self._size
        for number, value in zip(ids, values, strict=True):
            if number is not None:
                slot = number % self._size
                self._ids[slot], self._values[slot] = number, value
