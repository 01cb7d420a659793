"""Leader scores recomputed by hand on a tiny community of the cast.

bob and carol reply to alice, dave replies to carol and mentions her, alice invites eve: a path
bob - alice - carol - dave, with alice's invitation on the side.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from cast import alice, at, bob, carol, dave, eve, event
from shequn.domain.events import Account, AccountKind, Event, Kind, Via
from shequn.metrics.leaders import SCORE_WEIGHTS
from shequn.services.communities import Community
from shequn.services.explain_member import explain
from shequn.services.read_interactions import NotFound
from shequn.services.read_leaders import LeaderRow, read_leaders
from shequn.services.record_events import record_events
from shequn.store import Database

robot = Account("9001", "robot", AccountKind.BOT)


def message(
    author: Account, ref: str, replying: Account | None = None, reply_to: str | None = None, **more: Any
) -> Event:
    return event(Kind.MESSAGE, author, ref=ref, target=replying, reply_to=reply_to, **({"text": "hi"} | more))


def tiny_community(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        message(alice, "1"),
        message(bob, "2", alice, "1"),
        message(carol, "3", alice, "1"),
        message(dave, "4", carol, "3", mentions=(carol,)),
        message(alice, "5", alice, "1"),  # answering oneself is no interaction
        message(robot, "6", alice, "1"),  # nor is a bot's reply
        event(Kind.JOIN, eve, via=Via.LINK, inviter=alice),
    ])  # fmt: skip


def by_name(db: Database, community: Community) -> dict[str, LeaderRow]:
    return {row.name: row for row in read_leaders(db, community, top=None).rows}


def pagerank_by_definition(edges: list[tuple[int, int]], n: int, damping: float = 0.85) -> np.ndarray:
    """PageRank solved as its linear system: a member without answers spreads their rank evenly."""
    out = np.zeros(n)
    for source, _ in edges:
        out[source] += 1
    matrix = np.zeros((n, n))
    for source, target in edges:
        matrix[target, source] += 1 / out[source]
    matrix[:, out == 0] = 1 / n
    return np.linalg.solve(np.eye(n) - damping * matrix, np.full(n, (1 - damping) / n))


def share_below(values: list[float], value: float) -> float:
    return sum(other < value for other in values) / (len(values) - 1)


def test_each_component_matches_its_definition(db: Database, community: Community) -> None:
    tiny_community(db, community)
    rows = by_name(db, community)
    assert sorted(rows) == ["alice", "bob", "carol", "dave"]  # eve was only invited
    assert {name: row.reach for name, row in rows.items()} == {"alice": 2, "bob": 1, "carol": 2, "dave": 1}
    assert {name: row.core for name, row in rows.items()} == {"alice": 1, "bob": 1, "carol": 1, "dave": 1}
    assert {name: row.invited for name, row in rows.items()} == {"alice": 1, "bob": 0, "carol": 0, "dave": 0}
    # Three pairs of other members each; two of alice's and two of carol's go through them.
    bridges = {name: row.bridge for name, row in rows.items()}
    assert bridges == pytest.approx({"alice": 2 / 3, "bob": 0, "carol": 2 / 3, "dave": 0})
    alice_, bob_, carol_, dave_ = range(4)
    expected = pagerank_by_definition([(bob_, alice_), (carol_, alice_), (dave_, carol_)], 4)
    influence = [rows[name].influence for name in ("alice", "bob", "carol", "dave")]
    assert influence == pytest.approx(expected.tolist())


def test_the_score_weighs_each_components_percentile(db: Database, community: Community) -> None:
    tiny_community(db, community)
    rows = by_name(db, community)
    for row in rows.values():
        expected = 100 * sum(
            weight * share_below([getattr(other, name) for other in rows.values()], getattr(row, name))
            for name, weight in SCORE_WEIGHTS.items()
        )
        assert row.score == pytest.approx(expected, abs=0.01)
    ranked = read_leaders(db, community, top=None).rows
    # bob and dave tie on everything: the smaller member id (bob, seen first) goes first.
    assert rows["bob"].score == rows["dave"].score and rows["bob"].member_id < rows["dave"].member_id
    assert [row.name for row in ranked] == ["alice", "carol", "bob", "dave"]
    assert [row.rank for row in ranked] == [1, 2, 3, 4]


def test_top_keeps_the_best_leaders(db: Database, community: Community) -> None:
    tiny_community(db, community)
    board = read_leaders(db, community, top=2)
    assert [row.name for row in board.rows] == ["alice", "carol"]
    assert board.members == 4
    assert board.interactions == 5  # three replies, one mention, one invitation


def test_an_interaction_loses_half_its_weight_each_half_life(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        message(alice, "1", time_us=at(days=0)),
        message(bob, "2", alice, "1", time_us=at(days=0)),
        message(carol, "3", alice, "1", time_us=at(days=90)),
    ])  # fmt: skip
    weights = {row.name: row.weight for row in explain(db, community, "alice").partners}
    assert weights == pytest.approx({"carol": 1.0, "bob": 0.5})


def test_explain_lists_the_interactions_behind_a_rank(db: Database, community: Community) -> None:
    tiny_community(db, community)
    explanation = explain(db, community, "carol")
    assert explanation.leader is not None and explanation.leader.rank == 2
    assert {(row.name, row.layer, row.direction, row.count) for row in explanation.partners} == {
        ("alice", "reply", "out", 1),
        ("dave", "reply", "in", 1),
        ("dave", "mention", "in", 1),
    }
    assert sum(part.points for part in explanation.components) == pytest.approx(
        explanation.leader.score, abs=0.01
    )


def test_explain_says_when_a_member_took_part_in_nothing(db: Database, community: Community) -> None:
    tiny_community(db, community)
    explanation = explain(db, community, "eve")
    assert explanation.leader is None and explanation.partners == ()


def test_an_unknown_member_or_group_is_named_in_the_error(db: Database, community: Community) -> None:
    tiny_community(db, community)
    with pytest.raises(NotFound, match="'zed'"):
        explain(db, community, "zed")
    with pytest.raises(NotFound, match="'nowhere'"):
        read_leaders(db, community, group="nowhere")


def test_a_groups_leaders_come_from_its_own_interactions(db: Database, community: Community) -> None:
    tiny_community(db, community)
    record_events(db, community, "test", [
        message(eve, "1", group="g2", group_name="Coffee"),
        message(dave, "2", eve, "1", group="g2", group_name="Coffee"),
    ])  # fmt: skip
    assert [row.name for row in read_leaders(db, community, group="Coffee").rows] == ["eve", "dave"]
