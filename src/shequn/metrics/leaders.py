"""Opinion leaders: each member's influence, reach, bridge score, core number and invitations, and the
leader score that combines them. Definitions and weights: docs/leaders.md."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np
from numpy.typing import NDArray

from .graph import betweenness, core_numbers, directed_graph, pagerank, undirected_edges, undirected_graph
from .grouping import distinct
from .interactions import (
    CONVERSATION,
    DEFAULT_HALF_LIFE_DAYS,
    Edges,
    Floats,
    Interactions,
    Ints,
    Layer,
    decayed_weights,
    directed_edges,
    vertices,
)

# The leader score: a weighted mean of the member's percentile in each component, times 100.
SCORE_WEIGHTS: dict[str, float] = {
    "influence": 0.35,
    "reach": 0.20,
    "bridge": 0.20,
    "core": 0.15,
    "invited": 0.10,
}
# Up to this many members betweenness is exact; beyond, it is estimated from sampled sources: each
# costs one breadth-first search over every edge, so large graphs get fewer of them, as many as the
# budget of edges searched allows, between the least and the most (docs/leaders.md).
EXACT_BRIDGE_UP_TO = 5_000
BRIDGE_SAMPLES = 64
FEWEST_BRIDGE_SAMPLES = 8
BRIDGE_EDGE_BUDGET = 32_000_000
SEED = 1


@dataclass(frozen=True)
class LeaderSettings:
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS
    exact_bridge_up_to: int = EXACT_BRIDGE_UP_TO
    bridge_samples: int = BRIDGE_SAMPLES
    bridge_edge_budget: int = BRIDGE_EDGE_BUDGET
    seed: int = SEED


DEFAULT_SETTINGS = LeaderSettings()


@dataclass(frozen=True)
class LeaderScores:
    """Every member of the graph, best leader first; parallel columns."""

    member: Ints
    influence: Floats  # weighted PageRank on who answers and mentions whom
    reach: Ints  # distinct members they interacted with, either way
    bridge: Floats  # normalised betweenness (estimated when bridge_samples is set)
    core: Ints  # core number of the undirected conversation graph
    invited: Ints  # distinct members they invited into a group
    score: Floats  # 0..100
    rank: Ints  # 1 = the strongest leader
    bridge_samples: int | None  # None when betweenness is exact

    def __len__(self) -> int:
        return len(self.member)


def latest_time(found: Interactions) -> int:
    """The moment ages are measured from: the latest interaction, so the same events always give the
    same weights, whenever they are scored."""
    return int(found.time_us.max()) if len(found) else 0


def conversation_edges(found: Interactions, now_us: int, half_life_days: float, members: Ints) -> Edges:
    talk = found.of_layers(CONVERSATION)
    return directed_edges(talk, decayed_weights(talk, now_us, half_life_days), members)


@dataclass(frozen=True)
class LeaderGraph:
    """What the components are measured on: the conversation graph, directed and weighted, and as one
    undirected edge per pair; vertex v is members[v]."""

    members: Ints
    directed: ig.Graph
    simple: ig.Graph
    invites: Interactions
    bridge_samples: int | None  # None when betweenness is exact
    seed: int


def leader_graph(found: Interactions, settings: LeaderSettings = DEFAULT_SETTINGS) -> LeaderGraph:
    talk = found.of_layers(CONVERSATION)
    invites = found.of_layers((Layer.INVITE,))
    members = distinct(np.concatenate([talk.source, talk.target, invites.source]))
    edges = conversation_edges(found, latest_time(found), settings.half_life_days, members)
    simple = undirected_graph(undirected_edges(edges))
    samples = bridge_samples(len(members), simple.ecount(), settings)
    return LeaderGraph(members, directed_graph(edges), simple, invites, samples, settings.seed)


def bridge_samples(vertex_count: int, edge_count: int, settings: LeaderSettings) -> int | None:
    """None (exact betweenness) up to `exact_bridge_up_to` members; beyond, how many sampled sources."""
    if vertex_count <= settings.exact_bridge_up_to:
        return None
    affordable = settings.bridge_edge_budget // max(edge_count, 1)
    return max(FEWEST_BRIDGE_SAMPLES, min(settings.bridge_samples, affordable))


# Each component, measured on the graph: score_leaders computes them in this order.
COMPONENTS: dict[str, Callable[[LeaderGraph], NDArray[Any]]] = {
    "influence": lambda graph: pagerank(graph.directed),
    "reach": lambda graph: np.asarray(graph.simple.degree(), dtype=np.int64),
    "bridge": lambda graph: betweenness(graph.simple, graph.bridge_samples, graph.seed),
    "core": lambda graph: core_numbers(graph.simple),
    "invited": lambda graph: invited_counts(graph.invites, graph.members),
}


def score_leaders(found: Interactions, settings: LeaderSettings = DEFAULT_SETTINGS) -> LeaderScores:
    """The scores of everyone who took part in a conversation or invited someone, in `found`."""
    graph = leader_graph(found, settings)
    return ranked(graph, {name: measure(graph) for name, measure in COMPONENTS.items()})


def invited_counts(invites: Interactions, members: Ints) -> Ints:
    """How many distinct members each member invited (an invitation does not decay)."""
    if len(invites) == 0:
        return np.zeros(len(members), dtype=np.int64)
    pairs = np.unique(np.stack([invites.source, invites.target], axis=1), axis=0)
    counts: Ints = np.bincount(vertices(members, pairs[:, 0]), minlength=len(members))
    return counts.astype(np.int64)


def percentiles(values: NDArray[Any]) -> Floats:
    """The share of the other members with a strictly lower value: 0 for the lowest, 1 for the
    highest (ties share the lower of their places)."""
    n = len(values)
    if n < 2:
        return np.zeros(n)
    below = np.searchsorted(np.sort(values), values, side="left")
    shares: Floats = below / (n - 1)
    return shares


def combined_score(columns: dict[str, NDArray[Any]]) -> Floats:
    total = sum(weight * percentiles(columns[name]) for name, weight in SCORE_WEIGHTS.items())
    score: Floats = np.round(100 * np.asarray(total, dtype=np.float64), 6)
    return score


def ranked(graph: LeaderGraph, columns: dict[str, NDArray[Any]]) -> LeaderScores:
    """The members of `graph` with their components `columns`, scored and best first."""
    members = graph.members
    score = combined_score(columns)
    # Ties broken by influence, then by member id: the same events always give the same ranks.
    order = np.lexsort((members, -columns["influence"], -score))
    return LeaderScores(
        member=members[order],
        influence=np.asarray(columns["influence"], dtype=np.float64)[order],
        reach=np.asarray(columns["reach"], dtype=np.int64)[order],
        bridge=np.asarray(columns["bridge"], dtype=np.float64)[order],
        core=np.asarray(columns["core"], dtype=np.int64)[order],
        invited=np.asarray(columns["invited"], dtype=np.int64)[order],
        score=score[order],
        rank=np.arange(1, len(members) + 1, dtype=np.int64),
        bridge_samples=graph.bridge_samples,
    )
