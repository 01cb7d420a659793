"""Recording events from any source: validated, deduplicated by natural key, written in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice

from ..domain.events import Event
from ..store import Database
from ..store.appender import EventAppender
from .communities import Community

BATCH_SIZE = 20_000


@dataclass
class Recorded:
    seen: int = 0
    added: int = 0

    @property
    def skipped(self) -> int:
        return self.seen - self.added


def record_events(
    db: Database,
    community: Community,
    source: str,
    events: Iterable[Event],
    whole: bool = False,
    on_batch: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    checked: bool = False,
) -> Recorded:
    """Append events; an event already stored (same natural key) is skipped.

    With `whole` everything is one transaction, so a failure part-way stores nothing (imports);
    otherwise each batch commits on its own, so an interrupted run keeps whole batches and a rerun
    completes it (the demo, live connectors). `on_batch` hears how many events each batch held.
    `checked` says the caller has already validated every event (imports do, to report bad records
    with their file), so the appender need not do it again.
    """
    appender = EventAppender(db, community.id, source)
    recorded = Recorded()
    iterator = iter(events)
    with db.transaction() if whole else nullcontext():
        while batch := list(islice(iterator, batch_size)):
            with db.transaction():
                recorded.added += appender.append(batch, checked=checked)
            recorded.seen += len(batch)
            if on_batch:
                on_batch(len(batch))
    return recorded
