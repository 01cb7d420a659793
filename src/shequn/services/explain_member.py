"""`shequn explain MEMBER`: why a member ranks where they do, and the interactions behind it.

`explain_member` is also what a member's profile page calls for their leader scores."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..metrics.explain import Partner, partners
from ..metrics.leaders import DEFAULT_SETTINGS, SCORE_WEIGHTS, LeaderSettings, latest_time, percentiles
from ..store import Database
from ..store.interactions import group_names_txn, member_names_txn
from .communities import Community
from .read_interactions import find_group, find_member, read_interactions
from .read_leaders import LeaderRow, leader_rows, leader_scores


@dataclass(frozen=True)
class Component:
    name: str  # influence, reach, bridge, core, invited
    value: float
    percentile: float  # 0..1: the share of the other members with a lower value
    weight: float  # its weight in the leader score
    points: float  # weight * percentile * 100: its part of the score


@dataclass(frozen=True)
class PartnerRow:
    member_id: int
    name: str
    layer: str  # reply, mention, answer, invite
    direction: str  # "out": the member acted towards them; "in": they acted towards the member
    count: int
    weight: float
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    member_id: int
    name: str
    group: str | None
    leader: LeaderRow | None  # None when the member took part in no interaction
    of: int  # people in the graph
    components: tuple[Component, ...]
    partners: tuple[PartnerRow, ...]  # heaviest first


def explain(
    db: Database, community: Community, member: str, group: str | None = None, top: int = 10,
    settings: LeaderSettings = DEFAULT_SETTINGS,
) -> Explanation:  # fmt: skip
    """The explanation for a member named on the command line (a name, handle or member id)."""
    return explain_member(db, community, find_member(db, community, member), group, top, settings)


def explain_member(
    db: Database, community: Community, member_id: int, group: str | None = None, top: int = 10,
    settings: LeaderSettings = DEFAULT_SETTINGS,
) -> Explanation:  # fmt: skip
    group_id = None if group is None else find_group(db, community, group)
    scores = leader_scores(db, community, group_id, settings)
    name = member_names_txn(db, community.id, [member_id]).get(member_id, str(member_id))
    at = np.flatnonzero(scores.member == member_id)
    if len(at) == 0:
        return Explanation(member_id, name, group, None, len(scores), (), ())
    position = int(at[0])
    columns = {
        "influence": scores.influence, "reach": scores.reach, "bridge": scores.bridge,
        "core": scores.core, "invited": scores.invited,
    }  # fmt: skip
    components = tuple(
        _component(column, float(values[position]), float(percentiles(values)[position]))
        for column, values in columns.items()
    )
    found = read_interactions(db, community, group_id)
    rows = partners(found, member_id, latest_time(found), settings.half_life_days)[: 2 * top]
    return Explanation(
        member_id, name, group, leader_rows(db, community, scores, [position])[0], len(scores), components,
        _partner_rows(db, community, rows),
    )  # fmt: skip


def _component(name: str, value: float, percentile: float) -> Component:
    weight = SCORE_WEIGHTS[name]
    return Component(name, value, round(percentile, 6), weight, round(100 * weight * percentile, 4))


def _partner_rows(db: Database, community: Community, found: list[Partner]) -> tuple[PartnerRow, ...]:
    names = member_names_txn(db, community.id, sorted({p.member for p in found}))
    group_names = group_names_txn(db, community.id)
    return tuple(
        PartnerRow(
            p.member,
            names.get(p.member, str(p.member)),
            p.layer.name.lower(),
            "out" if p.outgoing else "in",
            p.count,
            round(p.weight, 6),
            tuple(group_names.get(g, str(g)) for g in p.groups),
        )
        for p in found
    )
