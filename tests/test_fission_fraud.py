"""Each fraud flag on a tiny, hand-drawn forest, and depth by pointer doubling against a plain walk."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from shequn.metrics.fission import Windows, outcomes
from shequn.metrics.fraud import FraudRules, bursts, joins_and_leaves, rings, self_referrals, silent_invitees
from shequn.metrics.presence_spans import NO_TIME, Spans
from shequn.metrics.referrals import Joins, depths, referral_forest

MINUTE = 60 * 1_000_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def ints(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def invited_by_zero(count: int, gap_us: int) -> tuple[Joins, np.ndarray]:
    """Person 0 arrived at 0; persons 1..count join by 0's link, `gap_us` apart from one hour on."""
    times = ints([HOUR + i * gap_us for i in range(count)])
    joins = Joins(
        person=ints(list(range(1, count + 1))), time_us=times, order=ints(list(range(count))),
        inviter=ints([0] * count), code=ints([-1] * count), founder=np.zeros(count, dtype=bool),
    )  # fmt: skip
    return joins, np.concatenate([ints([0]), times])


def test_ten_joins_within_an_hour_are_a_burst_and_nine_are_not() -> None:
    joins, arrival = invited_by_zero(10, 6 * MINUTE)  # the tenth comes 54 minutes after the first
    [flag] = bursts(referral_forest(joins, arrival, ints([])), FraudRules())
    assert (flag.inviter, flag.flag, flag.evidence["joins"]) == (0, "burst", 10)
    assert flag.evidence["invitees"] == list(range(1, 11))
    joins, arrival = invited_by_zero(10, 7 * MINUTE)  # 63 minutes
    assert bursts(referral_forest(joins, arrival, ints([])), FraudRules()) == []


def test_a_rule_of_one_join_makes_every_inviter_s_first_window_a_burst() -> None:
    joins, arrival = invited_by_zero(3, 2 * HOUR)
    [flag] = bursts(referral_forest(joins, arrival, ints([])), FraudRules(burst_joins=1))
    assert (flag.inviter, flag.evidence["joins"], flag.evidence["invitees"]) == (0, 1, [1])


def test_invitees_gone_within_48_hours_flag_the_inviter() -> None:
    joins, arrival = invited_by_zero(4, DAY)
    forest = referral_forest(joins, arrival, ints([]))
    # 1 and 2 leave after a day, 3 stays, 4 leaves after three days; 0 is there all along
    spans = Spans(
        person=ints([0, 1, 2, 3, 4]),
        start_us=ints([0, *joins.time_us.tolist()]),
        end_us=ints([NO_TIME, HOUR + DAY, HOUR + 2 * DAY, NO_TIME, HOUR + 6 * DAY]),
    )
    as_of = 30 * DAY
    assert joins_and_leaves(forest, spans, as_of, FraudRules()) == []  # two gone, three needed
    [flag] = joins_and_leaves(forest, spans, as_of, FraudRules(leave_min=2))
    assert flag.evidence == {"left_within": 2, "judged": 4, "invitees": [1, 2]}
    assert joins_and_leaves(forest, spans, as_of, FraudRules(leave_min=2, leave_share=0.6)) == []


def test_five_silent_invitees_flag_the_inviter_and_one_who_spoke_clears_it() -> None:
    joins, arrival = invited_by_zero(5, DAY)
    forest = referral_forest(joins, arrival, ints([]))
    spans = Spans(ints([]), ints([]), ints([]))
    never = np.full(6, NO_TIME, dtype=np.int64)
    result = outcomes(forest, spans, never, 60 * DAY, Windows())
    [flag] = silent_invitees(forest, result, FraudRules())
    assert (flag.inviter, flag.evidence) == (0, {"judged": 5, "activated": 0})
    spoke = never.copy()
    spoke[3] = joins.time_us[2] + HOUR
    assert silent_invitees(forest, outcomes(forest, spans, spoke, 60 * DAY, Windows()), FraudRules()) == []


def test_a_join_invited_by_the_same_person_is_a_self_referral() -> None:
    joins = Joins(
        person=ints([1, 2, 1]), time_us=ints([HOUR, 2 * HOUR, 3 * HOUR]), order=ints([0, 1, 2]),
        inviter=ints([0, 0, 1]), code=ints([-1, -1, -1]), founder=np.zeros(3, dtype=bool),
    )  # fmt: skip
    [flag] = self_referrals(joins)
    assert (flag.inviter, flag.flag, flag.evidence) == (
        1,
        "self_referral",
        {"joins": 1, "first_us": 3 * HOUR},
    )


def test_invitees_who_talk_only_among_themselves_and_their_inviter_are_a_ring() -> None:
    joins, arrival = invited_by_zero(3, MINUTE)
    forest = referral_forest(joins, arrival, ints([]))
    closed = (ints([1, 2, 3, 1]), ints([2, 3, 1, 0]))
    [flag] = rings(forest, *closed, FraudRules())
    assert (flag.inviter, flag.evidence) == (0, {"invitees": [1, 2, 3]})
    outsider = (ints([1, 2, 3, 3]), ints([2, 3, 1, 9]))
    forest_with_outsider = referral_forest(
        joins, np.concatenate([arrival, np.full(6, 0, dtype=np.int64)]), ints([])
    )
    assert rings(forest_with_outsider, *outsider, FraudRules()) == []


@given(st.lists(st.integers(-1, 40), min_size=1, max_size=40))
def test_pointer_doubling_gives_the_depth_a_walk_gives(choices: list[int]) -> None:
    # a parent always has a smaller number, so any choice is a forest
    parent = ints([choice if 0 <= choice < node else -1 for node, choice in enumerate(choices)])
    depth, root = depths(parent)
    for node in range(len(parent)):
        steps, top = 0, node
        while parent[top] >= 0:
            steps, top = steps + 1, int(parent[top])
        assert (depth[node], root[node]) == (steps, top)
