"""The parts that make leader scores fast on large communities give the same answers as the plain way."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequn.metrics.interactions import Interactions, Layer, summed_per_key, vertices
from shequn.metrics.leaders import LeaderSettings, bridge_samples, score_leaders


@given(st.sets(st.integers(min_value=1, max_value=10**12), min_size=1, max_size=40), st.data())
def test_vertices_are_positions_in_the_members(ids: set[int], data: st.DataObject) -> None:
    members = np.array(sorted(ids), dtype=np.int64)
    wanted = np.array(data.draw(st.lists(st.sampled_from(sorted(ids)), max_size=60)), dtype=np.int64)
    assert vertices(members, wanted).tolist() == [sorted(ids).index(i) for i in wanted.tolist()]


def test_vertices_of_dense_member_ids_use_the_table_and_agree_with_a_search() -> None:
    members = np.arange(1, 5001, 2, dtype=np.int64)
    wanted = np.array([1, 4999, 2501, 3], dtype=np.int64)
    assert vertices(members, wanted).tolist() == np.searchsorted(members, wanted).tolist()


@given(st.lists(st.tuples(st.integers(-50, 50), st.floats(0, 10)), max_size=50))
def test_summed_per_key_adds_each_keys_weights(rows: list[tuple[int, float]]) -> None:
    keys = np.array([k for k, _ in rows], dtype=np.int64)
    weights = np.array([w for _, w in rows], dtype=np.float64)
    found, sums = summed_per_key(keys, weights)
    expected: dict[int, float] = {}
    for key, weight in rows:
        expected[key] = expected.get(key, 0.0) + weight
    assert found.tolist() == sorted(expected)
    assert sums.tolist() == pytest.approx([expected[k] for k in sorted(expected)])


def test_bridge_samples_follow_the_budget_of_edges_searched() -> None:
    settings = LeaderSettings(exact_bridge_up_to=100, bridge_samples=64, bridge_edge_budget=1_000)
    assert bridge_samples(100, 10**6, settings) is None  # small: exact
    assert bridge_samples(101, 10, settings) == 64  # affordable: the most
    assert bridge_samples(101, 50, settings) == 20  # 1,000 edges searched / 50 edges
    assert bridge_samples(101, 10**6, settings) == 8  # never fewer than 8


def test_sampled_scores_are_reproducible_and_say_how_many_sources() -> None:
    rng = np.random.default_rng(3)
    source, target = rng.integers(1, 200, 2_000), rng.integers(1, 200, 2_000)
    keep = source != target
    found = Interactions(
        source[keep], target[keep], np.ones(int(keep.sum()), dtype=np.int64),
        np.arange(int(keep.sum()), dtype=np.int64), np.full(int(keep.sum()), Layer.REPLY, dtype=np.int8),
    )  # fmt: skip
    settings = LeaderSettings(exact_bridge_up_to=50, bridge_samples=16)
    first, again = score_leaders(found, settings), score_leaders(found, settings)
    assert first.bridge_samples == 16
    assert first.member.tolist() == again.member.tolist()
    assert first.bridge.tolist() == again.bridge.tolist()
