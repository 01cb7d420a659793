"""`shequn circles`: the circles inside a community, who leads them, where they talk, what they talk
about, who bridges them, and the leaders active in several groups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..metrics.circles import CircleFinding, find_circles
from ..metrics.grouping import distinct
from ..metrics.interactions import CONVERSATION
from ..metrics.leaders import DEFAULT_SETTINGS, LeaderSettings, conversation_edges, latest_time
from ..metrics.words import distinctive_words
from ..store import Database
from ..store.interactions import group_names_txn, member_names_txn, recent_texts_txn
from ..store.overview import log_position_txn
from .communities import Community
from .read_interactions import read_interactions
from .read_leaders import leader_scores

# Distinctive words are drawn from the latest messages only: segmenting tens of millions of messages
# would take minutes, and what a circle talks about now is what describes it.
TEXT_SAMPLE = 50_000
LEADERS_PER_CIRCLE = 5
GROUPS_PER_CIRCLE = 3


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str


@dataclass(frozen=True)
class GroupShare:
    name: str
    share: float  # of the circle's interactions among its own members


@dataclass(frozen=True)
class Circle:
    number: int  # 1 = the largest
    size: int
    leaders: tuple[Person, ...]  # its members with the best leader ranks, best first
    groups: tuple[GroupShare, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Bridge:
    member_id: int
    name: str
    circle: int
    circles_touched: int
    participation: float
    outside_weight: float


@dataclass(frozen=True)
class MultiGroupLeader:
    member_id: int
    name: str
    rank: int
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Circles:
    members: int
    count: int  # circles found, however many are shown
    modularity: float
    circles: tuple[Circle, ...]
    bridges: tuple[Bridge, ...]
    multi_group_leaders: tuple[MultiGroupLeader, ...]


_latest: dict[tuple[str, int, LeaderSettings], tuple[tuple[int, str], CircleFinding]] = {}


def circle_finding(
    db: Database, community: Community, settings: LeaderSettings = DEFAULT_SETTINGS
) -> CircleFinding:
    """Every member's circle, remembered while the log stays as it is."""
    position = log_position_txn(db)
    key = (db.url, community.id, settings)
    remembered = _latest.get(key)
    if remembered and remembered[0] == position:
        return remembered[1]
    found = read_interactions(db, community)
    talk = found.of_layers(CONVERSATION)
    members = distinct(np.concatenate([talk.source, talk.target]))
    finding = find_circles(
        conversation_edges(found, latest_time(found), settings.half_life_days, members), settings.seed
    )
    _latest[key] = (position, finding)
    return finding


def circle_membership(
    db: Database, community: Community, settings: LeaderSettings = DEFAULT_SETTINGS
) -> dict[int, int]:
    """Each member's circle number (1 = the largest)."""
    finding = circle_finding(db, community, settings)
    return dict(zip(finding.members.tolist(), (finding.circle + 1).tolist(), strict=True))


def read_circles(
    db: Database, community: Community, top: int = 10, settings: LeaderSettings = DEFAULT_SETTINGS
) -> Circles:
    finding = circle_finding(db, community, settings)
    shown = min(top, int(finding.circle.max()) + 1 if len(finding.circle) else 0)
    leaders = _circle_leaders(db, community, finding, shown, settings)
    groups = _circle_groups(db, community, finding, shown)
    words = _circle_words(db, community, finding, shown)
    circles = tuple(
        Circle(c + 1, int((finding.circle == c).sum()), leaders[c], groups[c], tuple(words.get(c, ())))
        for c in range(shown)
    )
    return Circles(
        members=len(finding.members),
        count=int(finding.circle.max()) + 1 if len(finding.circle) else 0,
        modularity=round(finding.modularity, 6),
        circles=circles,
        bridges=_bridges(db, community, finding, top),
        multi_group_leaders=_multi_group_leaders(db, community, settings, top),
    )


def _circle_leaders(
    db: Database, community: Community, finding: CircleFinding, shown: int, settings: LeaderSettings
) -> list[tuple[Person, ...]]:
    if shown == 0:
        return []
    scores = leader_scores(db, community, None, settings)
    at = np.searchsorted(finding.members, scores.member)
    known = at < len(finding.members)
    known[known] &= finding.members[at[known]] == scores.member[known]
    circle_by_rank = np.where(known, finding.circle[np.minimum(at, len(finding.members) - 1)], -1)
    chosen = [scores.member[circle_by_rank == c][:LEADERS_PER_CIRCLE].tolist() for c in range(shown)]
    names = member_names_txn(db, community.id, sorted({m for ms in chosen for m in ms}))
    return [tuple(Person(m, names.get(m, str(m))) for m in members) for members in chosen]


def _circle_groups(
    db: Database, community: Community, finding: CircleFinding, shown: int
) -> list[tuple[GroupShare, ...]]:
    talk = read_interactions(db, community).of_layers(CONVERSATION)
    source_circle = finding.circle[np.searchsorted(finding.members, talk.source)]
    target_circle = finding.circle[np.searchsorted(finding.members, talk.target)]
    inside = (source_circle == target_circle) & (source_circle < shown)
    names = group_names_txn(db, community.id)
    shares: list[tuple[GroupShare, ...]] = []
    for c in range(shown):
        groups, counts = np.unique(talk.group[inside & (source_circle == c)], return_counts=True)
        total = max(int(counts.sum()), 1)
        order = [i for i in np.lexsort((groups, -counts))[:GROUPS_PER_CIRCLE] if counts[i] / total >= 0.01]
        shares.append(
            tuple(
                GroupShare(names.get(int(groups[i]), str(groups[i])), round(counts[i] / total, 4))
                for i in order
            )
        )
    return shares


def _circle_words(
    db: Database, community: Community, finding: CircleFinding, shown: int
) -> dict[int, list[str]]:
    circle_of = dict(zip(finding.members.tolist(), finding.circle.tolist(), strict=True))
    texts: dict[int, list[str]] = defaultdict(list)
    for member, text in recent_texts_txn(db, community.id, TEXT_SAMPLE):
        circle = circle_of.get(member)
        if circle is not None:
            texts[circle if circle < shown else -1].append(text)
    return distinctive_words(dict(texts))


def _bridges(db: Database, community: Community, finding: CircleFinding, top: int) -> tuple[Bridge, ...]:
    """The members with the most weight of interaction outside their own circle."""
    order = np.lexsort((finding.members, -finding.outside))
    order = order[finding.outside[order] > 0][:top]
    names = member_names_txn(db, community.id, finding.members[order].tolist())
    return tuple(
        Bridge(
            int(finding.members[i]),
            names.get(int(finding.members[i]), str(finding.members[i])),
            int(finding.circle[i]) + 1,
            int(finding.circles_touched[i]),
            round(float(finding.participation[i]), 4),
            round(float(finding.outside[i]), 4),
        )
        for i in order
    )


def _multi_group_leaders(
    db: Database, community: Community, settings: LeaderSettings, top: int
) -> tuple[MultiGroupLeader, ...]:
    """Of the best leaders, those who talk in more than one group, in rank order."""
    talk = read_interactions(db, community).of_layers(CONVERSATION)
    scores = leader_scores(db, community, None, settings)
    groups: dict[int, set[int]] = defaultdict(set)
    candidates = set(scores.member[: 10 * top].tolist())
    for who in (talk.source, talk.target):
        keep = np.isin(who, list(candidates))
        for member, group in zip(who[keep].tolist(), talk.group[keep].tolist(), strict=True):
            groups[member].add(group)
    chosen = [
        (int(m), int(r))
        for m, r in zip(scores.member[: 10 * top], scores.rank, strict=False)
        if len(groups[int(m)]) > 1
    ][:top]
    names = member_names_txn(db, community.id, [m for m, _ in chosen])
    group_names = group_names_txn(db, community.id)
    return tuple(
        MultiGroupLeader(
            m, names.get(m, str(m)), r, tuple(group_names.get(g, str(g)) for g in sorted(groups[m]))
        )
        for m, r in chosen
    )
