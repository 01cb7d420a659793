"""The figures agree with an independent recount, in plain Python, from `shequn events --jsonl`."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from test_cli import shequn

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the demo's time zone


@pytest.fixture
def demo(db_url: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    loaded = shequn("demo", "--members", "400", db=db_url)
    assert loaded.returncode == 0, loaded.stderr
    listed = shequn("events", "--jsonl", db=db_url)
    figures = shequn("metrics", "--json", "--period", "month", db=db_url)
    assert figures.returncode == 0, figures.stderr
    return [json.loads(line) for line in listed.stdout.splitlines()], json.loads(figures.stdout)


def _local(event: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(event["time"]).astimezone(SHANGHAI)


def test_monthly_active_members_match_a_recount(demo: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
    events, figures = demo
    active: dict[str, set[int]] = defaultdict(set)
    for event in events:
        if event["kind"] in ("message", "reaction"):
            active[_local(event).strftime("%Y-%m")].add(event["actor_id"])
    recount = {month: len(people) for month, people in active.items()}
    assert {row["period"]: row["active"] for row in figures["periods"] if row["active"]} == recount


def test_members_brought_and_spend_per_entry_channel_match_a_recount(
    demo: tuple[list[dict[str, Any]], dict[str, Any]],
) -> None:
    events, figures = demo
    first_join: dict[int, tuple[str, str]] = {}
    for event in events:  # in time order, so the first join seen is the first join
        if event["kind"] == "join" and event["actor_id"] not in first_join:
            first_join[event["actor_id"]] = (event["time"], event["code"] or event["via"] or "")
    brought = Counter(channel for _, channel in first_join.values())
    spend: Counter[str] = Counter()
    for event in events:
        if event["kind"] in ("order_paid", "order_refunded") and event["actor_id"] in first_join:
            sign = 1 if event["kind"] == "order_paid" else -1
            spend[first_join[event["actor_id"]][1]] += sign * event["amount_fen"]
    rows = {row["channel"]: row for row in figures["channels"]}
    assert {name: row["members"] for name, row in rows.items()} == dict(brought)
    assert {name: row["spend_fen"] for name, row in rows.items() if row["spend_fen"]} == {
        name: fen for name, fen in spend.items() if fen
    }
    assert sum(brought.values()) > 100 and sum(spend.values()) > 0  # the demo is not trivial


def test_messages_per_day_of_each_group_match_a_recount(
    demo: tuple[list[dict[str, Any]], dict[str, Any]],
) -> None:
    events, figures = demo
    as_of = max(datetime.fromisoformat(event["time"]) for event in events)
    since = as_of - timedelta(days=28)
    recent = Counter(
        event["group_id"]
        for event in events
        if event["kind"] == "message" and since < datetime.fromisoformat(event["time"]) <= as_of
    )
    shown = {row["group_id"]: row["messages_per_day"] for row in figures["groups"]}
    assert shown == {group: round(recent.get(group, 0) / 28, 2) for group in shown}
    assert set(recent) <= set(shown)
