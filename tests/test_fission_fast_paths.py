"""The vectorised fission metrics against plain Python written from docs/fission.md, on random small
inputs: presence spans (in any order, in the store's order, and with ids too wide to pack), the
referral forest, the tallies, and the burst and ring flags."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from shequn.metrics.fission import PENDING, YES, Outcomes, tally_by
from shequn.metrics.fraud import FraudRules, bursts, rings
from shequn.metrics.presence_spans import NO_TIME, FirstActivity, MembershipChanges, presence_spans
from shequn.metrics.referrals import Forest, Joins, referral_forest

MINUTE = 60 * 1_000_000
WIDE = 1 << 58  # group ids this far apart leave no room to pack a pair and a position in 63 bits

facts = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 8), st.integers(0, 2)),
    max_size=40,
)  # (group, account, time, kind: 0 join, 1 exit, 2 activity)


def ints(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def plain_spans(
    changes: list[tuple[int, int, int, bool]], active: dict[tuple[int, int], int], person: list[int]
) -> list[tuple[int, int, int]]:
    """store/presence.py's rule, one pair at a time: facts by time, a join before an exit before
    activity; a first activity opens a span only when nothing came before it in its pair."""
    pairs: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for group, account, time, joined in changes:
        pairs[(group, account)].append((time, 0 if joined else 1))
    for pair, time in active.items():
        pairs[pair].append((time, 2))
    spans = []
    for (_, account), happened in pairs.items():
        inside, start = False, 0
        for position, (time, rank) in enumerate(sorted(happened)):
            opens = rank == 0 or (rank == 2 and position == 0)
            if opens and not inside:
                inside, start = True, time
            elif rank == 1 and inside:
                inside = False
                spans.append((person[account], start, time))
        if inside:
            spans.append((person[account], start, NO_TIME))
    return sorted(span for span in spans if span[0] >= 0)


@settings(max_examples=300)
@given(facts, st.lists(st.integers(-1, 2), min_size=4, max_size=4), st.booleans(), st.booleans())
def test_presence_spans_replay_the_rule_pair_by_pair(
    rows: list[tuple[int, int, int, int]], person: list[int], store_order: bool, wide: bool
) -> None:
    spread = WIDE if wide else 1
    changes = [(g * spread, a, t, kind == 0) for g, a, t, kind in rows if kind < 2]
    active: dict[tuple[int, int], int] = {}
    for g, a, t, kind in rows:
        if kind == 2:
            active[(g * spread, a)] = min(t, active.get((g * spread, a), t))
    if store_order:  # membership events in time order, first activities in (group, account) order
        changes.sort(key=lambda row: row[2])
        active = dict(sorted(active.items()))
    columns = MembershipChanges(
        ints([c[0] for c in changes]), ints([c[1] for c in changes]), ints([c[2] for c in changes]),
        np.array([c[3] for c in changes], dtype=bool),
    )  # fmt: skip
    first = FirstActivity(
        ints([p[0] for p in active]), ints([p[1] for p in active]), ints(list(active.values()))
    )
    spans = presence_spans(columns, first, ints(person))
    found = sorted(zip(spans.person.tolist(), spans.start_us.tolist(), spans.end_us.tolist(), strict=True))
    assert found == plain_spans(changes, active, person)


joins_drawn = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 5), st.integers(-1, 7), st.integers(-1, 2), st.booleans()),
    max_size=25,
)  # (person, time, inviter, code, founder)


def draw_forest(rows: list[tuple[int, int, int, int, bool]], earlier: list[int]) -> tuple[Joins, list[int]]:
    """Joins of persons 0..7; a person's arrival is their first join, or `earlier[p]` when sooner."""
    joins = Joins(
        ints([r[0] for r in rows]), ints([r[1] for r in rows]), ints(list(range(len(rows)))),
        ints([r[2] for r in rows]), ints([r[3] for r in rows]), np.array([r[4] for r in rows], dtype=bool),
    )  # fmt: skip
    arrival = [NO_TIME if t < 0 else t for t in earlier]
    for person, time, *_ in rows:
        arrival[person] = min(arrival[person], time)
    return joins, arrival


@settings(max_examples=300)
@given(joins_drawn, st.lists(st.integers(-1, 5), min_size=8, max_size=8), st.integers(-1, 7))
def test_the_forest_attributes_each_newcomer_as_written(
    rows: list[tuple[int, int, int, int, bool]], earlier: list[int], owner: int
) -> None:
    joins, arrival = draw_forest(rows, earlier)
    code_owner = [owner, -1, 3]  # code 0 is someone's personal code (or a channel's), 1 a channel's
    forest = referral_forest(joins, ints(arrival), ints(code_owner))
    first = {}  # each person's first join: the earliest, the first recorded among equal times
    for row in sorted(rows, key=lambda row: row[1]):
        first.setdefault(row[0], row)
    for person in range(8):
        if person not in first:
            assert (forest.parent[person], forest.attributed[person]) == (-1, False)
            continue
        _, time, inviter, code, founder = first[person]
        newcomer = time == arrival[person]

        def can(candidate: int, time: int = time, person: int = person) -> bool:
            if candidate < 0 or candidate == person:
                return False
            came = arrival[candidate]
            was_newcomer = candidate in first and first[candidate][1] == came
            return came < time or (came == time and not was_newcomer)

        parent = inviter if can(inviter) else code_owner[code] if code >= 0 and can(code_owner[code]) else -1
        counted = newcomer and not founder
        assert forest.parent[person] == (parent if counted else -1)
        assert forest.attributed[person] == (counted and (parent >= 0 or code >= 0))


def forest_of(parent: list[int], attributed: list[bool], joined: list[int]) -> Forest:
    count = len(parent)
    nothing = np.zeros(count, dtype=np.int64)
    return Forest(
        nothing, ints(joined), np.ones(count, dtype=bool), np.array(attributed, dtype=bool), ints(parent),
        ints([-1] * count), nothing, nothing,
    )  # fmt: skip


forests = st.integers(2, 14).flatmap(
    lambda count: st.tuples(
        st.lists(st.integers(-1, count - 1), min_size=count, max_size=count),
        st.lists(st.booleans(), min_size=count, max_size=count),
        st.lists(st.integers(0, 90), min_size=count, max_size=count),
        st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=30),
    )
)


@settings(max_examples=300)
@given(forests, st.sampled_from([-1, YES, PENDING]))
def test_tallies_count_what_a_counter_counts(drawn: tuple, state: int) -> None:
    parent, attributed, joined, _ = drawn
    forest = forest_of(parent, attributed, joined)
    states = np.array([state if i % 2 else YES for i in range(len(parent))], dtype=np.int8)
    tally = tally_by(forest.parent, forest.attributed, Outcomes(states, states, states))
    chosen = [i for i, p in enumerate(parent) if attributed[i] and p >= 0]
    joins = Counter(parent[i] for i in chosen)
    real = Counter(parent[i] for i in chosen if states[i] == YES)
    pending = Counter(parent[i] for i in chosen if states[i] == PENDING)
    assert tally.key.tolist() == sorted(joins)
    assert tally.joins.tolist() == [joins[k] for k in sorted(joins)]
    assert tally.real.tolist() == [real[k] for k in sorted(joins)]
    assert tally.pending.tolist() == [pending[k] for k in sorted(joins)]


@settings(max_examples=300)
@given(forests)
def test_bursts_and_rings_match_their_definitions(drawn: tuple) -> None:
    parent, attributed, joined, talk = drawn
    forest = forest_of(parent, attributed, [minutes * MINUTE for minutes in joined])
    rules = FraudRules(burst_joins=3, burst_minutes=20, ring_min=2)
    invitees: dict[int, list[int]] = defaultdict(list)
    for person, inviter in enumerate(parent):
        if attributed[person] and inviter >= 0:
            invitees[inviter].append(person)

    expected_bursts = {}
    for inviter, people in invitees.items():
        people = sorted(people, key=lambda p: (joined[p], p))
        for i, person in enumerate(people):
            inside = [p for p in people[i:] if joined[p] - joined[person] <= 20]
            if len(inside) >= 3:
                expected_bursts[inviter] = inside
                break
    found = {flag.inviter: flag.evidence["invitees"] for flag in bursts(forest, rules)}
    assert found == expected_bursts

    partners: dict[int, set[int]] = defaultdict(set)
    for a, b in talk:
        partners[a].add(b)
        partners[b].add(a)
    expected_rings = {}
    for inviter, people in invitees.items():
        talking = [p for p in people if partners[p]]
        closed = [p for p in talking if partners[p] <= {inviter, *people}]
        if len(closed) >= 2 and closed == talking:
            expected_rings[inviter] = closed
    source, target = ints([a for a, _ in talk]), ints([b for _, b in talk])
    found = {flag.inviter: flag.evidence["invitees"] for flag in rings(forest, source, target, rules)}
    assert found == expected_rings
