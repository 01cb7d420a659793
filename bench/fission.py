"""Fission benchmark: every fission metric on a synthetic referral forest of N people (default 10M).

    .venv/bin/python bench/fission.py [--people 10000000] [--seed 1]

The forest is drawn with numpy (not timed): people arrive in time order over a year; 60% were brought
by an earlier person (uniformly chosen, so chains run deep), 1% are founders, 10% carry one of 50
entry codes; 20% join a second group, 30% leave one, 10% rejoin; 60% write, a few days after joining
(each writer's first activity is a presence fact too). The rows come in the order the store delivers
them (store/fission_reads.py): joins and membership events in time order, first activities in
(group, account) order.
Timed, one after another: arrivals, the referral forest (attribution and depth by pointer doubling),
presence spans, the outcomes (retained 30 d, activated 14 d, real), the tallies by inviter and code,
the totals, and the fraud flags (burst, join-and-leave, silent invitees, self-referral, rings on 20M
interactions). The peer is igraph (a compiled graph library): depth of every node by one breadth-first
search from a virtual root over the same forest, against our pointer doubling. Prints a Markdown table
for docs/benchmarks.md, with wall and CPU seconds (the CPU time of this process: on a shared machine
the wall time also holds other work).
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from shequn.metrics.fission import Windows, outcomes, tally_by, totals
from shequn.metrics.fraud import FraudRules, all_flags
from shequn.metrics.presence_spans import FirstActivity, MembershipChanges, presence_spans
from shequn.metrics.referrals import Joins, arrivals, depths, referral_forest

DAY = 86_400 * 1_000_000
START = 1_760_000_000 * 1_000_000


def forest_columns(people: int, rng: np.random.Generator) -> dict[str, Any]:
    arrival = START + np.sort(rng.integers(0, 365 * DAY, people))
    index = np.arange(people)
    parent = np.where(rng.random(people) < 0.6, (rng.random(people) * index).astype(np.int64), -1)
    parent[0] = -1
    second = np.flatnonzero(rng.random(people) < 0.2)
    rejoin = np.flatnonzero(rng.random(people) < 0.1)
    person = np.concatenate([index, second, rejoin])
    join_time = np.concatenate([arrival, arrival[second] + DAY, arrival[rejoin] + 40 * DAY])
    group = np.concatenate([index % 1000, (second + 1) % 1000, rejoin % 1000])
    code = np.where(rng.random(len(person)) < 0.1, rng.integers(0, 50, len(person)), -1)
    inviter = np.concatenate([parent, np.full(len(second) + len(rejoin), -1)])
    founder = np.concatenate([rng.random(people) < 0.01, np.zeros(len(second) + len(rejoin), dtype=bool)])
    by_time = np.argsort(join_time, kind="stable")
    person, join_time, group, code = person[by_time], join_time[by_time], group[by_time], code[by_time]
    joins = Joins(
        person=person, time_us=join_time, order=np.arange(len(person)), inviter=inviter[by_time],
        code=code, founder=founder[by_time],
    )  # fmt: skip
    leaver = np.flatnonzero(rng.random(people) < 0.3)
    change_time = np.concatenate([join_time, arrival[leaver] + rng.integers(1, 60, len(leaver)) * DAY])
    by_time = np.argsort(change_time, kind="stable")
    changes = MembershipChanges(
        group=np.concatenate([group, leaver % 1000])[by_time],
        account=np.concatenate([person, leaver])[by_time],
        time_us=change_time[by_time],
        joined=np.concatenate([np.ones(len(person), dtype=bool), np.zeros(len(leaver), dtype=bool)])[by_time],
    )
    writes = rng.random(people) < 0.6
    first_message = np.where(writes, arrival + rng.integers(0, 20, people) * DAY, np.iinfo(np.int64).max)
    talk = rng.integers(0, people, (2, 2 * people))
    writer = index[writes]
    writer = writer[np.lexsort((writer, writer % 1000))]
    active = FirstActivity(writer % 1000, writer, first_message[writer])
    return {
        "joins": joins,
        "changes": changes,
        "active": active,
        "first_message": first_message,
        "talk": talk,
        "people": people,
    }


def timed(name: str, rows: list[tuple[str, float, float]], work: Callable[[], Any]) -> Any:
    began, began_cpu = time.perf_counter(), time.process_time()
    result = work()
    rows.append((name, time.perf_counter() - began, time.process_time() - began_cpu))
    return result


def igraph_depths(parent: np.ndarray) -> np.ndarray:
    import igraph

    count = len(parent)
    child = np.arange(count)
    source = np.where(parent >= 0, parent, count)  # roots hang off a virtual root `count`
    graph = igraph.Graph(n=count + 1, edges=np.column_stack([source, child]), directed=True)
    order, layers, _ = graph.bfs(count, mode="out")
    depth = np.empty(count + 1, dtype=np.int64)
    for level in range(len(layers) - 1):
        depth[np.asarray(order[layers[level] : layers[level + 1]])] = level
    result: np.ndarray = depth[:count] - 1
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    data = forest_columns(options.people, np.random.default_rng(options.seed))
    joins, changes, people = data["joins"], data["changes"], data["people"]
    rows: list[tuple[str, float, float]] = []
    arrival = timed("arrivals", rows, lambda: arrivals(people, changes.account, changes.time_us))
    forest = timed(
        "referral forest + depth", rows, lambda: referral_forest(joins, arrival, np.full(50, -1, np.int64))
    )
    accounts = np.arange(people, dtype=np.int64)
    spans = timed("presence spans", rows, lambda: presence_spans(changes, data["active"], accounts))
    as_of = int(arrival.max())
    result = timed("outcomes", rows, lambda: outcomes(forest, spans, data["first_message"], as_of, Windows()))
    everyone = np.ones(people, dtype=bool)
    timed(
        "tallies",
        rows,
        lambda: (
            tally_by(forest.parent, forest.attributed, result),
            tally_by(forest.code, forest.attributed, result),
        ),
    )
    headline = timed("totals", rows, lambda: totals(forest, result, everyone))
    talk = (data["talk"][0], data["talk"][1])
    flags = timed(
        "fraud flags", rows, lambda: all_flags(forest, result, spans, joins, talk, as_of, FraudRules())
    )
    total = sum(seconds for _, seconds, _ in rows)
    total_cpu = sum(cpu for _, _, cpu in rows)
    began = time.perf_counter()
    ours, _ = depths(forest.parent)
    our_depth = time.perf_counter() - began
    began = time.perf_counter()
    theirs = igraph_depths(forest.parent)
    their_depth = time.perf_counter() - began
    assert np.array_equal(ours, theirs), "igraph and pointer doubling disagree"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{people:,} people, {len(joins.person):,} joins, {len(changes.time_us):,} membership events, "
        f"{len(spans.person):,} spans; attributed {headline.attributed_joins:,}, "
        f"K raw {headline.k_raw:.3f}, K real {headline.k_real:.3f}, max depth {headline.max_depth}, "
        f"{len(flags):,} flags\n"
    )
    print("| step | seconds | CPU seconds |\n|---|---:|---:|")
    for name, seconds, cpu in rows:
        print(f"| {name} | {seconds:.2f} | {cpu:.2f} |")
    print(f"| **all metrics** | **{total:.2f}** | **{total_cpu:.2f}** |\n")
    print("| depth of every node | seconds | ratio |\n|---|---:|---:|")
    print(f"| shequn pointer doubling | {our_depth:.2f} | 1.00 |")
    print(f"| igraph BFS from a virtual root | {their_depth:.2f} | {their_depth / our_depth:.2f} |")
    print(f"\npeak memory {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
