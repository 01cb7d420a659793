"""Ingest benchmark: shequn's append path against a bare-driver executemany of the same rows.

    .venv/bin/python bench/ingest.py [--events 10000000] [--engines sqlite,postgresql]

For each engine, two fresh processes read the same demo events (the first N of
`shequn demo --members M`), in batches of the size `shequn demo` uses:
- shequn: `EventAppender.append` (validation, ids for accounts and groups,
  the dialect's duplicate-skipping insert) plus the commit, timed per batch;
- bare: the same rows, prepared untimed by the appender, then timed as one plain
  `executemany("INSERT INTO events (...) VALUES (...)")` of the full row and a commit.
Generating the demo events is not timed in either. Peak memory is the process's maximum RSS, demo
generator included. Results print as a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from itertools import islice

from shequn.domain.events import Event
from shequn.services.communities import create_community
from shequn.services.record_events import BATCH_SIZE
from shequn.sources.demo import EVENTS_PER_MEMBER, demo_events
from shequn.store import Database, open_store
from shequn.store.appender import EVENT_COLUMNS, EventAppender

POSTGRES = os.environ.get("SHEQUN_BENCH_POSTGRES", "postgresql://127.0.0.1:5432/test")


def batches(count: int) -> Iterator[list[Event]]:
    members = count // EVENTS_PER_MEMBER + 100
    events = islice(demo_events(members, seed=1), count)
    while batch := list(islice(events, BATCH_SIZE)):
        yield batch


def timed_shequn(db: Database, appender: EventAppender, batch: list[Event]) -> float:
    started = time.perf_counter()
    with db.transaction():
        appender.append(batch)
    return time.perf_counter() - started


def timed_bare(db: Database, appender: EventAppender, batch: list[Event]) -> float:
    with db.transaction():  # untimed: the same ids and rows the append path would write
        appender._resolve_groups(batch)
        appender._resolve_accounts(batch)
    rows, _ = appender._rows(batch)
    marks = ", ".join(["?"] * len(EVENT_COLUMNS))
    sql = db.dialect.sql(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})")
    started = time.perf_counter()
    with db.transaction():
        db.connection.cursor().executemany(sql, rows)
    return time.perf_counter() - started


def child(engine: str, mode: str, count: int) -> dict[str, object]:
    with database_url(engine) as url:
        db = open_store(url, create=True)
        community = create_community(db, "bench", "Asia/Shanghai")
        appender = EventAppender(db, community.id, "bench")
        step = timed_shequn if mode == "shequn" else timed_bare
        elapsed, done = 0.0, 0
        for batch in batches(count):
            elapsed += step(db, appender, batch)
            done += len(batch)
        stored = db.scalar("SELECT COUNT(*) FROM events")
        db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "mode": mode, "events": done, "stored": stored, "seconds": elapsed,
            "per_second": done / elapsed, "peak_mb": peak_mb}  # fmt: skip


class database_url:
    """A fresh SQLite file or PostgreSQL schema for one run, removed afterwards."""

    def __init__(self, engine: str) -> None:
        self.engine = engine

    def __enter__(self) -> str:
        if self.engine == "sqlite":
            self.folder = tempfile.TemporaryDirectory(prefix="shequn-bench-")
            return os.path.join(self.folder.name, "bench.db")
        import psycopg

        self.schema = "bench_" + uuid.uuid4().hex[:10]
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {self.schema}")
        return f"{POSTGRES}?options=-csearch_path%3D{self.schema}"

    def __exit__(self, *exc: object) -> None:
        if self.engine == "sqlite":
            self.folder.cleanup()
            return
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {self.schema} CASCADE")


def run(engine: str, mode: str, count: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", engine, mode, "--events", str(count)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| engine | path | events | seconds | events/s | peak RSS MB | shequn / bare |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        bare = next(r for r in rows if r["engine"] == row["engine"] and r["mode"] == "bare")
        ratio = float(row["per_second"]) / float(bare["per_second"])  # type: ignore[arg-type]
        lines.append(
            f"| {row['engine']} | {row['mode']} | {row['events']:,} | {row['seconds']:.1f} | "
            f"{row['per_second']:,.0f} | {row['peak_mb']:,.0f} | {ratio:.0%} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000, help="demo events to append (default 10M)")
    parser.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.events)))
        return
    rows = []
    for engine in args.engines.split(","):
        for mode in ("shequn", "bare"):
            rows.append(run(engine, mode, args.events))
            print(f"{engine} {mode}: {rows[-1]['per_second']:,.0f} events/s", file=sys.stderr)
    print(table(rows))


if __name__ == "__main__":
    main()
