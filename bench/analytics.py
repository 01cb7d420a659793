"""Analytics benchmark: every metric and stage recomputed end to end from the store, and the
computation alone against a straightforward pandas implementation of the same definitions.

    .venv/bin/python bench/analytics.py [--db bench/out/demo-1m.db] [--reference-events 5000000]

1. end to end: `compute_analytics`, as `shequn metrics --recompute` runs it: load the community's
   events into columns, compute every figure and stage, store the figures and one row per member;
2. loading the columns again, and the numpy computation (`metrics.analytics.compute`) over every event;
3. the computation alone on the same in-memory columns, for the first `--reference-events` events
   in storage order (whole groups of the demo): shequn's numpy code and the pandas reference
   (bench/analytics_reference.py), one after the other, and their results asserted equal. The
   pandas reference needs about 20 times the memory of the columns, more than this machine has for
   all 46 million events; both sides get the same sample.
Times are wall seconds and CPU seconds (this process and its loading workers); the machine is
shared, so the load average is printed too. The database is only read and given its analytics
tables; no event is added. Rows print as a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from analytics_reference import reference
from shequn.metrics.analytics import compute
from shequn.services.analytics_settings import read_settings
from shequn.services.communities import find_community
from shequn.services.compute_analytics import compute_analytics
from shequn.store import open_store
from shequn.store.columns import load_columns


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="bench/out/demo-1m.db")
    parser.add_argument("--community", default=None)
    parser.add_argument(
        "--reference-events", type=int, default=5_000_000,
        help="events (the first, in storage order) both computations are compared on",
    )  # fmt: skip
    parser.add_argument("--memory-gb", type=float, default=14, help="address-space cap for this process")
    options = parser.parse_args()
    # A cap, so that running out of memory is this process's MemoryError, not another one's kill.
    cap = int(options.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    db = open_store(options.db)
    community = find_community(db, options.community)
    _header()

    clock = _Clock()
    figures = compute_analytics(db, community)
    _row(
        "end to end: load, compute, store (shequn)",
        figures["headline"]["members"],
        *clock.lap(),
        unit="members",
    )
    columns = load_columns(db, community.id)
    _row("load the columns (shequn)", len(columns), *clock.lap())
    settings = read_settings(db, community)
    clock.lap()
    whole = compute(columns, community.zone, settings).figures
    _row("computation, every event: numpy (shequn)", len(columns), *clock.lap())
    assert whole["headline"] == figures["headline"]

    sample = columns.where(np.arange(len(columns)) < options.reference_events)
    del columns
    clock.lap()
    ours = compute(sample, community.zone, settings).figures
    numpy_wall, numpy_cpu = clock.lap()
    _row("computation, sample: numpy (shequn)", len(sample), numpy_wall, numpy_cpu)
    theirs = reference(sample, community.zone, settings)
    pandas_wall, pandas_cpu = clock.lap()
    _row(
        "computation, sample: pandas reference",
        len(sample),
        pandas_wall,
        pandas_cpu,
        f"{pandas_wall / numpy_wall:.1f}x",
    )
    assert _plain(ours) == _plain(theirs), "numpy and pandas disagree"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print("\nnumpy and pandas results are equal on the sample (every figure, period, cohort, stage, group")
    load = os.getloadavg()[0]
    print(f"and channel). Peak RSS {peak_mb:,} MB; load average {load:.1f} on {os.cpu_count()} cores.")


def _header() -> None:
    print("| step | rows | wall seconds | CPU seconds | pandas / numpy |")
    print("|---|---:|---:|---:|---:|", flush=True)


def _row(name: str, count: int, wall: float, cpu: float, ratio: str = "", unit: str = "events") -> None:
    print(f"| {name} | {count:,} {unit} | {wall:.1f} | {cpu:.1f} | {ratio} |", flush=True)


class _Clock:
    """Wall seconds, and CPU seconds of this process and its workers, since the last lap."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), self._cpu()

    @staticmethod
    def _cpu() -> float:
        mine, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return mine.ru_utime + mine.ru_stime + workers.ru_utime + workers.ru_stime

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), self._cpu()
        lap = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return lap


def _plain(figures: dict[str, Any]) -> Any:
    """Figures as JSON would carry them, without the group names the store adds."""
    plain = json.loads(json.dumps(figures))
    for group in plain["groups"]:
        group.pop("name", None), group.pop("platform", None)
    return plain


if __name__ == "__main__":
    main()
