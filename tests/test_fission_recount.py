"""Acceptance: `shequn fission --json` agrees with an independent recount from `shequn events --jsonl`.

The recount is written from docs/fission.md alone, in plain Python: no numpy, no shequn module, one
event at a time. The `events` contract names people by member id, so presence is followed per
(group, person); the demo gives nobody two accounts in one group, where that equals the per-account rule.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from click.testing import CliRunner

from shequn.cli.main import cli

DAY = 86_400 * 1_000_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ACTIVITY = ("message", "reaction")


def micros(iso: str) -> int:
    return (datetime.fromisoformat(iso) - EPOCH) // timedelta(microseconds=1)


class Recount:
    def __init__(self, events: list[dict[str, Any]]) -> None:
        self.arrival: dict[int, int] = {}
        self.first_join: dict[int, dict[str, Any]] = {}
        self.first_message: dict[int, int] = {}
        self.pairs: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
        self.first_active: dict[tuple[int, int], int] = {}
        for event in events:
            self.read(event)
        self.as_of = max(micros(event["time"]) for event in events)

    def fact(self, person: int | None, time: int) -> None:
        if person is not None and person not in self.arrival:
            self.arrival[person] = time

    def read(self, event: dict[str, Any]) -> None:
        kind, time, group = event["kind"], micros(event["time"]), event["group_id"]
        subject = event["target_id"] if kind == "removal" else event["actor_id"]
        if kind in ("join", "leave", "removal"):
            self.fact(subject, time)
            self.pairs[(group, subject)].append(
                (time, 0 if kind == "join" else 1, 1 if kind == "join" else 0)
            )
            if kind == "join" and subject not in self.first_join:
                self.first_join[subject] = event | {"us": time}
        active = []
        if kind in ACTIVITY or kind in ("removal", "group_created", "group_renamed"):
            active.append(event["actor_id"])
        if kind == "join" and event["inviter_id"] is not None:
            active.append(event["inviter_id"])
        for person in active:
            self.fact(person, time)
            self.first_active.setdefault((group, person), time)
        if kind == "message":
            self.first_message.setdefault(event["actor_id"], time)

    def present(self, person: int, moment: int) -> bool:
        for (group, who), changes in self.pairs.items():
            if who == person and self.in_group(group, who, changes, moment):
                return True
        return any(
            who == person and (group, who) not in self.pairs and start <= moment
            for (group, who), start in self.first_active.items()
        )

    def in_group(self, group: int, who: int, changes: list[tuple[int, int, int]], moment: int) -> bool:
        states = sorted(changes)
        start = self.first_active.get((group, who))
        if start is not None and start < states[0][0]:
            states.insert(0, (start, 0, 1))
        inside = 0
        for time, _, state in states:
            if time <= moment:
                inside = state
        return inside == 1

    def newcomer(self, person: int) -> bool:
        return person in self.first_join and self.first_join[person]["us"] == self.arrival[person]

    def parent(self, person: int) -> int | None:
        join = self.first_join[person]
        inviter = join["inviter_id"]
        if inviter is None or inviter == person:
            return None
        before = self.arrival[inviter] < join["us"]
        same = self.arrival[inviter] == join["us"] and not self.newcomer(inviter)
        return inviter if before or same else None

    def judged(self, person: int) -> tuple[str, str, str]:
        joined = self.first_join[person]["us"]
        retained = "pending"
        if joined + 30 * DAY <= self.as_of:
            retained = "yes" if self.present(person, joined + 30 * DAY) else "no"
        wrote = self.first_message.get(person)
        activated = "yes" if wrote is not None and wrote <= joined + 14 * DAY else "pending"
        if activated == "pending" and joined + 14 * DAY <= self.as_of:
            activated = "no"
        real = (
            "no" if "no" in (retained, activated) else "yes" if retained == activated == "yes" else "pending"
        )
        return retained, activated, real


def recount(events: list[dict[str, Any]]) -> dict[str, Any]:
    counted = Recount(events)
    attributed, inviters, parents = 0, defaultdict(lambda: [0, 0, 0, 0]), {}
    real = 0
    for person in counted.first_join:
        join = counted.first_join[person]
        if not counted.newcomer(person) or join["via"] == "founder":
            continue
        parent = counted.parent(person)
        if parent is None and not join["code"]:
            continue
        attributed += 1
        retained, activated, is_real = counted.judged(person)
        real += is_real == "yes"
        if parent is not None:
            parents[person] = parent
            tally = inviters[parent]
            tally[0] += 1
            tally[1] += retained == "yes"
            tally[2] += activated == "yes"
            tally[3] += is_real == "yes"

    def depth(person: int) -> int:
        return 0 if person not in parents else 1 + depth(parents[person])

    people = len(counted.arrival)
    return {
        "people": people,
        "attributed_joins": attributed,
        "k_raw": round(attributed / people, 6),
        "k_real": round(real / people, 6),
        "max_depth": max((depth(person) for person in counted.arrival), default=0),
        "inviters": {member: tuple(tally) for member, tally in inviters.items()},
    }


def test_fission_agrees_with_a_recount_of_the_events(db_url: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "demo", "--members", "300"]).exit_code == 0
    listed = runner.invoke(cli, ["--db", db_url, "events", "--jsonl"])
    events = [json.loads(line) for line in listed.output.splitlines()]
    expected = recount(events)
    shown = json.loads(runner.invoke(cli, ["--db", db_url, "fission", "--json", "--top", "0"]).output)
    found = {key: shown[key] for key in ("people", "attributed_joins", "k_raw", "k_real", "max_depth")}
    found["inviters"] = {
        row["member_id"]: (row["invited"], row["retained_30d"], row["activated_14d"], row["real"])
        for row in shown["inviters"]
    }
    assert found == expected
    assert expected["attributed_joins"] > 50 and expected["max_depth"] >= 2  # the recount saw real work
