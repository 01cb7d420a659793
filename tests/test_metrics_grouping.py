"""The vectorised building blocks, against plain Python on random inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from shequn.metrics.grouping import distinct_in_blocks, min_in_blocks, state_at

small = st.integers(0, 6)
moments = st.integers(0, 20)


@given(
    st.lists(st.tuples(small, moments, st.integers(0, 3)), max_size=30),
    st.lists(st.tuples(small, moments), max_size=30),
)
def test_state_at_is_the_latest_change_at_or_before_the_moment(
    changes: list[tuple[int, int, int]], queries: list[tuple[int, int]]
) -> None:
    changes.sort(key=lambda change: (change[0], change[1]))
    key, moment, state = (np.array([c[i] for c in changes], dtype=np.int64) for i in range(3))
    asked = (
        np.array([q[0] for q in queries], dtype=np.int64),
        np.array([q[1] for q in queries], dtype=np.int64),
    )
    expected = []
    for wanted, at in queries:
        states = [s for k, t, s in changes if k == wanted and t <= at]
        expected.append(states[-1] if states else 0)
    assert state_at(key, moment, state, *asked).tolist() == expected


@given(st.lists(st.tuples(small, small, moments), max_size=40))
def test_blocks_give_each_pairs_distinct_values_and_minimums(rows: list[tuple[int, int, int]]) -> None:
    block, value, time = (np.array([r[i] for r in rows], dtype=np.int64) for i in range(3))
    blocks, starts, values = distinct_in_blocks(block, value)
    found = {(int(b), int(v)) for i, b in enumerate(blocks) for v in values[starts[i] : starts[i + 1]]}
    assert found == {(b, v) for b, v, _ in rows} and len(values) == len(found)
    smallest: dict[tuple[int, int], int] = {}
    for b, v, t in rows:
        smallest[(b, v)] = min(t, smallest.get((b, v), t))
    pairs = min_in_blocks(block, value, time)
    assert {(int(b), int(v)): int(t) for b, v, t in zip(*pairs, strict=True)} == smallest
