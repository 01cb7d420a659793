"""The bulk append path: canonical events in, rows out, duplicates skipped by natural key.

The appender turns the accounts and groups events name into stable integer ids (remembering them
between batches, so a big import asks the database once per new account), then writes each batch with
the dialect's fastest duplicate-skipping insert. It never commits: the caller decides whether a batch,
or a whole file, is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.events import Account, Event, Kind
from ..domain.people import people_from_merges
from ..domain.validation import problems
from .database import Database
from .sources import source_id

EVENT_COLUMNS = (
    "key", "community_id", "kind", "group_id", "actor_id", "target_id", "inviter_id", "time_us",
    "utc_offset_min", "source_id", "ref", "reply_to", "text", "media", "via", "code", "amount_fen",
    "product", "edited", "deleted",
)  # fmt: skip
_MERGE_KINDS = (Kind.IDENTITY_MERGED.value, Kind.IDENTITY_UNMERGED.value)
_LOOKUP_CHUNK = 500


class InvalidEvent(ValueError):
    """An event that cannot be stored; the message names it and what is wrong."""


class EventAppender:
    def __init__(self, db: Database, community_id: int, source: str) -> None:
        self.db = db
        self.community_id = community_id
        self.source_id = source_id(db, source)
        self._identities: dict[tuple[str, str], int] = {}
        self._names_seen: set[tuple[tuple[str, str], str]] = set()  # (account key, name) recorded
        self._groups: dict[tuple[str, str], list[Any]] = {}  # (platform, handle) -> [id, name, time]
        self._identities_analysed = 0  # how many identities there were when the planner last looked

    def append(self, events: Sequence[Event], checked: bool = False) -> int:
        """Store a batch inside the caller's transaction; returns how many events were new. Every
        event is validated first, unless the caller says it has `checked` them already."""
        for event in [] if checked else events:
            found = problems(event)
            if found:
                raise InvalidEvent(f"event {event.key!r}: {'; '.join(found)}")
        try:
            return self._append_valid(events)
        except BaseException:
            self.forget()  # ids handed out in a transaction that is rolling back are not real
            raise

    def forget(self) -> None:
        self._identities.clear()
        self._names_seen.clear()
        self._groups.clear()

    def _append_valid(self, events: Sequence[Event]) -> int:
        self._resolve_groups(events)
        self._resolve_accounts(events)
        rows, mention_rows = self._rows(events)
        added = self.db.dialect.insert_ignoring(self.db, "events", EVENT_COLUMNS, rows)
        if mention_rows:
            columns = ("community_id", "event_key", "identity_id")
            self.db.dialect.insert_ignoring(self.db, "mentions", columns, mention_rows)
        if any(event.kind in _MERGE_KINDS for event in events):
            self._replay_merges()
        return added

    def _rows(self, events: Sequence[Event]) -> tuple[list[tuple[Any, ...]], list[tuple[int, str, int]]]:
        ids, groups, community = self._identities, self._groups, self.community_id
        rows, mention_rows = [], []
        for e in events:
            platform = e.platform
            rows.append((
                e.key, community, e.kind.value,
                groups[(platform, e.group)][0] if e.group else None,
                ids[(e.actor.platform or platform, e.actor.handle)] if e.actor else None,
                ids[(e.target.platform or platform, e.target.handle)] if e.target else None,
                ids[(e.inviter.platform or platform, e.inviter.handle)] if e.inviter else None,
                e.time_us, e.utc_offset_min, self.source_id, e.ref, e.reply_to, e.text,
                e.media.value if e.media else None, e.via.value if e.via else None, e.code,
                e.amount_fen, e.product, 1 if e.edited else None, 1 if e.deleted else None,
            ))  # fmt: skip
            for mentioned in e.mentions:
                mention_rows.append(
                    (community, e.key, ids[(mentioned.platform or platform, mentioned.handle)])
                )
        return rows, mention_rows

    def _resolve_groups(self, events: Sequence[Event]) -> None:
        """Give each group an id, and keep as its name the one carried by its latest event."""
        renamed: dict[int, tuple[str | None, int]] = {}
        for event in events:
            if not event.group:
                continue
            known = self._groups.get((event.platform, event.group)) or self._group_row(
                event.platform, event.group
            )
            later = event.time_us > known[2] or (event.time_us == known[2] and event.group_name != known[1])
            if event.group_name and later:
                known[1], known[2] = event.group_name, event.time_us
                renamed[known[0]] = (known[1], known[2])
        if renamed:
            self.db.executemany(
                "UPDATE groups SET name = ?, name_time_us = ? WHERE id = ?",
                [(name, time_us, group_id) for group_id, (name, time_us) in renamed.items()],
            )

    def _group_row(self, platform: str, handle: str) -> list[Any]:
        lookup = (
            "SELECT id, name, name_time_us FROM groups WHERE community_id = ? AND platform = ? AND handle = ?"
        )
        row = self.db.fetchone(lookup, (self.community_id, platform, handle))
        if row is None:
            row = self.db.fetchone(
                "INSERT INTO groups (community_id, platform, handle) VALUES (?, ?, ?) "
                "RETURNING id, name, name_time_us",
                (self.community_id, platform, handle),
            )
        self._groups[(platform, handle)] = known = [row[0], row[1], -(2**62) if row[2] is None else row[2]]
        return known

    def _resolve_accounts(self, events: Sequence[Event]) -> None:
        ids, names_seen = self._identities, self._names_seen
        unknown: dict[tuple[str, str], Account] = {}
        named: dict[tuple[tuple[str, str], str], int] = {}  # a name not yet recorded -> first time
        for event in events:
            for account in (event.actor, event.target, event.inviter, *event.mentions):
                if account is None:
                    continue
                key = (account.platform or event.platform, account.handle)
                if key not in ids:
                    unknown.setdefault(key, account)
                if account.name and (key, account.name) not in names_seen:
                    pair = (key, account.name)
                    if event.time_us < named.get(pair, 2**63):
                        named[pair] = event.time_us
        if unknown:
            self._load_or_create(unknown)
        if named:
            self._record_names(named)

    def _load_or_create(self, unknown: dict[tuple[str, str], Account]) -> None:
        by_platform: dict[str, list[str]] = {}
        for platform, handle in unknown:
            by_platform.setdefault(platform, []).append(handle)
        for platform, handles in by_platform.items():
            for start in range(0, len(handles), _LOOKUP_CHUNK):
                chunk = handles[start : start + _LOOKUP_CHUNK]
                marks = ", ".join("?" * len(chunk))
                found = self.db.fetchall(
                    "SELECT handle, id FROM identities WHERE community_id = ? AND platform = ? "
                    f"AND handle IN ({marks})",
                    (self.community_id, platform, *chunk),
                )
                for handle, identity_id in found:
                    self._identities[(platform, handle)] = identity_id
        missing = [key for key in unknown if key not in self._identities]
        if missing:
            self._create_identities([(key, unknown[key]) for key in missing])

    def _create_identities(self, accounts: list[tuple[tuple[str, str], Account]]) -> None:
        self.db.dialect.lock_identities(self.db)
        next_id = int(self.db.scalar("SELECT COALESCE(MAX(id), 0) FROM identities")) + 1
        rows = []
        for offset, ((platform, handle), account) in enumerate(accounts):
            identity_id = next_id + offset
            self._identities[(platform, handle)] = identity_id
            rows.append(
                (
                    identity_id,
                    self.community_id,
                    platform,
                    handle,
                    account.name,
                    account.kind.value,
                    identity_id,
                )
            )
        columns = ("id", "community_id", "platform", "handle", "name", "kind", "member_id")
        self.db.dialect.insert_ignoring(self.db, "identities", columns, rows)
        if next_id + len(rows) > 2 * self._identities_analysed + 1000:
            self.db.dialect.note_growth(self.db, "identities")
            self._identities_analysed = next_id + len(rows)

    def _record_names(self, named: dict[tuple[tuple[str, str], str], int]) -> None:
        """Keep each name an account went by, with the first time it did; and as the account's
        name, the one it took last."""
        self.db.executemany(
            "INSERT INTO identity_names (identity_id, name, first_seen_us) VALUES (?, ?, ?) "
            "ON CONFLICT (identity_id, name) DO UPDATE SET first_seen_us = excluded.first_seen_us "
            "WHERE excluded.first_seen_us < identity_names.first_seen_us",
            [(self._identities[key], name, time_us) for (key, name), time_us in named.items()],
        )
        self._names_seen.update(named)
        self.db.executemany(
            "UPDATE identities SET name = (SELECT name FROM identity_names WHERE identity_id = identities.id "
            "ORDER BY first_seen_us DESC, name LIMIT 1) WHERE id = ?",
            [(identity_id,) for identity_id in {self._identities[key] for key, _ in named}],
        )

    def _replay_merges(self) -> None:
        merges = self.db.fetchall(
            "SELECT kind, actor_id, target_id FROM events WHERE community_id = ? AND kind IN (?, ?) "
            "ORDER BY time_us, id",
            (self.community_id, *_MERGE_KINDS),
        )
        people = people_from_merges((kind == Kind.IDENTITY_MERGED.value, a, b) for kind, a, b in merges)
        self.db.executemany(
            "UPDATE identities SET member_id = ? WHERE id = ?",
            [(member_id, identity_id) for identity_id, member_id in people.items()],
        )
