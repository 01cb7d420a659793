"""Call energy recomputed by hand: carol and eve own a group each and post; who answers within 24 h."""

from __future__ import annotations

import pytest

from cast import alice, at, bob, carol, dave, eve, event
from shequn.domain.events import Kind
from shequn.services.communities import Community
from shequn.services.read_call_energy import read_call_energy
from shequn.services.record_events import record_events
from shequn.store import Database
from test_leaders import message

COFFEE = {"group": "g2", "group_name": "Coffee"}


def owners_posting(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, carol, time_us=at(days=-1), text="Tea lovers"),
        message(carol, "1", time_us=at(hours=0)),  # call 1
        message(alice, "2", time_us=at(hours=1)),
        message(alice, "3", time_us=at(hours=2)),  # alice responds once, however often she writes
        message(bob, "4", time_us=at(hours=3)),
        message(carol, "5", time_us=at(hours=24.5)),  # call 2
        message(dave, "6", time_us=at(hours=25)),  # 25 h after call 1: responds to call 2 only
        event(Kind.GROUP_CREATED, eve, time_us=at(days=-1), text="Coffee", **COFFEE),
        message(eve, "7", time_us=at(hours=1), **COFFEE),
        message(bob, "8", time_us=at(hours=2), **COFFEE),
    ])  # fmt: skip


def test_call_energy_is_responders_over_the_months_active_members(db: Database, community: Community) -> None:
    owners_posting(db, community)
    rows = read_call_energy(db, community)
    assert [(row.name, row.rank, row.groups, row.calls) for row in rows] == [
        ("eve", 1, ("Coffee",), 1),
        ("carol", 2, ("Tea lovers",), 2),
    ]
    eve_, carol_ = rows
    assert (eve_.mean_responders, eve_.call_energy) == (1, 1)  # bob, of bob
    # Calls of 2 and 1 responders, among 3 active members in March (alice, bob, dave).
    assert carol_.mean_responders == 1.5
    assert carol_.call_energy == pytest.approx((2 / 3 + 1 / 3) / 2, abs=1e-6)
    assert [(month.month, month.calls) for month in carol_.months] == [("2026-03", 2)]


def test_a_responder_writing_in_the_next_month_counts_as_active(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, carol, time_us=at(days=-1)),
        message(carol, "1", time_us=at(days=30, hours=10)),  # 31 March, 19:00 in Shanghai, 11:00 UTC
        message(alice, "2", time_us=at(days=30, hours=20)),  # 1 April UTC
    ])  # fmt: skip
    (row,) = read_call_energy(db, community)
    assert (row.mean_responders, row.call_energy, row.months[0].month) == (1, 1, "2026-03")


def test_owners_who_never_post_have_no_calls(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, carol, time_us=at(days=-1)),
        message(alice, "1", time_us=at()),
    ])  # fmt: skip
    assert read_call_energy(db, community) == ()
