"""Every analytics figure, recomputed by hand on a tiny community of the cast (docs/metrics.md).

The story, in Asia/Shanghai, from Sunday 2026-03-01 09:00 (day 0):
- alice speaks on day 0 (in the group before its history starts); she never joins on record;
- bob joins by the channel code qr-poster on day 1, speaks on day 2, then is silent until day 40;
- carol is invited by alice by link on day 1, reacts on day 3, leaves on day 41;
- dave joins by qr-poster on day 5, never speaks, and pays an order of 5,000 yuan on day 41,
  sold by alice.
The last event, "as of", is day 41 (Saturday 2026-04-11 09:00).
"""

from __future__ import annotations

from typing import Any

import pytest

from cast import alice, at, bob, carol, dave, event
from shequn.domain.events import Kind, Via
from shequn.services.communities import Community
from shequn.services.compute_analytics import compute_analytics, filtered_analytics
from shequn.services.entry_channels import add_channel
from shequn.services.record_events import record_events
from shequn.store import Database

STORY = [
    event(Kind.MESSAGE, alice, time_us=at(0)),
    event(Kind.JOIN, bob, time_us=at(1), via=Via.CODE, code="qr-poster"),
    event(Kind.JOIN, carol, time_us=at(1, hours=1), via=Via.LINK, inviter=alice),
    event(Kind.MESSAGE, bob, time_us=at(2)),
    event(Kind.REACTION, carol, target=bob, time_us=at(3), text="👍"),
    event(Kind.JOIN, dave, time_us=at(5), via=Via.CODE, code="qr-poster"),
    event(Kind.MESSAGE, bob, time_us=at(40)),
    event(Kind.LEAVE, carol, time_us=at(41)),
    event(Kind.ORDER_PAID, dave, target=alice, time_us=at(41), ref="o1", amount_fen=500_000, product="tea"),
]


@pytest.fixture
def figures(db: Database, community: Community) -> dict[str, Any]:
    record_events(db, community, "test", STORY)
    add_channel(db, community, "qr-poster", "QR poster", 200_000, at(0))
    return compute_analytics(db, community)


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in rows}


def test_the_headline_counts_members_activity_and_lurkers(figures: dict[str, Any]) -> None:
    headline = figures["headline"]
    assert (headline["members"], headline["current_members"]) == (4, 3)  # carol left
    assert (headline["daily_active"], headline["weekly_active"], headline["monthly_active"]) == (0, 1, 1)
    assert headline["stickiness"] == pytest.approx(1 / 30)  # bob on one day of thirty
    assert headline["lurkers"] == 1  # dave: 36 days a member, never a message
    assert headline["spoke_share"] == 0.5  # alice and bob of four
    assert headline["hours_to_first_message"] == 24.0  # bob: joined day 1, spoke day 2
    assert figures["as_of"] == "2026-04-11T09:00:00+08:00"


def test_months_count_new_returning_resurrected_and_churned_members(figures: dict[str, Any]) -> None:
    months = _by(figures["periods"]["month"], "period")
    assert set(months) == {"2026-03", "2026-04"}
    march = {k: v for k, v in months["2026-03"].items() if k != "period"}
    april = {k: v for k, v in months["2026-04"].items() if k != "period"}
    # March: alice, bob and carol active, all four new; alice churns by silence on day 30 (Mar 31).
    assert march == {"active": 3, "new": 4, "returning": 0, "resurrected": 0, "churned": 1}
    # April: bob back after 38 silent days; bob (day 31) and carol (day 33) churned by silence, and
    # carol's leave on day 41 is not counted again.
    assert april == {"active": 1, "new": 0, "returning": 0, "resurrected": 1, "churned": 2}


def test_weekly_cohort_retention_follows_the_week_of_first_join(figures: dict[str, Any]) -> None:
    (cohort,) = figures["retention"]  # alice never joined on record: no cohort
    assert cohort["members"] == 3  # bob, carol, dave joined in the week of Monday 2026-03-02
    assert cohort["still_member"] == [3, 3, 3, 3, 3, 2] + [None] * 7  # carol left in week 5
    assert cohort["active"] == [2, 0, 0, 0, 0, 1] + [None] * 7


def test_stages_give_the_honest_fan_count(figures: dict[str, Any]) -> None:
    stages = {name: count for name, count in figures["stages"].items() if count}
    # carol left; dave never spoke (a lurker before a buyer); alice sold dave's order; bob only talks.
    assert stages == {"former": 1, "lurker": 1, "distributor": 1, "talker": 1}


def test_the_funnel_counts_each_step_by_channel_and_by_cohort(figures: dict[str, Any]) -> None:
    channels = _by(figures["funnel"]["by_channel"], "row")
    steps = ("joined", "spoke", "ordered", "repeat_ordered", "brought_someone")
    assert [channels["qr-poster"][s] for s in steps] == [2, 1, 1, 0, 0]
    assert [channels["link"][s] for s in steps] == [1, 0, 0, 0, 0]
    (cohort,) = figures["funnel"]["by_cohort"]
    assert cohort["row"] == "2026-03" and [cohort[s] for s in steps] == [3, 1, 1, 0, 0]


def test_entry_channels_show_retention_activation_spend_and_payback(figures: dict[str, Any]) -> None:
    channels = _by(figures["channels"], "channel")
    qr = channels["qr-poster"]
    assert (qr["members"], qr["eligible"], qr["retained"], qr["activated"]) == (2, 2, 2, 1)
    assert (qr["spend_fen"], qr["cost_fen"], qr["cost_per_retained_fen"]) == (500_000, 200_000, 100_000)
    assert qr["payback_days"] == 40  # from bob's join on day 1 to dave's payment on day 41
    link = channels["link"]
    assert (link["members"], link["retained"], link["activated"], link["spend_fen"]) == (1, 1, 1, 0)
    assert link["cost_fen"] is None and link["payback_days"] is None


def test_group_health_covers_the_last_28_days(figures: dict[str, Any]) -> None:
    (group,) = figures["groups"]
    assert group["name"] == "Tea lovers" and group["members_now"] == 3
    assert group["messages_per_day"] == round(1 / 28, 2)  # bob's message on day 40
    assert group["top_sender_share"] == 1.0
    assert group["active_share"] == round(1 / 3, 4)
    assert group["median_reply_seconds"] is None
    assert (group["weekly_active"], group["weekly_active_before"], group["dying"]) == (1, 0, False)


def test_a_filter_by_channel_keeps_only_the_members_it_brought(db: Database, community: Community) -> None:
    record_events(db, community, "test", STORY)
    figures = filtered_analytics(db, community, None, "qr-poster")
    assert (figures["headline"]["members"], figures["headline"]["current_members"]) == (2, 2)


def test_a_filter_by_group_keeps_only_its_events(db: Database, community: Community) -> None:
    record_events(db, community, "test", [*STORY, event(Kind.MESSAGE, carol, group="g2", time_us=at(6))])
    figures = filtered_analytics(db, community, "g2", None)
    assert figures["headline"]["members"] == 1
