"""Content keys (sources/keys.py) with bounded memory, for exports of any size."""

from __future__ import annotations

from ..keys import ContentKeys

_GENERATION = 4096  # distinct times counted by one ContentKeys before a fresh one takes over


class WindowedContentKeys:
    """The same keys as ContentKeys, which counts identical lines among all lines seen and so
    remembers every line. Identical lines can only share a time, and exports list each time's
    lines together, so counting among the lines of the last few thousand distinct times gives the
    same counts. Two generations are kept: a time first seen in the older one stays counted there."""

    def __init__(self, platform: str, chat: str) -> None:
        self._platform, self._chat = platform, chat
        self._current, self._older = ContentKeys(platform, chat), ContentKeys(platform, chat)
        self._current_times: set[int] = set()
        self._older_times: set[int] = set()

    def key(self, time_us: int, sender: str, text: str) -> str:
        if time_us in self._current_times:
            return self._current.key(time_us, sender, text)
        if time_us in self._older_times:
            return self._older.key(time_us, sender, text)
        if len(self._current_times) >= _GENERATION:
            self._older, self._older_times = self._current, self._current_times
            self._current, self._current_times = ContentKeys(self._platform, self._chat), set()
        self._current_times.add(time_us)
        return self._current.key(time_us, sender, text)
