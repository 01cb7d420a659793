"""Natural keys for formats whose messages have no ids of their own (WhatsApp, QQ, WeChat TXT)."""

from __future__ import annotations

import hashlib

GENERATION = 4096  # distinct times counted in one generation before a fresh one takes over


class ContentKeys:
    """Keys from what a line says: chat, time, sender and a hash of the text, plus a count that
    tells apart identical lines at the same minute. The same line in two overlapping exports of one
    chat gets the same key, so importing both stores it once.

    Identical lines can only share a time, and exports list each time's lines together, so the
    count is kept only for the lines of the last few thousand distinct times: memory stays flat
    however long the export. Two generations of times are kept; a time first seen in the older one
    stays counted there.
    """

    def __init__(self, platform: str, chat: str) -> None:
        self._prefix = f"{platform}:{chat}"
        self._counts: dict[tuple[int, str, str], int] = {}
        self._times: set[int] = set()
        self._older_counts: dict[tuple[int, str, str], int] = {}
        self._older_times: set[int] = set()

    def key(self, time_us: int, sender: str, text: str) -> str:
        digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
        line = (time_us, sender, digest)
        if time_us in self._times:
            counts = self._counts
        elif time_us in self._older_times:
            counts = self._older_counts
        else:
            if len(self._times) >= GENERATION:
                self._older_counts, self._older_times = self._counts, self._times
                self._counts, self._times = {}, set()
            self._times.add(time_us)
            counts = self._counts
        count = counts[line] = counts.get(line, 0) + 1
        return f"{self._prefix}:{time_us}:{sender}:{digest}:{count}"
