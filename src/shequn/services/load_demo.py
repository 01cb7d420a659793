"""Loading the seeded demo community: `shequn demo`."""

from __future__ import annotations

from collections.abc import Callable

from ..sources.demo import demo_event_estimate, demo_events
from ..store import Database, StoreError
from ..store.sources import source_names
from .communities import Community, create_community
from .record_events import Recorded, record_events

DEMO_COMMUNITY = "demo"
DEMO_TIMEZONE = "Asia/Shanghai"


class DemoMismatch(StoreError):
    """The database already holds a demo drawn with other options."""


def load_demo(
    db: Database, members: int = 5000, seed: int = 1, on_batch: Callable[[int], None] | None = None
) -> tuple[Community, Recorded]:
    """Record the demo community of `members` people drawn with `seed` into the community "demo".

    Each batch commits on its own, so an interrupted load keeps whole batches, and loading again
    (same members and seed) adds only what is missing: every demo event has a natural key.
    """
    source = f"demo --members {members} --seed {seed}"
    other = [name for name in source_names(db, "demo --") if name != source]
    if other:
        options = other[0].removeprefix("demo ")
        raise DemoMismatch(
            f"{db.url} already holds the demo loaded with {options}; use those options or another --db"
        )
    community = create_community(db, DEMO_COMMUNITY, DEMO_TIMEZONE)
    recorded = record_events(
        db, community, source, demo_events(members, seed), whole=False, on_batch=on_batch
    )
    return community, recorded


__all__ = ["DEMO_COMMUNITY", "demo_event_estimate", "load_demo"]
