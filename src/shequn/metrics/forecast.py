"""A fission forecast: a branching process fitted to past cascades, run forward by seeded Monte Carlo.

The fit, as of a cut moment, from the referral forest known then (docs/fission.md#forecast):

- offspring: for each generation g (the inviter's depth; the last one pools every deeper one), the
  number of people each inviter brought within `window` of their own arrival, over the people whose
  whole window is over by the cut (so nobody's offspring is cut short);
- delays: the time from those inviters' arrival to each join they brought (at most `window`).

The run: each seed (a person already in, who entered `age` before the cut) draws an offspring count of
its generation and a delay for each child; the children whose delay is past its age are still to come,
at `delay - age` after the cut. Every new child then draws offspring of the next generation with
delays from its own join, and so on. A seed's children already seen and its children still to come
are drawn independently (the process forgets what it has seen). Runs are independent; their counts
at each horizon give the mean and the interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .presence_spans import NO_TIME
from .referrals import Forest

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
MAX_GENERATIONS = 100  # chains run deeper than this within a horizon are cut (only with 0-delays)


class NotEnoughHistory(ValueError):
    """Nobody's whole window is over by the cut, so no offspring can be counted."""


@dataclass(frozen=True)
class BranchingFit:
    offspring: tuple[Ints, ...]  # per generation: one count per fully observed inviter
    delays_us: Ints  # arrival of an inviter -> a join they brought, all within the window
    window_us: int

    def mean_offspring(self) -> list[float]:
        return [float(counts.mean()) for counts in self.offspring]


def fit_branching(forest: Forest, cut_us: int, window_us: int, generations: int = 3) -> BranchingFit:
    """Offspring per generation (depth 0 .. `generations` - 1, the last pooling deeper ones) and
    delays, from the people who arrived at least `window_us` before `cut_us`."""
    arrival = forest.arrival_us
    observed = (arrival != NO_TIME) & (arrival <= cut_us - window_us)
    if not observed.any():
        raise NotEnoughHistory("nobody arrived a whole window before the cut")
    child = np.flatnonzero(forest.parent >= 0)
    parent = forest.parent[child]
    delay = forest.joined_us[child] - arrival[parent]
    counted = observed[parent] & (delay <= window_us) & (forest.joined_us[child] <= cut_us)
    brought = np.bincount(parent[counted], minlength=len(arrival))
    generation = np.minimum(forest.depth, generations - 1)
    pooled = brought[observed]
    offspring = []
    for g in range(generations):
        counts = brought[observed & (generation == g)]
        offspring.append(counts if len(counts) else pooled)
    return BranchingFit(tuple(offspring), delay[counted], window_us)


@dataclass(frozen=True)
class Seeds:
    """The people a forecast grows from: how long before the cut each entered, and their generation."""

    age_us: Ints
    generation: Ints


def simulate(fit: BranchingFit, seeds: Seeds, horizons_us: list[int], runs: int, seed: int) -> Ints:
    """(runs, horizons): how many new people each run brings within each horizon after the cut."""
    rng = np.random.default_rng(seed)
    last = max(horizons_us)
    live = seeds.age_us < fit.window_us  # older seeds have brought everyone they will
    count = int(live.sum())
    run = np.repeat(np.arange(runs), count)
    start = np.tile(-seeds.age_us[live], runs)  # entry, relative to the cut
    generation = np.tile(seeds.generation[live], runs)
    joined: list[tuple[Ints, Ints]] = []
    for _ in range(MAX_GENERATIONS):
        run, start, generation = _children(fit, rng, run, start, generation, last)
        if not len(run):
            break
        joined.append((run, start))
    counts = np.zeros((runs, len(horizons_us)), dtype=np.int64)
    for run, start in joined:
        for column, horizon in enumerate(horizons_us):
            counts[:, column] += np.bincount(run[start <= horizon], minlength=runs)
    return counts


def _children(
    fit: BranchingFit, rng: np.random.Generator, run: Ints, start: Ints, generation: Ints, last: int
) -> tuple[Ints, Ints, Ints]:
    """The children of one wave that join after the cut and by `last`: (run, time, generation)."""
    top = len(fit.offspring) - 1
    brought = np.zeros(len(run), dtype=np.int64)
    for g, sample in enumerate(fit.offspring):
        mine = np.flatnonzero(np.minimum(generation, top) == g)
        brought[mine] = sample[rng.integers(0, len(sample), len(mine))]
    parent = np.repeat(np.arange(len(run)), brought)
    if not len(parent) or not len(fit.delays_us):
        return run[:0], start[:0], generation[:0]
    time = start[parent] + fit.delays_us[rng.integers(0, len(fit.delays_us), len(parent))]
    kept = parent[(time > 0) & (time <= last)]
    time = time[(time > 0) & (time <= last)]
    return run[kept], time, generation[kept] + 1


@dataclass(frozen=True)
class Interval:
    mean: float
    low: float  # the `level` interval's bounds, e.g. the 10th and 90th percentiles for 0.8
    high: float


def intervals(counts: Ints, level: float = 0.8) -> list[Interval]:
    """Per horizon (column): the mean over runs and the central `level` interval."""
    tail = (1 - level) / 2 * 100
    low: Floats = np.percentile(counts, tail, axis=0)
    high: Floats = np.percentile(counts, 100 - tail, axis=0)
    mean: Floats = counts.mean(axis=0)
    return [Interval(float(m), float(a), float(b)) for m, a, b in zip(mean, low, high, strict=True)]


def descendants(parent: Ints, of: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Everyone below the people in `of` in the forest (not themselves, unless below another)."""
    below = np.zeros(len(parent), dtype=bool)
    has_parent = parent >= 0
    while True:
        above = np.zeros(len(parent), dtype=bool)
        above[has_parent] = of[parent[has_parent]] | below[parent[has_parent]]
        if np.array_equal(above, below):
            return below
        below = above
