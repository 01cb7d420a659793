"""`shequn members`, `shequn metrics` and `shequn settings` as a user meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cast import alice, at, bob, carol, dave, event
from shequn.domain.events import Kind, Via
from shequn.services.communities import create_community
from shequn.services.record_events import record_events
from shequn.store import open_store
from test_cli import assert_one_line_error, shequn


@pytest.fixture
def filled(db_url: str) -> str:
    db = open_store(db_url, create=True)
    community = create_community(db, "acme", "Asia/Shanghai")
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(0)),
        event(Kind.JOIN, bob, time_us=at(1), via=Via.CODE, code="qr-poster"),
        event(Kind.JOIN, carol, time_us=at(1), group="g2", group_name="Deals", via=Via.LINK, inviter=alice),
        event(Kind.JOIN, dave, time_us=at(2)),
        event(Kind.MESSAGE, bob, time_us=at(30)),
    ])  # fmt: skip
    db.close()
    return db_url


def test_the_lurker_list_names_each_silent_member_with_their_groups(filled: str) -> None:
    result = shequn("members", "--stage", "lurker", "--json", db=filled)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["name"], row["stage"], row["groups"]) for row in rows] == [
        ("carol", "lurker", ["Deals"]),
        ("dave", "lurker", ["Tea lovers"]),
    ]
    assert rows[1]["joined"] == "2026-03-03T09:00:00+08:00" and rows[1]["last_message"] is None


def test_members_of_one_group_carry_their_last_message(filled: str) -> None:
    rows = json.loads(shequn("members", "--group", "Tea lovers", "--json", db=filled).stdout)
    assert [row["name"] for row in rows] == ["alice", "bob", "dave"]
    assert rows[1]["last_message"] == "2026-03-31T09:00:00+08:00" and rows[1]["messages"] == 1


def test_metrics_prints_the_chosen_period_as_json(filled: str) -> None:
    figures = json.loads(shequn("metrics", "--json", "--period", "day", db=filled).stdout)
    assert figures["period"] == "day" and figures["periods"][0]["period"] == "2026-03-01"
    assert figures["headline"]["members"] == 4


def test_metrics_lists_the_catalogue(filled: str) -> None:
    catalogue = json.loads(shequn("metrics", "--list", "--json", db=filled).stdout)
    assert {"name", "definition", "inputs", "unit"} <= set(catalogue[0])


def test_an_unknown_group_or_channel_is_one_line(filled: str) -> None:
    assert_one_line_error(shequn("metrics", "--group", "nope", db=filled), "no group 'nope'")
    assert_one_line_error(shequn("metrics", "--channel", "tv", db=filled), "no entry channel 'tv'")


def test_settings_set_refuses_a_bad_file_and_changes_nothing(filled: str, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text("[stages]\nnewcomer_days = 40\n", encoding="utf-8")
    bad.write_text("[stages]\nnewcomer_days = -1\n", encoding="utf-8")
    assert shequn("settings", "set", str(good), db=filled).returncode == 0
    assert_one_line_error(shequn("settings", "set", str(bad), db=filled), "stages.newcomer_days must be")
    shown = json.loads(shequn("settings", "show", "--json", db=filled).stdout)
    assert shown["stages"]["newcomer_days"] == 40
    rows = json.loads(shequn("members", "--stage", "newcomer", "--json", db=filled).stdout)
    assert len(rows) == 4  # everyone was first seen less than 40 days before the last event
