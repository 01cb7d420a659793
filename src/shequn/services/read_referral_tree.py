"""The referral tree for the dashboard: the top cascades (or a campaign's), their top levels, and at
each node its few biggest branches with the rest summed up, so a tree of millions stays readable."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..metrics.referrals import subtree_sizes
from ..store import Database
from ..store.fission_reads import member_names_txn
from .communities import Community
from .load_fission import FissionData


@dataclass
class TreeNode:
    member_id: int
    name: str | None
    size: int  # they and everyone below them (among the people counted)
    children: list[TreeNode] = field(default_factory=list)
    hidden_branches: int = 0  # children not drawn
    hidden_people: int = 0  # the people in those branches


def read_referral_tree(
    db: Database, community: Community, data: FissionData, chosen: np.ndarray, roots: int = 5,
    levels: int = 3, branches: int = 4,
) -> list[TreeNode]:  # fmt: skip
    """The `roots` biggest cascades of the attributed people in `chosen` (a root is the top of their
    chain), `levels` deep below each root, `branches` biggest children per node."""
    forest = data.forest
    counted = chosen & forest.attributed & (forest.parent >= 0)
    size = subtree_sizes(forest, counted)
    tops = np.unique(_tops(forest.parent, counted))
    tops = tops[np.argsort(-size[tops], kind="stable")][:roots]
    rows = np.flatnonzero(counted)
    rows = rows[np.lexsort((-size[rows], forest.parent[rows]))]
    starts = np.searchsorted(forest.parent[rows], np.arange(len(forest.parent) + 1))
    shown: list[int] = []

    def grow(person: int, level: int) -> TreeNode:
        shown.append(person)
        node = TreeNode(int(data.members[person]), None, int(size[person]))
        below = rows[starts[person] : starts[person + 1]]
        if level < levels:
            node.children = [grow(int(child), level + 1) for child in below[:branches]]
        drawn = len(node.children)
        node.hidden_branches = len(below) - drawn
        node.hidden_people = int(size[below[drawn:]].sum())
        return node

    trees = [grow(int(top), 0) for top in tops]
    names = member_names_txn(db, community.id, [int(data.members[p]) for p in shown])
    _name(trees, names)
    return trees


def _tops(parent: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """For each counted person, the inviter at the top of their counted chain."""
    highest = np.flatnonzero(counted)
    while True:
        up = parent[highest]
        climb = counted[np.maximum(up, 0)] & (up >= 0)
        if not climb.any():
            result: np.ndarray = parent[highest]
            return result
        highest = np.where(climb, up, highest)


def _name(nodes: list[TreeNode], names: dict[int, str]) -> None:
    for node in nodes:
        node.name = names.get(node.member_id)
        _name(node.children, names)
