from __future__ import annotations

from cast import alice, at, bob, carol, dave, event
from shequn.domain.events import Kind, Via
from shequn.services.communities import Community
from shequn.services.list_events import list_events
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.store.event_reads import EventFilter


def test_events_come_back_in_time_order_with_names_and_offsets(db: Database, community: Community) -> None:
    greeting = event(
        Kind.MESSAGE, alice, time_us=at(2), text="hi @dave", ref="7", mentions=(dave,), utc_offset_min=None
    )
    joining = event(Kind.JOIN, dave, time_us=at(1), via=Via.LINK, inviter=carol, code="poster-A")
    record_events(db, community, "test", [greeting, joining])
    join, message = list_events(db, community, EventFilter())
    assert (join["kind"], join["actor"], join["inviter"], join["via"], join["code"]) == (
        "join", "dave", "carol", "link", "poster-A",
    )  # fmt: skip
    assert join["time"] == "2026-03-02T09:00:00+08:00"
    assert message["time"] == "2026-03-03T09:00:00+08:00"  # no recorded offset: the community's zone
    assert message["mentions"] == [{"id": join["actor_id"], "name": "dave"}]
    assert (message["group"], message["text"], message["ref"]) == ("Tea lovers", "hi @dave", "7")


def test_events_can_be_filtered_by_kind_group_and_time(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(1)),
        event(Kind.MESSAGE, bob, time_us=at(3), group="g2", group_name="Deals"),
        event(Kind.JOIN, carol, time_us=at(5)),
    ])  # fmt: skip

    def actors(**where: object) -> list[str]:
        return [row["actor"] for row in list_events(db, community, EventFilter(**where))]  # type: ignore[arg-type]

    assert actors(kinds=["message"]) == ["alice", "bob"]
    assert actors(group="Deals") == ["bob"]
    assert actors(since_us=at(2), until_us=at(5)) == ["bob"]
