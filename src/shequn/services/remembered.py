"""Answers remembered until the event log grows, computed once however many ask at the same time.

A big community's figures take seconds to compute; the dashboard asks for them on every visit and
often from many requests at once. While the log's position (its newest event) is unchanged, the last
answer is still the answer. When it must be computed, the first request computes it and the others
asking for the same key wait for that answer instead of each scanning the log too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from ..store import Database
from ..store.overview import log_position_txn

T = TypeVar("T")


class Remembered(Generic[T]):
    def __init__(self) -> None:
        self._answers: dict[Hashable, tuple[tuple[int, str], T]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, db: Database, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for `key` (which should name the database) at the log's current position."""
        position = log_position_txn(db)
        found = self._answers.get(key)
        if found and found[0] == position:
            return found[1]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self._answers.get(key)
            if found and found[0] == position:
                return found[1]
            answer = compute()
            self._answers[key] = (position, answer)
            return answer
