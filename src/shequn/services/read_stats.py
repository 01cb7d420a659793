"""`shequn stats`: the headline counts of a community."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.clock import iso_time
from ..store import Database
from ..store.stats import directory_counts_txn, event_counts_txn, member_presence_txn
from .communities import Community


@dataclass(frozen=True)
class Stats:
    """The figures of `shequn stats`; each is defined in docs/cli.md, and who counts as a member
    in store/presence.py."""

    members: int
    current_members: int
    identities: int
    groups: int
    events: int
    messages: int
    joins: int
    leaves: int
    removals: int
    first_event: str | None
    last_event: str | None


def read_stats(db: Database, community: Community) -> Stats:
    events, messages, joins, leaves, removals, first_us, last_us = event_counts_txn(db, community.id)
    members, current = member_presence_txn(db, community.id)
    identities, groups = directory_counts_txn(db, community.id)
    return Stats(
        members=members,
        current_members=current,
        identities=identities,
        groups=groups,
        events=int(events),
        messages=int(messages or 0),
        joins=int(joins or 0),
        leaves=int(leaves or 0),
        removals=int(removals or 0),
        first_event=None if first_us is None else iso_time(first_us, None, community.zone),
        last_event=None if last_us is None else iso_time(last_us, None, community.zone),
    )
