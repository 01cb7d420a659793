"""The funnel (joined -> spoke -> first order -> repeat order -> brought someone) by entry channel
and by cohort, and what each entry channel brought, kept and earned."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import numpy as np

from ..domain.clock import MICROS_PER_DAY
from .calendar import local_days, period_label, period_of
from .columns import MESSAGE, ORDER_PAID, ORDER_REFUNDED, REACTION, EventColumns
from .grouping import Int64s, distinct
from .members import MemberFigures
from .presence import Presence
from .settings import Settings

FUNNEL_STEPS = ("joined", "spoke", "ordered", "repeat_ordered", "brought_someone")


def funnel_rows(
    labels: list[str], row: Int64s, figures: MemberFigures, repeat_orders: int
) -> list[dict[str, Any]]:
    """Per row label, how many of its members reached each step; `row` gives each member's row
    (-1 for none), aligned with the members of `figures`. Each step counts on its own: a member who
    bought without speaking counts as ordered and not as spoke."""
    steps = (
        np.ones(len(row), bool),
        figures.messages > 0,
        figures.paid_orders >= 1,
        figures.paid_orders >= repeat_orders,
        figures.invited > 0,
    )
    rows = []
    for index, label in enumerate(labels):
        mine = row == index
        rows.append(
            {"row": label}
            | {step: int((mine & done).sum()) for step, done in zip(FUNNEL_STEPS, steps, strict=True)}
        )
    return rows


def channel_labels(columns: EventColumns, presence: Presence) -> tuple[list[str], Int64s]:
    return list(columns.channels), presence.first_join_channel


def cohort_labels(presence: Presence, zone: tzinfo) -> tuple[list[str], Int64s]:
    """Months of first join."""
    joined = presence.first_join_us >= 0
    months = np.full(len(presence.members), -1, dtype=np.int64)
    months[joined] = period_of(local_days(presence.first_join_us[joined], zone), "month")
    found = distinct(months[joined])
    return [period_label(int(m), "month") for m in found], np.where(
        joined, np.searchsorted(found, months), -1
    )


def channel_rows(
    columns: EventColumns, presence: Presence, settings: Settings, as_of_us: int
) -> list[dict[str, object]]:
    """Per entry channel: members brought, still a member and active within the retention window,
    their spend, and where a cost was entered, cost per retained member and payback in days."""
    window = settings.windows.retention_days * MICROS_PER_DAY
    channel, joined = presence.first_join_channel, presence.first_join_us
    due = (joined >= 0) & (joined + window <= as_of_us)
    kept = np.zeros(len(joined), bool)
    kept[due] = presence.present_at(presence.members[due], joined[due] + window)
    activated = _active_within(columns, presence, window)
    paid_by, paid_us, paid_fen, spend = _spend(columns, presence)
    rows = []
    for index, name in enumerate(columns.channels):
        mine = channel == index
        cost = settings.channel_costs_fen.get(name)
        retained = int((mine & due & kept).sum())
        rows.append({
            "channel": name,
            "members": int(mine.sum()),
            "eligible": int((mine & due).sum()),
            "retained": retained,
            "activated": int((mine & due & activated).sum()),
            "spend_fen": int(spend[mine].sum()),
            "cost_fen": cost,
            "cost_per_retained_fen": None if cost is None or not retained else round(cost / retained),
            "payback_days": None if cost is None else _payback(paid_by, paid_us, paid_fen, mine, joined,
                                                               cost),
        })  # fmt: skip
    return rows


def _active_within(columns: EventColumns, presence: Presence, window: int) -> np.ndarray:
    acting = (columns.kind == MESSAGE) | (columns.kind == REACTION)
    member = columns.member(columns.actor[acting])
    time_us = columns.time_us[acting]
    start = presence.dense(presence.first_join_us, -1, len(columns.member_of))[np.maximum(member, 0)]
    inside = (member >= 0) & (start >= 0) & (time_us >= start) & (time_us <= start + window)
    hit = np.zeros(len(columns.member_of), dtype=bool)
    hit[member[inside]] = True
    activated: np.ndarray = hit[presence.members]
    return activated


def _spend(columns: EventColumns, presence: Presence) -> tuple[Int64s, Int64s, Int64s, Int64s]:
    """Each payment (+) and refund (-) by a member as (member position, time, fen), and each member's
    net spend."""
    moving = (columns.kind == ORDER_PAID) | (columns.kind == ORDER_REFUNDED)
    member = columns.member(columns.actor[moving])
    positions = presence.dense(np.arange(len(presence.members)), -1, len(columns.member_of))
    position = np.where(member >= 0, positions[np.maximum(member, 0)], -1)
    known = position >= 0
    signed = np.where(columns.kind[moving] == ORDER_PAID, 1, -1) * columns.amount_fen[moving]
    net = np.zeros(len(presence.members), dtype=np.int64)
    np.add.at(net, position[known], signed[known])
    return position[known], columns.time_us[moving][known], signed[known], net


def _payback(
    position: Int64s, time_us: Int64s, signed: Int64s, mine: np.ndarray, joined: Int64s, cost: int
) -> int | None:
    """Whole days from the channel's first join until its members' net spend added up to the cost."""
    if not (mine & (joined >= 0)).any():
        return None
    start = int(joined[mine & (joined >= 0)].min())
    if cost == 0:
        return 0
    chosen = mine[position]
    order = np.argsort(time_us[chosen], kind="stable")
    reached = np.flatnonzero(np.cumsum(signed[chosen][order]) >= cost)
    return None if not len(reached) else int((time_us[chosen][order][reached[0]] - start) // MICROS_PER_DAY)
