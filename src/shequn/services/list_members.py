"""`shequn members`: members with their lifecycle stage, groups, join time and last message."""

from __future__ import annotations

from typing import Any

from ..domain.clock import iso_time
from ..metrics.members import STAGES
from ..store import Database, StoreError
from ..store.analytics import group_names_txn, member_rows_txn
from ..store.communities import groups_named_txn
from .communities import Community
from .compute_analytics import Progress, read_analytics


def list_members(
    db: Database, community: Community, stage: str | None = None, group: str | None = None,
    limit: int | None = None, on_batch: Progress | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Members as of the last event, by member id; a stage or a group (name, handle or id) narrows it."""
    if stage is not None and stage not in STAGES:
        raise StoreError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
    group_id = None
    if group is not None:
        group_id = next(iter(groups_named_txn(db, community.id, group)), None)
        if group_id is None:
            raise StoreError(
                f"no group {group!r} in community {community.name!r} (give a name, handle or id)"
            )
    read_analytics(db, community, on_batch)  # brings the stored stages up to date with the log
    names = group_names_txn(db, community.id)
    zone = community.zone
    return [
        {
            "member_id": int(member_id),
            "name": name,
            "stage": stage_name,
            "groups": [names.get(int(g), (g, ""))[0] for g in groups.split(",") if g],
            "joined": iso_time(int(joined), None, zone),
            "last_message": None if last is None else iso_time(int(last), None, zone),
            "messages": int(messages),
        }
        for member_id, name, stage_name, groups, joined, last, messages in member_rows_txn(
            db, community.id, stage, group_id, limit
        )
    ]
