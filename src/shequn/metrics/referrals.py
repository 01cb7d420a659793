"""The referral forest: each person's first join, who or what brought them, and how deep they sit.

People are dense numbers 0..P-1 (one per member id). A person's *arrival* is their first fact in the
community (a membership event about them, or any activity: store/presence.py's facts). A person is a
*newcomer* when their first join is their arrival: someone active before their first recorded join was
already a member, so that join (like every later one, a rejoin) brings no new person.

A newcomer's first join is *attributed* when it names an inviter who is a member (a person, not the
newcomer, who arrived before the join, or at the same moment without being a newcomer themselves), or
carries a code (a member's personal code or an entry channel's code). Founders are never attributed.
The inviter (else the code's owner) is the newcomer's *parent*; the arrival rule makes the parents a
forest: every step up a chain goes back in time, or to a root. Depth: 0 without a parent, else the
parent's depth + 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .presence_spans import NO_TIME

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True)
class Joins:
    """Join events of people (bots and system accounts left out), one row each."""

    person: Ints
    time_us: Ints
    order: Ints  # position in the log: breaks ties between joins at the same moment
    inviter: Ints  # the inviting person, -1 when none is named or it is not a person
    code: Ints  # index of the join's code, -1 without one
    founder: Bools  # joined as a founder of the group


@dataclass(frozen=True)
class Forest:
    """Per person (index = person number)."""

    arrival_us: Ints
    joined_us: Ints  # first join, NO_TIME when they never joined
    newcomer: Bools
    attributed: Bools
    parent: Ints  # the person who brought them, -1
    code: Ints  # their first join's code, -1
    depth: Ints
    root: Ints  # the top of their tree (themselves when they have no parent)

    @property
    def people(self) -> int:
        return int((self.arrival_us != NO_TIME).sum())


def arrivals(person_count: int, people: Ints, times: Ints) -> Ints:
    """Each person's first fact: the earliest of `times[i]` with `people[i]` == them, else NO_TIME."""
    first = np.full(person_count, NO_TIME, dtype=np.int64)
    np.minimum.at(first, people, times)
    return first


def referral_forest(joins: Joins, arrival_us: Ints, code_owner: Ints) -> Forest:
    """Attribute each newcomer's first join and build the forest. `code_owner[c]` is the person whose
    personal code c is, or -1 for an entry channel's code."""
    count = len(arrival_us)
    first = _first_joins(joins)
    who = joins.person[first]
    joined = np.full(count, NO_TIME, dtype=np.int64)
    joined[who] = joins.time_us[first]
    newcomer = (joined != NO_TIME) & (joined == arrival_us)
    code = np.full(count, -1, dtype=np.int64)
    code[who] = joins.code[first]
    founder = np.zeros(count, dtype=bool)
    founder[who] = joins.founder[first]
    inviter = np.full(count, -1, dtype=np.int64)
    inviter[who] = joins.inviter[first]
    owner = np.full(count, -1, dtype=np.int64)
    owner[code >= 0] = code_owner[code[code >= 0]]
    parent = np.where(_can_parent(inviter, joined, arrival_us, newcomer), inviter, -1)
    parent = np.where((parent < 0) & _can_parent(owner, joined, arrival_us, newcomer), owner, parent)
    counted = newcomer & ~founder
    parent = np.where(counted, parent, -1)
    attributed = counted & ((parent >= 0) | (code >= 0))
    depth, root = depths(parent)
    return Forest(arrival_us, joined, newcomer, attributed, parent, np.where(counted, code, -1), depth, root)


def depths(parent: Ints) -> tuple[Ints, Ints]:
    """Each node's depth and root in a forest given by parent pointers (-1 at roots), by pointer
    doubling: log2(max depth) vectorised steps instead of a walk per node. Each step moves only the
    nodes whose pointer has not reached a root yet."""
    is_root = parent < 0
    jump = np.where(is_root, np.arange(len(parent), dtype=np.int64), parent)
    depth = (~is_root).astype(np.int64)
    moving = np.flatnonzero(~is_root)
    for _ in range(64):  # 2**64 steps up is deeper than any forest
        moving = moving[~is_root[jump[moving]]]
        if not len(moving):
            return depth, jump
        target = jump[moving]
        depth[moving] += depth[target]  # both read before either is written: one synchronous step
        jump[moving] = jump[target]
    raise ValueError("the parent pointers hold a cycle")


def generation_sizes(forest: Forest, among: Bools) -> list[int]:
    """How many of the people in `among` sit at depth 0, 1, 2, ..."""
    return [int(size) for size in np.bincount(forest.depth[among])] if among.any() else []


def invite_delays_us(forest: Forest) -> Ints:
    """For each newcomer with a parent: time from the parent's arrival to the newcomer's join."""
    child = np.flatnonzero(forest.parent >= 0)
    delays: Ints = forest.joined_us[child] - forest.arrival_us[forest.parent[child]]
    return delays


def _first_joins(joins: Joins) -> Ints:
    """Each person's earliest join (the first recorded among equal times), by two minimum passes
    instead of a sort."""
    size = int(joins.person.max()) + 1 if len(joins.person) else 0
    earliest = np.full(size, NO_TIME, dtype=np.int64)
    np.minimum.at(earliest, joins.person, joins.time_us)
    tied = np.flatnonzero(joins.time_us == earliest[joins.person])
    first_order = np.full(size, NO_TIME, dtype=np.int64)
    np.minimum.at(first_order, joins.person[tied], joins.order[tied])
    chosen: Ints = tied[joins.order[tied] == first_order[joins.person[tied]]]
    return chosen


def _can_parent(candidate: Ints, joined: Ints, arrival: Ints, newcomer: Bools) -> Bools:
    """A member can bring this person: someone else who arrived before the join, or at the same
    moment while not being a newcomer themselves (which keeps every chain finite)."""
    node = np.flatnonzero(candidate >= 0)
    other = candidate[node]
    earlier = arrival[other] < joined[node]
    same_moment = (arrival[other] == joined[node]) & ~newcomer[other]
    can = np.zeros(len(candidate), dtype=bool)
    can[node] = (other != node) & (earlier | same_moment)
    return can


def subtree_sizes(forest: Forest, among: Bools) -> Ints:
    """For each person: how many of the people in `among` are they or sit below them, added up one
    depth at a time from the deepest (one vectorised step per level)."""
    size = among.astype(np.int64)
    has_parent = forest.parent >= 0
    for level in range(int(forest.depth.max()) if len(forest.depth) else 0, 0, -1):
        rows = np.flatnonzero(has_parent & (forest.depth == level))
        np.add.at(size, forest.parent[rows], size[rows])
    return size
