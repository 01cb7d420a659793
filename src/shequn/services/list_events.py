"""`shequn events`: the canonical events in time order, the contract later tools read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..domain.clock import iso_time
from ..store import Database
from ..store.event_reads import EventFilter, events_txn
from .communities import Community


def list_events(db: Database, community: Community, where: EventFilter) -> Iterator[dict[str, Any]]:
    """Each event as a JSON-ready dict; `time` carries the offset it was recorded in, else the
    community's zone; `*_id` fields are member ids (one person across accounts and platforms)."""
    zone = community.zone
    for row in events_txn(db, community.id, where):
        offset = row.pop("utc_offset_min")
        row["time"] = iso_time(row.pop("time_us"), offset, zone)
        row["edited"], row["deleted"] = bool(row["edited"]), bool(row["deleted"])
        yield {name: row[name] for name in EVENT_FIELDS}


EVENT_FIELDS = (
    "kind", "time", "group", "group_id", "platform", "actor", "actor_id", "actor_account", "target",
    "target_id", "text", "reply_to", "ref", "mentions", "inviter", "inviter_id", "via", "code", "media",
    "amount_fen", "product", "edited", "deleted", "id", "key",
)  # fmt: skip
