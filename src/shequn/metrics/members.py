"""Per-member figures: messages, orders, invitations, and each current member's lifecycle stage."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..domain.clock import MICROS_PER_DAY
from .columns import JOIN, MESSAGE, ORDER_PAID, REACTION, EventColumns
from .grouping import Int64s, dense_max, dense_min, distinct
from .presence import Presence
from .settings import StageRules

WEEK_US = 7 * MICROS_PER_DAY
STAGES = (
    "former", "newcomer", "lurker", "distributor", "repeat_buyer", "one_time_buyer", "core", "fan", "talker",
)  # fmt: skip


@dataclass(frozen=True)
class MemberFigures:
    """Aligned with `Presence.members`."""

    messages: Int64s
    first_message_us: Int64s  # -1 when they never sent one
    last_message_us: Int64s  # -1 when they never sent one
    paid_orders: Int64s  # as the buyer
    sold_orders: Int64s  # paid orders credited to them as the distributor
    invited: Int64s  # joins of other people they invited


def member_figures(columns: EventColumns, presence: Presence) -> MemberFigures:
    members = presence.members
    speaking = columns.kind == MESSAGE
    speaker = columns.member(columns.actor[speaking])
    said = speaker >= 0
    size = len(columns.member_of)
    first = dense_min(speaker[said], columns.time_us[speaking][said], size)[members]
    first = np.where(first == np.iinfo(np.int64).max, -1, first)
    last = dense_max(speaker[said], columns.time_us[speaking][said], size, -1)[members]
    paid = columns.kind == ORDER_PAID
    joins = columns.kind == JOIN
    inviter, joiner = columns.member(columns.inviter[joins]), columns.member(columns.actor[joins])
    return MemberFigures(
        messages=_count(speaker[said], members),
        first_message_us=first,
        last_message_us=last,
        paid_orders=_count(columns.member(columns.actor[paid]), members),
        sold_orders=_count(columns.member(columns.target[paid]), members),
        invited=_count(inviter[(inviter >= 0) & (inviter != joiner)], members),
    )


def _count(member: Int64s, members: Int64s) -> Int64s:
    """How many times each of `members` occurs in `member`."""
    known = member[member >= 0]
    counts: Int64s = np.bincount(known, minlength=int(members.max(initial=0)) + 1)[members]
    return counts


def weekly_activity(
    columns: EventColumns, presence: Presence, as_of_us: int, weeks: int
) -> tuple[Int64s, Int64s]:
    """For each member: in how many of the last `weeks` seven-day windows ending at "as of" they
    were active, and how many messages and reactions they sent in those weeks."""
    acting = ((columns.kind == MESSAGE) | (columns.kind == REACTION)) & (columns.actor >= 0)
    since = as_of_us - weeks * WEEK_US
    recent = acting & (columns.time_us > since) & (columns.time_us <= as_of_us)
    member = columns.member(columns.actor[recent])
    person = member >= 0
    member = member[person]
    window = (as_of_us - columns.time_us[recent][person]) // WEEK_US
    active_weeks = _count(distinct(member * weeks + window) // weeks, presence.members)
    return active_weeks, _count(member, presence.members)


def stages(
    presence: Presence, figures: MemberFigures, active_weeks: Int64s, interactions: Int64s,
    rules: StageRules, as_of_us: int,
) -> Int64s:  # fmt: skip
    """Each member's stage, an index into STAGES: the first rule that holds, in the order of STAGES."""
    fan = active_weeks >= rules.fan_active_weeks
    core = fan & _top_share(interactions, presence.current & (interactions > 0), rules.core_share)
    conditions = [
        ~presence.current,
        presence.first_seen_us > as_of_us - rules.newcomer_days * MICROS_PER_DAY,
        figures.messages == 0,
        figures.sold_orders >= rules.distributor_orders,
        figures.paid_orders >= rules.repeat_orders,
        figures.paid_orders >= 1,
        core,
        fan,
        figures.messages > 0,
    ]
    stage: Int64s = np.select(conditions, np.arange(len(conditions)), default=len(STAGES) - 1)
    return stage


def _top_share(interactions: Int64s, among: np.ndarray, share: float) -> np.ndarray:
    """The ceil(share x n) of the n members `among` with the most interactions (ties: lower member
    position first)."""
    candidates = np.flatnonzero(among)
    top = int(np.ceil(share * len(candidates)))
    order = candidates[np.lexsort((candidates, -interactions[candidates]))][:top]
    chosen = np.zeros(len(interactions), dtype=bool)
    chosen[order] = True
    return chosen
