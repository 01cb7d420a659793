"""The interaction graph in igraph: built once from edge columns, with the graph measures leaders and
circles are made of. Everything runs in igraph's compiled code; no Python loop over vertices."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig
import numpy as np

from .interactions import Edges, Floats, Ints, summed_per_key

# igraph refuses weights of zero in some measures; an interaction old enough to decay to nothing
# still happened, so it keeps the smallest positive weight.
_SMALLEST_WEIGHT = np.finfo(np.float64).tiny
# Leiden's passes over the graph: igraph's default; iterating until stable costs far more on large
# graphs for little gain (docs/leaders.md).
LEIDEN_ITERATIONS = 2


def directed_graph(edges: Edges) -> ig.Graph:
    return _graph(edges, directed=True)


def undirected_edges(edges: Edges) -> Edges:
    """One edge per unordered pair that interacted either way, the weights of both directions summed."""
    n = len(edges.members)
    low, high = np.minimum(edges.source, edges.target), np.maximum(edges.source, edges.target)
    unique, summed = summed_per_key(low * n + high, edges.weight)
    return Edges(edges.members, unique // max(n, 1), unique % max(n, 1), summed)


def undirected_graph(edges: Edges) -> ig.Graph:
    """`edges` must be undirected already (`undirected_edges`)."""
    return _graph(edges, directed=False)


def _graph(edges: Edges, directed: bool) -> ig.Graph:
    # python-igraph reads an edge list pair by pair, and pairs of Python ints are what it reads
    # fastest: a zip of two lists builds a graph 2.5 times as fast as a NumPy array of pairs does.
    pairs = zip(edges.source.tolist(), edges.target.tolist(), strict=True)
    graph = ig.Graph(n=len(edges.members), edges=pairs, directed=directed)
    graph.es["weight"] = np.maximum(edges.weight, _SMALLEST_WEIGHT).tolist()
    return graph


def pagerank(graph: ig.Graph) -> Floats:
    """Weighted PageRank (damping 0.85) of a directed graph; it sums to 1 over the vertices."""
    if graph.vcount() == 0:
        return np.zeros(0)
    ranks = graph.pagerank(weights="weight", directed=True, implementation="prpack")
    return np.asarray(ranks, dtype=np.float64)


def core_numbers(graph: ig.Graph) -> Ints:
    return np.asarray(graph.coreness(), dtype=np.int64)


def betweenness(graph: ig.Graph, samples: int | None, seed: int) -> Floats:
    """Unweighted betweenness of an undirected graph, normalised to 0..1 (the share of the pairs of
    other vertices whose shortest paths go through the vertex).

    With `samples`, and more vertices than that, the shortest paths are followed from `samples`
    source vertices drawn at random (seeded) and the sums scaled by n / samples: an unbiased estimate.
    """
    n = graph.vcount()
    if n < 3:
        return np.zeros(n)
    if samples is None or samples >= n:
        raw = np.asarray(graph.betweenness(directed=False), dtype=np.float64)
    else:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=samples, replace=False))
        raw = np.asarray(graph.betweenness(directed=False, sources=sources.tolist()), dtype=np.float64)
        raw *= n / samples
    normalised: Floats = raw / ((n - 1) * (n - 2) / 2)
    return normalised


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random choices (Leiden's) drawn from a generator seeded with `seed`, then back."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def leiden(graph: ig.Graph, seed: int, resolution: float = 1.0) -> Ints:
    """Circles: Leiden communities maximising weighted modularity of an undirected graph, in
    two passes (igraph's default: iterating until stable costs ten times as much on large graphs),
    numbered by decreasing size (ties by their smallest vertex)."""
    if graph.vcount() == 0:
        return np.zeros(0, dtype=np.int64)
    with seeded(seed):
        found = graph.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=resolution,
            n_iterations=LEIDEN_ITERATIONS,
        )
    return _numbered_by_size(np.asarray(found.membership, dtype=np.int64))


def _numbered_by_size(membership: Ints) -> Ints:
    sizes = np.bincount(membership)
    first = np.full(len(sizes), len(membership))
    np.minimum.at(first, membership, np.arange(len(membership)))
    order = np.lexsort((first, -sizes))  # largest first, then the one met first
    renumber = np.empty(len(sizes), dtype=np.int64)
    renumber[order] = np.arange(len(sizes))
    numbered: Ints = renumber[membership]
    return numbered
