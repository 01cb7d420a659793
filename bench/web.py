"""Web benchmark: concurrent signed-in users browsing the dashboard and the API of a big demo.

    .venv/bin/python bench/web.py [--db bench/out/demo-1m.db] [--users 50] [--seconds 60]

A bounded asyncio load generator (httpx2): a real `shequn serve` process (one uvicorn worker) on
127.0.0.1 and N virtual users, each signed in with its own session (40 owners/operators/viewers, one
in five a group owner), each sending its next request as soon as the last is answered, for a fixed
time. Each picks its next page at random, weighted as people browse: the groups list, a group, a
member search, a member's profile, the overview, and the same through the API. `/healthz` is timed
the same way as the floor: what the server, the network and the client cost with no work at all.

The demo database is never written to: it is copied once (SQLite's backup API) to
bench/out/web-<name>, which gets the new migrations, the bench's users and their sessions. Before
the timed run every page kind is visited once (the groups' health and the overview read the whole
log and are then remembered until it grows); those cold times are printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

from shequn.services.communities import find_community
from shequn.services.sessions import now_us, sign_in
from shequn.services.users import add_user, set_password
from shequn.store import open_store
from shequn.store.users import user_by_name
from shequn.web.access import SESSION_COOKIE

PASSWORD = "bench-password"
ROLES = ("owner", "operator", "viewer", "owner", "group_owner")
WEIGHTS = {  # page kind: share of requests
    "groups": 10, "group": 20, "search": 20, "member": 25, "overview": 5,
    "api group": 5, "api member": 10, "api search": 5,
}  # fmt: skip


@dataclass
class Sample:
    groups: list[int]
    owned: list[int]  # the group owners' groups
    members: list[int]  # members of any group
    owned_members: list[int]  # members of the owned groups
    prefixes: list[str]


@dataclass
class Timings:
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        self.by_kind.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def working_copy(source: Path) -> Path:
    copy = source.parent / f"web-{source.name}"
    if not copy.exists():
        print(f"copying {source} to {copy} (once)", file=sys.stderr)
        with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
            original.backup(target)
    return copy


def prepare(path: Path) -> Sample:
    started = time.perf_counter()
    db = open_store(str(path))  # applies new migrations (the indexes of 0005 on a first run)
    print(f"migrations: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    community = find_community(db, None)
    rng = random.Random(7)
    groups = [
        int(row[0])
        for row in db.fetchall("SELECT id FROM groups WHERE community_id = ? ORDER BY id", (community.id,))
    ]
    owned = rng.sample(groups, 2)
    for role in set(ROLES):
        name = f"bench-{role}"
        if user_by_name(db, name) is None:
            chosen = [str(group) for group in owned] if role == "group_owner" else []
            add_user(db, community, name, role, chosen, time.time_ns() // 1000, password=PASSWORD)
        else:
            set_password(db, name, PASSWORD, time.time_ns() // 1000)
    members = _sample_members(db, community.id, groups, rng, 2000)
    owned_members = _sample_members(db, community.id, owned, rng, 500)
    names = db.fetchall(
        "SELECT name FROM identities WHERE community_id = ? AND kind = 'person' AND name IS NOT NULL "
        "LIMIT 5000",
        (community.id,),
    )
    prefixes = sorted({name[:1] for (name,) in names})
    db.close()
    return Sample(groups, owned, members, owned_members, prefixes)


def _sample_members(
    db: object, community_id: int, groups: list[int], rng: random.Random, count: int
) -> list[int]:
    marks = ", ".join("?" * len(groups))
    rows = db.fetchall(  # type: ignore[attr-defined]
        f"SELECT i.member_id FROM events e JOIN identities i ON i.id = e.actor_id "
        f"WHERE e.community_id = ? AND e.kind = 'join' AND e.group_id IN ({marks}) AND i.kind = 'person' "
        "LIMIT 200000",
        [community_id, *groups],
    )
    found = sorted({int(row[0]) for row in rows})
    return rng.sample(found, min(count, len(found)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(path: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "shequn", "--db", str(path), "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("shequn serve did not start")


def sessions(path: Path, roles: list[str]) -> list[str]:
    """A session per virtual user, made by the sign-in use-case itself: through /login the server's
    limit on sign-ins per address would hold the fiftieth user up, as it should."""
    db = open_store(str(path))
    made = []
    for role in roles:
        session = sign_in(db, f"bench-{role}", PASSWORD, now_us(), "bench")
        assert session is not None
        made.append(session.secret)
    db.close()
    return made


def signed_in(base: str, secret: str, timeout: float = 600) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(base_url=base, timeout=timeout, cookies={SESSION_COOKIE: secret})


def next_url(kind: str, role: str, sample: Sample, rng: random.Random) -> str:
    scoped = role == "group_owner"
    groups = sample.owned if scoped else sample.groups
    members = sample.owned_members if scoped else sample.members
    prefix = rng.choice(sample.prefixes)
    urls = {
        "groups": "/groups",
        "group": f"/groups/{rng.choice(groups)}",
        "search": f"/members?q={prefix}",
        "member": f"/members/{rng.choice(members)}",
        "overview": "/groups" if scoped else "/",
        "api group": f"/api/groups/{rng.choice(groups)}",
        "api member": f"/api/members/{rng.choice(members)}",
        "api search": f"/api/members?q={prefix}",
    }
    return urls[kind]


async def browse(
    client: httpx2.AsyncClient, role: str, sample: Sample, until: float, seed: int, timings: Timings
) -> None:
    rng = random.Random(seed)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    while time.perf_counter() < until:
        kind = rng.choices(kinds, weights)[0]
        url = next_url(kind, role, sample, rng)
        started = time.perf_counter()
        answer = await client.get(url)
        timings.add(kind, time.perf_counter() - started, answer.status_code == 200)


async def floor(base: str, users: int, seconds: float) -> Timings:
    timings = Timings()
    until = time.perf_counter() + seconds

    async def one() -> None:
        async with httpx2.AsyncClient(base_url=base) as client:
            while time.perf_counter() < until:
                started = time.perf_counter()
                answer = await client.get("/healthz")
                timings.add("/healthz (floor)", time.perf_counter() - started, answer.status_code == 200)

    await asyncio.gather(*(one() for _ in range(users)))
    return timings


async def warm(base: str, sample: Sample, path: Path) -> None:
    """Visit every kind of page once as each role, untimed by the run; print how long the cold
    ones took."""
    roles = sorted(set(ROLES))
    for role, secret in zip(roles, sessions(path, roles), strict=True):
        client = signed_in(base, secret, timeout=3600)  # a cold overview reads the whole log
        for kind in WEIGHTS:
            started = time.perf_counter()
            answer = await client.get(next_url(kind, role, sample, random.Random(1)))
            print(
                f"cold {role:12} {kind:11} {answer.status_code} {time.perf_counter() - started:8.2f} s",
                file=sys.stderr,
            )
        await client.aclose()


async def run(base: str, sample: Sample, users: int, seconds: float, path: Path) -> tuple[Timings, float]:
    roles = [ROLES[n % len(ROLES)] for n in range(users)]
    clients = [signed_in(base, secret) for secret in sessions(path, roles)]
    timings = Timings()
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(
            browse(client, role, sample, until, n, timings)
            for n, (client, role) in enumerate(zip(clients, roles, strict=True))
        )
    )
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.aclose()
    return timings, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def table(timings: Timings, elapsed: float, floor_timings: Timings, floor_elapsed: float) -> str:
    rows = [
        "| requests | count | errors | p50 ms | p95 ms | p99 ms | requests/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    everything = [value for values in timings.by_kind.values() for value in values]
    lines = [("**all pages and API calls**", everything, sum(timings.errors.values()), elapsed)]
    lines += [
        (kind, values, timings.errors.get(kind, 0), elapsed)
        for kind, values in sorted(timings.by_kind.items())
    ]
    lines += [
        (kind, values, floor_timings.errors.get(kind, 0), floor_elapsed)
        for kind, values in floor_timings.by_kind.items()
    ]
    for name, values, errors, seconds in lines:
        rows.append(
            f"| {name} | {len(values):,} | {errors} | {percentile(values, 0.5) * 1000:.0f} | "
            f"{percentile(values, 0.95) * 1000:.0f} | {percentile(values, 0.99) * 1000:.0f} | "
            f"{len(values) / seconds:.1f} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench/out/demo-1m.db"))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--without", action="append", default=[], choices=list(WEIGHTS), help="Leave a page kind out."
    )
    args = parser.parse_args()
    for kind in args.without:
        del WEIGHTS[kind]
    path = working_copy(args.db)
    sample = prepare(path)
    port = free_port()
    server = start_server(path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(warm(base, sample, path))
        timings, elapsed = asyncio.run(run(base, sample, args.users, args.seconds, path))
        floor_timings = asyncio.run(floor(base, args.users, min(args.seconds, 15)))
    finally:
        server.terminate()
        server.wait()
    print(f"{args.users} users for {elapsed:.0f} s on {args.db.name} (a copy), one uvicorn worker:\n")
    print(table(timings, elapsed, floor_timings, min(args.seconds, 15)))
    print()


if __name__ == "__main__":
    main()
