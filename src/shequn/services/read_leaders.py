"""`shequn leaders`: the opinion leaders of a community or of one group, best first."""

from __future__ import annotations

from dataclasses import dataclass

from ..metrics.leaders import DEFAULT_SETTINGS, LeaderScores, LeaderSettings, score_leaders
from ..store import Database
from ..store.interactions import member_names_txn
from ..store.overview import log_position_txn
from .communities import Community
from .read_interactions import find_group, read_interactions


@dataclass(frozen=True)
class LeaderRow:
    member_id: int
    name: str
    score: float  # 0..100, see docs/leaders.md
    rank: int
    influence: float
    reach: int
    bridge: float
    core: int
    invited: int


@dataclass(frozen=True)
class LeaderBoard:
    group: str | None  # None for the whole community
    members: int  # people in the interaction graph
    interactions: int
    half_life_days: float
    bridge_samples: int | None  # None when the bridge score is exact
    rows: tuple[LeaderRow, ...]


_latest: dict[tuple[str, int, int | None, LeaderSettings], tuple[tuple[int, str], LeaderScores]] = {}


def leader_scores(
    db: Database,
    community: Community,
    group_id: int | None = None,
    settings: LeaderSettings = DEFAULT_SETTINGS,
) -> LeaderScores:
    """Every member's scores, remembered while the log stays as it is."""
    position = log_position_txn(db)
    key = (db.url, community.id, group_id, settings)
    remembered = _latest.get(key)
    if remembered and remembered[0] == position:
        return remembered[1]
    scores = score_leaders(read_interactions(db, community, group_id), settings)
    _latest[key] = (position, scores)
    return scores


def read_leaders(
    db: Database, community: Community, group: str | None = None, top: int | None = 20,
    settings: LeaderSettings = DEFAULT_SETTINGS,
) -> LeaderBoard:  # fmt: skip
    group_id = None if group is None else find_group(db, community, group)
    scores = leader_scores(db, community, group_id, settings)
    shown = len(scores) if top is None else min(top, len(scores))
    return LeaderBoard(
        group=group,
        members=len(scores),
        interactions=len(read_interactions(db, community, group_id)),
        half_life_days=settings.half_life_days,
        bridge_samples=scores.bridge_samples,
        rows=leader_rows(db, community, scores, range(shown)),
    )


def leader_rows(
    db: Database, community: Community, scores: LeaderScores, at: range | list[int]
) -> tuple[LeaderRow, ...]:
    """The rows of `scores` at the positions `at`, with the members' names."""
    positions = list(at)
    names = member_names_txn(db, community.id, [int(scores.member[i]) for i in positions])
    return tuple(
        LeaderRow(
            member_id=int(scores.member[i]),
            name=names.get(int(scores.member[i]), str(scores.member[i])),
            score=round(float(scores.score[i]), 2),
            rank=int(scores.rank[i]),
            influence=float(scores.influence[i]),
            reach=int(scores.reach[i]),
            bridge=float(scores.bridge[i]),
            core=int(scores.core[i]),
            invited=int(scores.invited[i]),
        )
        for i in positions
    )
