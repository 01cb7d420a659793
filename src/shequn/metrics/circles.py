"""Circles: the communities inside a community, found in the undirected conversation graph, and the
members who bridge them. Definitions: docs/leaders.md."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .graph import leiden, undirected_edges, undirected_graph
from .interactions import Edges, Floats, Ints, summed_per_key


@dataclass(frozen=True)
class CircleFinding:
    members: Ints  # sorted member ids
    circle: Ints  # each member's circle: 0 the largest, then by size
    modularity: float
    participation: Floats  # 0 when all of a member's weight stays in one circle, towards 1 when spread
    circles_touched: Ints  # how many circles a member interacts with, their own included
    outside: Floats  # the weight of a member's interactions with members of other circles


def find_circles(edges: Edges, seed: int) -> CircleFinding:
    """Leiden on the undirected conversation graph (`edges` directed, as built for the leaders)."""
    simple = undirected_edges(edges)
    graph = undirected_graph(simple)
    circle = leiden(graph, seed)
    modularity = float(graph.modularity(circle.tolist(), weights="weight")) if graph.ecount() else 0.0
    participation, touched = _participation(simple, circle)
    ends = np.concatenate([simple.source, simple.target])
    crossing = np.concatenate([simple.weight, simple.weight]) * (
        circle[ends] != circle[np.concatenate([simple.target, simple.source])]
    )
    outside = np.bincount(ends, weights=crossing, minlength=len(circle)).astype(np.float64)
    return CircleFinding(edges.members, circle, modularity, participation, touched, outside)


def _participation(simple: Edges, circle: Ints) -> tuple[Floats, Ints]:
    """The participation coefficient, 1 - sum over circles of (weight towards it / all weight)^2, and
    the number of distinct circles each member's edges reach."""
    n, circles = len(circle), int(circle.max()) + 1 if len(circle) else 0
    ends = np.concatenate([simple.source, simple.target])
    others = np.concatenate([simple.target, simple.source])
    weights = np.concatenate([simple.weight, simple.weight])
    unique, towards = summed_per_key(ends * circles + circle[others], weights)
    member = unique // max(circles, 1)
    strength = np.bincount(ends, weights=weights, minlength=n)
    share = towards / np.where(strength[member] > 0, strength[member], 1)
    concentration = np.bincount(member, weights=share**2, minlength=n)
    participation: Floats = np.where(strength > 0, 1 - concentration, 0.0)
    touched: Ints = np.bincount(member, minlength=n).astype(np.int64)
    return participation, touched
