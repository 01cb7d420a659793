"""The interaction graph at scale: shequn's leader scores and circles against igraph called directly.

    python bench/graph.py [MEMBERS] [INTERACTIONS]      (default 1,000,000 and 10,000,000)

Draws a seeded, heavy-tailed interaction log (a few members answer and are answered far more than
most, as in real groups), then times, on the same interactions:

- shequn: `score_leaders` (aggregating the log into a weighted graph, PageRank, reach, sampled
  betweenness, core numbers, invitations, the combined score and ranks) and `find_circles` (Leiden,
  modularity, participation);
- igraph directly: the same log as a directed multigraph with weights, PageRank, collapsed to an
  undirected graph, degree, core numbers, betweenness from the same number of sampled sources, Leiden.

Then measures the sampled betweenness's error against exact betweenness on a smaller graph drawn the
same way. Prints Markdown rows for docs/benchmarks.md.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from typing import Any

import igraph as ig
import numpy as np

from shequn.metrics.circles import find_circles
from shequn.metrics.graph import betweenness, undirected_edges, undirected_graph
from shequn.metrics.interactions import Interactions, Layer, decayed_weights
from shequn.metrics.leaders import BRIDGE_SAMPLES, DEFAULT_SETTINGS, conversation_edges, score_leaders

YEAR_US = 365 * 86_400 * 1_000_000


def interaction_log(members: int, count: int, seed: int = 7) -> Interactions:
    rng = np.random.default_rng(seed)
    # Pareto-distributed activity: who speaks, and who is spoken to, are heavy-tailed.
    activity = rng.pareto(1.2, members) + 1
    chance = activity / activity.sum()
    source = rng.choice(members, size=count, p=chance).astype(np.int64)
    target = rng.choice(members, size=count, p=chance).astype(np.int64)
    keep = source != target
    layer = rng.choice([Layer.REPLY, Layer.MENTION, Layer.INVITE], size=count, p=[0.8, 0.15, 0.05])
    return Interactions(
        source[keep] + 1,
        target[keep] + 1,
        rng.integers(1, 301, size=count)[keep],
        rng.integers(0, YEAR_US, size=count)[keep],
        layer[keep].astype(np.int8),
    )


def timed(work: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def shequn_scores(found: Interactions) -> None:
    scores = score_leaders(found, DEFAULT_SETTINGS)
    edges = conversation_edges(
        found, int(found.time_us.max()), DEFAULT_SETTINGS.half_life_days, scores.member
    )
    find_circles(edges, DEFAULT_SETTINGS.seed)


def igraph_scores(found: Interactions, members: int) -> None:
    talk = found.where(found.layer != Layer.INVITE)
    weights = decayed_weights(talk, int(found.time_us.max()), DEFAULT_SETTINGS.half_life_days)
    graph = ig.Graph(n=members + 1, edges=np.stack([talk.source, talk.target], axis=1), directed=True)
    graph.es["weight"] = weights.tolist()
    graph.pagerank(weights="weight")
    simple = graph.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    simple.degree()
    simple.coreness()
    sources = np.sort(np.random.default_rng(1).choice(simple.vcount(), BRIDGE_SAMPLES, replace=False))
    simple.betweenness(directed=False, sources=sources.tolist())
    ig.set_random_number_generator(random.Random(1))
    simple.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
    ig.set_random_number_generator(random)


def betweenness_error(members: int, count: int) -> tuple[float, float, float]:
    """(Spearman correlation over all members, mean relative error over the exact top 100, share of
    the exact top 20 found in the estimated top 20) of sampled against exact betweenness."""
    found = interaction_log(members, count, seed=11)
    talk = found.where(found.layer != Layer.INVITE)
    edges = conversation_edges(
        talk, int(talk.time_us.max()), 90.0, np.unique(np.concatenate([talk.source, talk.target]))
    )
    graph = undirected_graph(undirected_edges(edges))
    exact = betweenness(graph, None, 1)
    sampled = betweenness(graph, BRIDGE_SAMPLES, 1)
    ranks = lambda values: np.argsort(np.argsort(values))  # noqa: E731
    spearman = float(np.corrcoef(ranks(exact), ranks(sampled))[0, 1])
    top = np.argsort(-exact)[:100]
    relative = float(np.mean(np.abs(sampled[top] - exact[top]) / exact[top]))
    overlap = len(set(np.argsort(-exact)[:20]) & set(np.argsort(-sampled)[:20])) / 20
    return spearman, relative, overlap


def main(argv: list[str]) -> None:
    members = int(argv[1]) if len(argv) > 1 else 1_000_000
    count = int(argv[2]) if len(argv) > 2 else 10_000_000
    found = interaction_log(members, count)
    _, ours = timed(lambda: shequn_scores(found))
    _, direct = timed(lambda: igraph_scores(found, members))
    print(f"| graph ({members:,} members, {len(found):,} interactions) | shequn | igraph directly | ratio |")
    print("|---|---|---|---|")
    print(f"| build + every score + circles | {ours:.1f} s | {direct:.1f} s | {ours / direct:.2f} |")
    spearman, relative, overlap = betweenness_error(20_000, 100_000)
    print()
    print(
        f"Sampled betweenness ({BRIDGE_SAMPLES} sources) against exact, 20,000 members, 100,000 interactions:"
    )
    print(f"Spearman {spearman:.3f}; mean relative error over the exact top 100 {relative:.1%}; ", end="")
    print(f"top-20 overlap {overlap:.0%}")


if __name__ == "__main__":
    main(sys.argv)
