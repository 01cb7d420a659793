"""Rate limits: at most `limit` hits per key in any sliding window of `window_us`.

Kept in the server process's memory: a restart forgets them, and several server processes each
count their own. The clock is handed in, so tests move time instead of waiting.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

SECOND_US = 1_000_000
_SWEEP_ABOVE = 10_000  # keys remembered before the ones gone quiet are forgotten


class RateLimit:
    def __init__(self, limit: int, window_us: int) -> None:
        self.limit, self.window_us = limit, window_us
        self._hits: dict[str, deque[int]] = {}

    def hit(self, key: str, now_us: int) -> int | None:
        """Count a hit; None when it is allowed, else the seconds until one more would be (and
        then it is not counted)."""
        wait = self.wait(key, now_us)
        if wait is None:
            self._hits.setdefault(key, deque()).append(now_us)
            if len(self._hits) > _SWEEP_ABOVE:
                self._sweep(now_us)
        return wait

    def wait(self, key: str, now_us: int) -> int | None:
        """None when one more hit would be allowed, else the seconds until it would; counts nothing."""
        hits = self._hits.get(key)
        if not hits:
            return None
        while hits and hits[0] <= now_us - self.window_us:
            hits.popleft()
        if len(hits) < self.limit:
            return None
        return max(1, -(-(hits[0] + self.window_us - now_us) // SECOND_US))

    def _sweep(self, now_us: int) -> None:
        for key in [
            key for key, hits in self._hits.items() if not hits or hits[-1] <= now_us - self.window_us
        ]:
            del self._hits[key]


@dataclass
class RateLimits:
    """The server's limits: sign-in attempts per address, failed sign-ins per user name, API calls
    per caller (a user acting with a role)."""

    sign_in_per_address: RateLimit = field(default_factory=lambda: RateLimit(20, 300 * SECOND_US))
    sign_in_per_name: RateLimit = field(default_factory=lambda: RateLimit(10, 900 * SECOND_US))
    api_per_caller: RateLimit = field(default_factory=lambda: RateLimit(1200, 60 * SECOND_US))
