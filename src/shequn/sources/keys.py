"""Natural keys for formats whose messages have no ids of their own (WhatsApp, QQ, WeChat TXT)."""

from __future__ import annotations

import hashlib
from collections import Counter


class ContentKeys:
    """Keys from what a line says: chat, time, sender and a hash of the text, plus a count that
    tells apart identical lines at the same minute. The same line in two overlapping exports of one
    chat gets the same key, so importing both stores it once."""

    def __init__(self, platform: str, chat: str) -> None:
        self._prefix = f"{platform}:{chat}"
        self._seen: Counter[tuple[int, str, str]] = Counter()

    def key(self, time_us: int, sender: str, text: str) -> str:
        digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
        line = (time_us, sender, digest)
        self._seen[line] += 1
        return f"{self._prefix}:{time_us}:{sender}:{digest}:{self._seen[line]}"
