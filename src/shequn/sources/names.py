"""Display names in service lines ("X added Y"), resolved to the accounts that speak under them.

Many formats name people in system lines by display name only, while their messages carry an id.
An importer notes every (name, account, time) it sees speak, holds the events that name people
until the end of the export, and resolves each name then:

1. one account ever spoke under the name: that account;
2. several did: the one whose first message under that name is the earliest at or after the event
   (a newcomer who speaks after joining);
3. none did at or after it: the one that spoke under the name most recently before the event;
4. nobody spoke under the name: an account known only by that name.
"""

from __future__ import annotations

from ..domain.events import Account


class NameBook:
    def __init__(self) -> None:
        self._speakers: dict[str, dict[Account, list[int]]] = {}  # name -> account -> [first, last]

    def saw(self, account: Account, time_us: int) -> None:
        """`account` spoke at `time_us` under its display name."""
        if not account.name or not account.id:
            return
        seen = self._speakers.setdefault(account.name, {})
        span = seen.get(account)
        if span is None:
            seen[account] = [time_us, time_us]
        else:
            span[0], span[1] = min(span[0], time_us), max(span[1], time_us)

    def resolve(self, name: str, time_us: int) -> Account:
        seen = self._speakers.get(name)
        if not seen:
            return Account(None, name)
        if len(seen) == 1:
            return next(iter(seen))
        later = [(span[0], account.handle, account) for account, span in seen.items() if span[0] >= time_us]
        if later:
            return min(later)[2]
        return max((span[1], account.handle, account) for account, span in seen.items())[2]
