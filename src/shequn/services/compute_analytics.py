"""Computing every analytics figure of a community (docs/metrics.md), and keeping the result so
pages and reports read it without recomputing while the log and the settings stay the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np

from ..metrics.analytics import Analytics, compute
from ..metrics.columns import EventColumns
from ..metrics.members import STAGES
from ..metrics.presence import presence
from ..metrics.settings import settings_document
from ..store import Database, StoreError
from ..store.analytics import group_names_txn, save_results_txn, stored_results_txn
from ..store.columns import load_columns
from ..store.communities import groups_named_txn
from ..store.overview import log_position_txn
from .analytics_settings import read_settings
from .communities import Community

Progress = Callable[[int], None]


def read_analytics(db: Database, community: Community, on_batch: Progress | None = None) -> dict[str, Any]:
    """The stored figures when they were computed from this log and these settings, else fresh ones."""
    stored = stored_results_txn(db, community.id)
    settings = settings_document(read_settings(db, community))
    if stored and stored[:3] == (*log_position_txn(db), settings):
        figures: dict[str, Any] = json.loads(stored[3])
        return figures
    return compute_analytics(db, community, on_batch)


def compute_analytics(db: Database, community: Community, on_batch: Progress | None = None) -> dict[str, Any]:
    """Recompute from the log, store, and return the figures."""
    position = log_position_txn(db)
    settings = read_settings(db, community)
    columns = load_columns(db, community.id, on_batch)
    result = compute(columns, community.zone, settings)
    figures = _named(db, community, result.figures)
    save_results_txn(
        db, community.id, position, settings_document(settings), json.dumps(figures, ensure_ascii=False),
        _member_rows(result),
    )  # fmt: skip
    return figures


def filtered_analytics(
    db: Database, community: Community, group: str | None, channel: str | None,
    on_batch: Progress | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The figures of one group's events, or of the members who came by one entry channel; not stored."""
    columns = load_columns(db, community.id, on_batch)
    if group is not None:
        group_id = next(iter(groups_named_txn(db, community.id, group)), None)
        if group_id is None:
            raise StoreError(
                f"no group {group!r} in community {community.name!r} (give a name, handle or id)"
            )
        columns = columns.where(columns.group == group_id)
    if channel is not None:
        columns = _of_channel(columns, channel)
    return _named(db, community, compute(columns, community.zone, read_settings(db, community)).figures)


def _of_channel(columns: EventColumns, channel: str) -> EventColumns:
    if channel not in columns.channels:
        known = ", ".join(sorted(columns.channels)) or "none"
        raise StoreError(f"no entry channel {channel!r}; the channels are: {known}")
    who = presence(columns)
    chosen = who.members[who.first_join_channel == columns.channels.index(channel)]
    mine = np.isin(columns.member(columns.actor), chosen) | np.isin(columns.member(columns.subject()), chosen)
    return columns.where(mine)


def _named(db: Database, community: Community, figures: dict[str, Any]) -> dict[str, Any]:
    names = group_names_txn(db, community.id)
    for row in figures["groups"]:
        row["name"], row["platform"] = names.get(row["group_id"], (str(row["group_id"]), ""))
    return figures


def _member_rows(result: Analytics) -> list[tuple[Any, ...]]:
    rows = result.members
    member, group = result.member_groups
    starts = np.searchsorted(member, rows.member_id)
    ends = np.searchsorted(member, rows.member_id, side="right")
    groups = group.tolist()
    return [
        (m, STAGES[s], joined, None if last < 0 else last, messages, ",".join(map(str, groups[a:b])))
        for m, s, joined, last, messages, a, b in zip(
            rows.member_id.tolist(), rows.stage.tolist(), rows.joined_us.tolist(),
            rows.last_message_us.tolist(), rows.messages.tolist(), starts.tolist(), ends.tolist(),
            strict=True,
        )
    ]  # fmt: skip
