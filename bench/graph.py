"""The interaction graph at scale: shequn's leader scores and circles against igraph called directly.

    python bench/graph.py [MEMBERS] [INTERACTIONS]      (default 1,000,000 and 10,000,000)

Draws a seeded interaction log shaped like a real community's: members belong to groups of about 250
(a fifth of them to a second group too) and interact only with members of a group they share; who
acts and who is answered are heavy-tailed (a few members answer and are answered far more than most).
Then times, on the same interactions, step by step (wall and CPU seconds):

- shequn: `score_leaders`, as its parts (`leader_graph`: aggregating the log into a weighted graph and
  building it in igraph; then each of `COMPONENTS`; then the combined score and ranks), and
  `find_circles` (its own graph, Leiden, modularity, participation);
- igraph directly, the same work on the same interactions: the log as a directed multigraph with
  weights, PageRank, collapsed to an undirected graph with summed weights, degree, betweenness from
  the same sampled sources, core numbers, Leiden with the same passes and seed.

Then measures the sampled betweenness's error against exact betweenness on a smaller log drawn the
same way, for several numbers of sources. Prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import igraph as ig
import numpy as np

from shequn.metrics.circles import CircleFinding, find_circles
from shequn.metrics.graph import LEIDEN_ITERATIONS, betweenness, undirected_edges, undirected_graph
from shequn.metrics.grouping import distinct
from shequn.metrics.interactions import CONVERSATION, Interactions, Layer, decayed_weights
from shequn.metrics.leaders import (
    COMPONENTS,
    DEFAULT_SETTINGS,
    conversation_edges,
    latest_time,
    leader_graph,
    ranked,
)

YEAR_US = 365 * 86_400 * 1_000_000
GROUP_SIZE = 250
Times = dict[str, tuple[float, float]]  # step: (wall s, CPU s)


def interaction_log(members: int, count: int, seed: int = 7) -> Interactions:
    rng = np.random.default_rng(seed)
    activity = rng.pareto(1.2, members) + 1
    groups = max(1, members // GROUP_SIZE)
    # One row per membership, sorted by group: everyone in one group, a fifth in a second as well.
    row_member = np.concatenate([np.arange(members), np.flatnonzero(rng.random(members) < 0.2)])
    row_group = rng.integers(0, groups, len(row_member))
    order = np.lexsort((row_member, row_group))
    row_member, row_group = row_member[order], row_group[order]
    cumulative = np.cumsum(activity[row_member])
    # Who acts: a membership drawn by activity; towards whom: a member of that group, by activity.
    # Drawn a third more often than asked, as talking to oneself is dropped.
    draws = count + count // 3
    source_row = np.searchsorted(cumulative, rng.random(draws) * cumulative[-1], side="right")
    group = row_group[source_row]
    start = np.searchsorted(row_group, group, side="left")
    end = np.searchsorted(row_group, group, side="right")
    low = np.where(start > 0, cumulative[np.maximum(start - 1, 0)], 0.0)
    drawn = low + rng.random(draws) * (cumulative[end - 1] - low)
    target_row = np.minimum(np.searchsorted(cumulative, drawn, side="right"), end - 1)
    source, target = row_member[source_row], row_member[target_row]
    keep = np.flatnonzero(source != target)[:count]
    layer = rng.choice([Layer.REPLY, Layer.MENTION, Layer.INVITE], size=len(keep), p=[0.8, 0.15, 0.05])
    return Interactions(
        source[keep] + 1,
        target[keep] + 1,
        group[keep] + 1,
        rng.integers(0, YEAR_US, size=len(keep)),
        layer.astype(np.int8),
    )


def timed(times: Times, step: str, work: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    times[step] = (time.perf_counter() - wall, time.process_time() - cpu)
    return result


def shequn_scores(found: Interactions) -> tuple[Times, int | None]:
    times: Times = {}
    graph = timed(times, "build", lambda: leader_graph(found, DEFAULT_SETTINGS))
    columns = {name: timed(times, name, lambda m=measure: m(graph)) for name, measure in COMPONENTS.items()}
    scores = timed(times, "score + ranks", lambda: ranked(graph, columns))
    timed(times, "circles", lambda: circles(found))
    return times, scores.bridge_samples


def circles(found: Interactions) -> CircleFinding:
    """As `read_circles` finds them: on the members who took part in a conversation."""
    talk = found.of_layers(CONVERSATION)
    members = distinct(np.concatenate([talk.source, talk.target]))
    edges = conversation_edges(found, latest_time(found), DEFAULT_SETTINGS.half_life_days, members)
    return find_circles(edges, DEFAULT_SETTINGS.seed)


def igraph_scores(found: Interactions, members: int, samples: int | None) -> Times:
    times: Times = {}
    talk = found.where(found.layer != Layer.INVITE)
    weights = decayed_weights(talk, int(found.time_us.max()), DEFAULT_SETTINGS.half_life_days)

    def build() -> tuple[ig.Graph, ig.Graph]:
        pairs = zip(talk.source.tolist(), talk.target.tolist(), strict=True)
        graph = ig.Graph(n=members + 1, edges=pairs, directed=True)
        graph.es["weight"] = weights.tolist()
        return graph, graph.as_undirected(mode="collapse", combine_edges={"weight": "sum"})

    graph, simple = timed(times, "build", build)
    timed(times, "influence", lambda: graph.pagerank(weights="weight"))
    timed(times, "reach", lambda: simple.degree())
    n = simple.vcount()
    sources = (
        None
        if samples is None
        else sorted(np.random.default_rng(1).choice(n, samples, replace=False).tolist())
    )
    timed(times, "bridge", lambda: simple.betweenness(directed=False, sources=sources))
    timed(times, "core", lambda: simple.coreness())

    def circles() -> None:
        ig.set_random_number_generator(random.Random(1))
        simple.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=LEIDEN_ITERATIONS
        )
        ig.set_random_number_generator(random)

    timed(times, "circles", circles)
    return times


def betweenness_errors(
    members: int, count: int, samples: tuple[int, ...], seeds: int = 3
) -> dict[int, tuple[float, float, float]]:  # fmt: skip
    """For each number of sampled sources, means over `seeds` draws of them: (Spearman correlation
    over all members, mean relative error over the exact top 100, share of the exact top 20 found in
    the estimated top 20)."""
    found = interaction_log(members, count, seed=11)
    talk = found.where(found.layer != Layer.INVITE)
    edges = conversation_edges(
        talk, latest_time(talk), 90.0, distinct(np.concatenate([talk.source, talk.target]))
    )
    graph = undirected_graph(undirected_edges(edges))
    exact = betweenness(graph, None, 1)
    top = np.argsort(-exact)[:100]
    errors = {}
    for k in samples:
        found_errors = []
        for seed in range(1, seeds + 1):
            sampled = betweenness(graph, k, seed)
            spearman = float(np.corrcoef(_ranks(exact), _ranks(sampled))[0, 1])
            relative = float(np.mean(np.abs(sampled[top] - exact[top]) / exact[top]))
            overlap = len(set(top[:20].tolist()) & set(np.argsort(-sampled)[:20].tolist())) / 20
            found_errors.append((spearman, relative, overlap))
        means = np.mean(np.array(found_errors), axis=0)
        errors[k] = (float(means[0]), float(means[1]), float(means[2]))
    return errors


def _ranks(values: np.ndarray) -> np.ndarray:
    return np.argsort(np.argsort(values))


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main(argv: list[str]) -> None:
    members = int(argv[1]) if len(argv) > 1 else 1_000_000
    count = int(argv[2]) if len(argv) > 2 else 10_000_000
    found = interaction_log(members, count)
    ours, samples = shequn_scores(found)
    ours_rss = peak_rss_gb()
    direct = igraph_scores(found, members, samples)
    steps = list(ours)
    print(f"{members:,} members, {len(found):,} interactions; bridge from {samples} sampled sources")
    print(f"peak RSS {ours_rss:.1f} GB after shequn, {peak_rss_gb():.1f} GB after both\n")
    print("| step | shequn wall s | shequn CPU s | igraph directly wall s | igraph directly CPU s |")
    print("|---|---|---|---|---|")
    for step in steps:
        theirs = direct.get(step)
        mine = f"| {step} | {ours[step][0]:.1f} | {ours[step][1]:.1f} |"
        print(mine + (f" {theirs[0]:.1f} | {theirs[1]:.1f} |" if theirs else " – | – |"))
    totals = [sum(t[i] for t in side.values()) for side in (ours, direct) for i in (0, 1)]
    print("| **total** | " + " | ".join(f"**{total:.1f}**" for total in totals) + " |")
    print(
        f"\nratio shequn / igraph directly: wall {totals[0] / totals[2]:.2f}, CPU {totals[1] / totals[3]:.2f}"
    )
    print("\n| sampled sources | Spearman | mean relative error, exact top 100 | top-20 overlap |")
    print("|---|---|---|---|")
    for k, (spearman, relative, overlap) in betweenness_errors(20_000, 100_000, (8, 16, 64)).items():
        print(f"| {k} | {spearman:.3f} | {relative:.1%} | {overlap:.0%} |")


if __name__ == "__main__":
    main(sys.argv)
