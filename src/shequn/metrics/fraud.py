"""Fraud flags on inviters, each with its evidence. A flag holds the inviter's rewards for a human to
look at; it never bans anyone by itself. Definitions and defaults: docs/fission.md.

- burst: at least 10 attributed joins brought by one inviter within 60 minutes;
- join_and_leave: at least 3 of their invitees, and at least a quarter of those judged, were in no group
  48 hours after joining;
- silent_invitees: at least 5 invitees judged on activation, and none activated;
- self_referral: a join whose inviter is the joining person (the same account, or two accounts merged
  into one person);
- ring: at least 3 invitees talk (reply or mention), and every one of them talks only with fellow
  invitees of the same inviter and the inviter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .fission import YES, Outcomes
from .presence_spans import NO_TIME, Spans, present_at
from .referrals import Forest, Joins

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
MICROS_PER_MINUTE = 60 * 1_000_000
Evidence = dict[str, int | list[int]]


@dataclass(frozen=True)
class FraudRules:
    burst_joins: int = 10
    burst_minutes: float = 60.0
    leave_hours: float = 48.0
    leave_min: int = 3
    leave_share: float = 0.25
    silent_min: int = 5
    ring_min: int = 3


@dataclass(frozen=True)
class Flag:
    inviter: int  # person number
    flag: str
    evidence: Evidence  # counts, times (time_us) and people (person numbers, under "invitees")


def bursts(forest: Forest, rules: FraudRules) -> list[Flag]:
    window = int(rules.burst_minutes * MICROS_PER_MINUTE)
    child = np.flatnonzero(forest.attributed & (forest.parent >= 0))
    # Only an inviter with enough invitees can have a burst: sort theirs alone.
    invited = np.bincount(forest.parent[child], minlength=len(forest.parent))
    child = child[invited[forest.parent[child]] >= rules.burst_joins]
    child = child[np.lexsort((forest.joined_us[child], forest.parent[child]))]
    parent, time = forest.parent[child], forest.joined_us[child]
    k = rules.burst_joins - 1
    if len(child) <= k:
        return []
    last = len(child) - k  # slicing to `-k` would take nothing when a single join is a burst
    opens = np.flatnonzero((parent[k:] == parent[:last]) & (time[k:] - time[:last] <= window))
    _, first = np.unique(parent[opens], return_index=True)
    flags = []
    for start in opens[first]:
        own_end = int(np.searchsorted(parent, parent[start], side="right"))
        end = start + int(np.searchsorted(time[start:own_end], time[start] + window, side="right"))
        flags.append(
            Flag(
                int(parent[start]),
                "burst",
                {
                    "joins": end - start,
                    "start_us": int(time[start]),
                    "end_us": int(time[end - 1]),
                    "invitees": child[start:end].tolist(),
                },
            )
        )
    return flags


def joins_and_leaves(forest: Forest, spans: Spans, as_of_us: int, rules: FraudRules) -> list[Flag]:
    moment = forest.joined_us + int(rules.leave_hours * 60 * MICROS_PER_MINUTE)
    judged = forest.attributed & (forest.parent >= 0) & (moment <= as_of_us)
    gone = judged & ~present_at(spans, np.where(judged, moment, NO_TIME))
    gone_count = np.bincount(forest.parent[gone], minlength=len(forest.parent))
    judged_count = np.bincount(forest.parent[judged], minlength=len(forest.parent))
    flagged = np.flatnonzero(
        (gone_count >= rules.leave_min) & (gone_count >= rules.leave_share * judged_count)
    )
    gone_of = _children_of(forest.parent, gone, flagged)
    return [
        Flag(
            int(p),
            "join_and_leave",
            {
                "left_within": int(gone_count[p]),
                "judged": int(judged_count[p]),
                "invitees": gone_of[int(p)],
            },
        )
        for p in flagged
    ]


def silent_invitees(forest: Forest, result: Outcomes, rules: FraudRules) -> list[Flag]:
    invited = forest.attributed & (forest.parent >= 0)
    judged = invited & (result.activated != -1)
    judged_count = np.bincount(forest.parent[judged], minlength=len(forest.parent))
    active_count = np.bincount(
        forest.parent[invited & (result.activated == YES)], minlength=len(forest.parent)
    )
    flagged = np.flatnonzero((judged_count >= rules.silent_min) & (active_count == 0))
    return [
        Flag(int(p), "silent_invitees", {"judged": int(judged_count[p]), "activated": 0}) for p in flagged
    ]


def self_referrals(joins: Joins) -> list[Flag]:
    own = np.flatnonzero((joins.inviter >= 0) & (joins.inviter == joins.person))
    people, counts = np.unique(joins.person[own], return_counts=True)
    return [
        Flag(
            int(p),
            "self_referral",
            {
                "joins": int(n),
                "first_us": int(joins.time_us[own][joins.person[own] == p].min()),
            },
        )
        for p, n in zip(people, counts, strict=True)
    ]


def rings(forest: Forest, source: Ints, target: Ints, rules: FraudRules) -> list[Flag]:
    """`source` and `target` are person numbers of interactions (replies and mentions)."""
    invited = forest.attributed & (forest.parent >= 0)
    # A circle (an inviter's invitees) smaller than a ring cannot be one: its invitees are left out.
    size = np.bincount(forest.parent[invited], minlength=len(forest.parent))
    circle = np.where(invited & (size[forest.parent] >= rules.ring_min), forest.parent, -1)
    if len(circle) < 2**31:  # a narrower column halves the memory that the lookups below touch
        circle = circle.astype(np.int32)
    source_circle, target_circle = circle[source], circle[target]
    same_circle = source_circle == target_circle
    talks = np.zeros(len(circle), dtype=bool)
    outside = np.zeros(len(circle), dtype=bool)
    for me, other, mine in ((source, target, source_circle), (target, source, target_circle)):
        member = mine >= 0
        talks[me[member]] = True
        outside[me[member & ~same_circle & (other != mine)]] = True
    talking = (circle >= 0) & talks
    closed = talking & ~outside
    talking_count = np.bincount(circle[talking], minlength=len(circle))
    closed_count = np.bincount(circle[closed], minlength=len(circle))
    flagged = np.flatnonzero((closed_count >= rules.ring_min) & (closed_count == talking_count))
    closed_of = _children_of(circle, closed, flagged)
    return [Flag(int(p), "ring", {"invitees": closed_of[int(p)]}) for p in flagged]


def all_flags(
    forest: Forest, result: Outcomes, spans: Spans, joins: Joins, interactions: tuple[Ints, Ints],
    as_of_us: int, rules: FraudRules,
) -> list[Flag]:  # fmt: skip
    return [
        *bursts(forest, rules),
        *joins_and_leaves(forest, spans, as_of_us, rules),
        *silent_invitees(forest, result, rules),
        *self_referrals(joins),
        *rings(forest, *interactions, rules),
    ]


def _children_of(parent: Ints, chosen: Bools, wanted: Ints) -> dict[int, list[int]]:
    """The people in `chosen` whose parent is each of `wanted`: one sort, not a scan per parent."""
    rows = np.flatnonzero(chosen & np.isin(parent, wanted))
    if not len(rows):
        return {}
    rows = rows[np.argsort(parent[rows], kind="stable")]
    keys, starts = np.unique(parent[rows], return_index=True)
    return {int(key): part.tolist() for key, part in zip(keys, np.split(rows, starts[1:]), strict=True)}
