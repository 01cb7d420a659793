"""`POST /api/events`: a batch of event records from a shop system or a bot, recorded all or none.

Each record has the fields of the generic import layout (docs/formats/generic.md) and is read by
the same code, so the API accepts exactly what `shequn import` accepts from a JSON Lines file, with
the same checks (`domain/validation.py`). Events are idempotent by their natural key: sending a
batch again adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.events import Event
from ..sources.generic.parser import RecordError, event_from, unknown_fields
from ..store import Database
from .audit import write_audit
from .communities import Community
from .record_events import record_events

MAX_BATCH = 10_000


@dataclass(frozen=True)
class Ingested:
    received: int
    added: int
    already_stored: int  # events whose natural key was stored before


class BadRecords(ValueError):
    """Records that are not events, each as "events[i]: what is wrong"; nothing was recorded."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def ingest_events(
    db: Database,
    community: Community,
    records: Sequence[Any],
    source: str,
    by: str,
    now_us: int,
    address: str | None = None,
) -> Ingested:
    """Record the batch in one transaction, or refuse it whole naming every bad record."""
    if len(records) > MAX_BATCH:
        raise BadRecords([f"events: {len(records):,} records; at most {MAX_BATCH:,} per request"])
    events, problems = _read(records, community)
    if problems:
        raise BadRecords(problems)
    with db.transaction():
        recorded = record_events(db, community, f"api:{by}:{source}", events, whole=True, checked=True)
        detail = f"{recorded.seen} events, {recorded.added} new, source {source}"
        write_audit(db, now_us, by, "events.record", community.name, detail, address)
    return Ingested(recorded.seen, recorded.added, recorded.skipped)


def _read(records: Sequence[Any], community: Community) -> tuple[list[Event], list[str]]:
    events: list[Event] = []
    problems: list[str] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(f"events[{index}]: expected an object of event fields")
            continue
        unknown = unknown_fields(record)
        if unknown:
            problems.append(f"events[{index}]: {unknown}")
            continue
        try:
            events.append(event_from(record, community.zone, None))
        except RecordError as error:
            problems.append(f"events[{index}]: {error}")
    return events, problems
