"""Who wrote the messages a reply may answer: a bounded memory of recent message ids.

A reply names only the id of the message it answers; the event's target is that message's author.
Holding every id of a multi-gigabyte export would break the memory bound, so authors sit in a ring
indexed by id. Telegram numbers a chat's messages consecutively, so the ring holds the latest ones;
it starts small (a full-account export has many small chats) and doubles whenever it wraps, up to
`limit` messages. A reply to an older message keeps its `reply_to` but gets no target. Replies
overwhelmingly answer recent messages, so little is lost, and a ring costs no allocation per message.
"""

from __future__ import annotations

from ...domain.events import Account

DEFAULT_LIMIT = 1 << 20
_FIRST_SIZE = 1 << 12


class RecentAuthors:
    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self._limit = limit
        self._size = min(_FIRST_SIZE, limit)
        self._ids: list[int | None] = [None] * self._size
        self._authors: list[Account | None] = [None] * self._size

    def remember(self, message_id: int, author: Account) -> None:
        slot = message_id % self._size
        held = self._ids[slot]
        if held is not None and held != message_id and self._size < self._limit:
            self._grow()
            slot = message_id % self._size
        self._ids[slot] = message_id
        self._authors[slot] = author

    def author_of(self, message_id: int) -> Account | None:
        slot = message_id % self._size
        return self._authors[slot] if self._ids[slot] == message_id else None

    def _grow(self) -> None:
        ids, authors = self._ids, self._authors
        self._size = min(self._size * 2, self._limit)
        self._ids, self._authors = [None] * self._size, [None] * self._size
        for message_id, author in zip(ids, authors, strict=True):
            if message_id is not None:
                slot = message_id % self._size
                self._ids[slot], self._authors[slot] = message_id, author
