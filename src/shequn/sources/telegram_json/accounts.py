"""Telegram peers as shequn accounts.

Exports until 2021 write a sender as a bare number (`"from_id": 9999999999`); later ones write the
peer kind too (`"user123"`, `"channel123"`, `"chat123"`). Both become the same handle: the bare
number for a user, the prefixed form for any other peer, so a channel and a user with the same
number never collide. A channel or group posting as itself is a SYSTEM account, as is a deleted
account (`"from": null`).
"""

from __future__ import annotations

from ...domain.events import Account, AccountKind

DELETED_NAME = "Deleted Account"
DELETED = Account(None, DELETED_NAME, AccountKind.SYSTEM)
# Chats that can post as themselves: a channel's posts, a supergroup's anonymous admins.
_SELF_POSTING = frozenset({"private_supergroup", "public_supergroup", "private_channel", "public_channel"})


class Seen:
    """An account, and the first and last time it was seen under one name."""

    __slots__ = ("account", "first", "given_name", "last")

    def __init__(self, account: Account, given_name: str | None, time_us: int) -> None:
        self.account, self.given_name, self.first, self.last = account, given_name, time_us, time_us


class Accounts:
    """The accounts of one chat, each made once; and when each (id, name) pair was first and last
    seen, which is what resolving names in service lines needs."""

    def __init__(self, chat_id: int | None, chat_type: str | None) -> None:
        self._chat_id = chat_id
        self._self_handles = {f"channel{chat_id}", f"chat{chat_id}"} if chat_id is not None else set()
        self._self_posting = chat_type in _SELF_POSTING
        self._bot_handle = str(chat_id) if chat_type == "bot_chat" else None
        self.seen: dict[tuple[int | str | None, str | None], Seen] = {}
        self._latest: dict[int | str | None, Seen] = {}  # peer -> its last Seen: the usual hit

    def of(self, peer: int | str | None, name: str | None, time_us: int) -> Account:
        """The account that `peer` (an id as the export writes it) and `name` stand for; notes the time."""
        seen = self._latest.get(peer)
        if seen is None or seen.given_name != name:
            seen = self.seen.get((peer, name))
            if seen is None:
                seen = self.seen[(peer, name)] = Seen(self._make(peer, name), name, time_us)
            self._latest[peer] = seen
        if time_us > seen.last:
            seen.last = time_us
        elif time_us < seen.first:
            seen.first = time_us
        return seen.account

    def _make(self, peer: int | str | None, name: str | None) -> Account:
        if peer is None or peer == "":
            return Account(None, name) if name else DELETED
        handle = self.handle(peer)
        if handle in self._self_handles:
            return Account(handle, name, AccountKind.SYSTEM)
        if name is None:
            return Account(handle, DELETED_NAME, AccountKind.SYSTEM)
        return Account(handle, name, AccountKind.BOT if handle == self._bot_handle else AccountKind.PERSON)

    def handle(self, peer: int | str) -> str:
        if isinstance(peer, int):
            if peer == self._chat_id and self._self_posting:
                return f"channel{peer}"
            return str(peer)
        return peer[4:] if peer.startswith("user") else peer
