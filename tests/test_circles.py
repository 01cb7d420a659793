"""Circles: recovered from known networks imported as chat exports, described by their words, and
the members who bridge them."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from cast import alice, bob, carol, dave, eve, event
from graph_chats import display_name, telegram_export
from importing import SHANGHAI
from shequn.domain.events import Account, Kind, Via
from shequn.metrics.words import words
from shequn.services.communities import Community
from shequn.services.import_files import ImportRequest, import_files
from shequn.services.read_circles import circle_membership, read_circles
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.store.interactions import member_names_txn
from test_leaders import message

frank = Account("1006", "frank")


def split_accuracy(circle: list[int], truth: list[str]) -> float:
    """Each circle takes the label most of its members have; the share of members whose circle's
    label is their own."""
    agreeing = 0
    for number in set(circle):
        labels = [label for c, label in zip(circle, truth, strict=True) if c == number]
        agreeing += max(labels.count(label) for label in set(labels))
    return agreeing / len(circle)


def imported_circles(db: Database, community: Community, graph: nx.Graph, folder: Path) -> dict[str, int]:
    export = telegram_export(graph, folder / "result.json")
    import_files(db, community, ImportRequest(paths=[export], zone=SHANGHAI))
    membership = circle_membership(db, community)
    names = member_names_txn(db, community.id, sorted(membership))
    return {names[member]: circle for member, circle in membership.items()}


def test_circles_recover_the_karate_clubs_split(db: Database, community: Community, tmp_path: Path) -> None:
    karate = nx.karate_club_graph()
    circles = imported_circles(db, community, karate, tmp_path)
    nodes = sorted(karate.nodes())
    found = [circles[display_name(node)] for node in nodes]
    truth = [karate.nodes[node]["club"] for node in nodes]
    assert len(set(found)) <= 4
    assert split_accuracy(found, truth) >= 0.9


def test_the_members_joining_two_circles_are_their_bridges(
    db: Database, community: Community, tmp_path: Path
) -> None:
    imported_circles(db, community, nx.barbell_graph(3, 0), tmp_path)  # two triangles, one edge between
    found = read_circles(db, community)
    assert found.count == 2
    assert [circle.size for circle in found.circles] == [3, 3]
    assert {bridge.name for bridge in found.bridges} == {display_name(2), display_name(3)}
    assert all(bridge.circles_touched == 2 for bridge in found.bridges)


def test_a_circle_is_described_by_its_own_words(db: Database, community: Community) -> None:
    tea = [alice, bob, carol]
    coffee = [dave, eve, frank]
    record_events(db, community, "test", [
        message(person, f"{group}{r}{i}", people[i - 1], f"{group}{r}{i - 1}", group=group, text=text)
        for r in range(3)
        for people, text, group in ((tea, "今天发货了吗？快递到了", "g1"), (coffee, "咖啡拿铁真好喝", "g2"))
        for i, person in enumerate(people)
    ])  # fmt: skip
    found = read_circles(db, community)
    by_leader = {circle.leaders[0].name: circle for circle in found.circles}
    tea_circle = next(circle for name, circle in by_leader.items() if name in ("alice", "bob", "carol"))
    coffee_circle = next(circle for name, circle in by_leader.items() if name in ("dave", "eve", "frank"))
    assert {"发货", "快递"} <= set(tea_circle.words) and "咖啡" not in tea_circle.words
    assert "咖啡" in coffee_circle.words and "发货" not in coffee_circle.words
    assert [share.name for share in tea_circle.groups] == ["Tea lovers"]


def test_words_segments_chinese_and_drops_links_and_stop_words() -> None:
    assert words("今天发货了吗？Check https://shop.example/x the COUPON 12345") == [
        "今天", "发货", "check", "coupon",
    ]  # fmt: skip


def test_a_leader_talking_in_two_groups_is_listed(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        message(alice, "a1"), message(bob, "a2", alice, "a1"),
        message(alice, "b1", group="g2", group_name="Coffee"),
        message(carol, "b2", alice, "b1", group="g2", group_name="Coffee"),
    ])  # fmt: skip
    found = read_circles(db, community)
    assert [(leader.name, leader.groups) for leader in found.multi_group_leaders] == [
        ("alice", ("Tea lovers", "Coffee"))  # the groups in the order they were first seen
    ]
    assert sum(circle.size for circle in found.circles) == 3


def test_a_community_where_people_only_invite_has_no_circles(db: Database, community: Community) -> None:
    record_events(db, community, "test", [event(Kind.JOIN, bob, via=Via.LINK, inviter=alice)])
    found = read_circles(db, community)
    assert (found.count, found.circles, found.bridges) == (0, (), ())
