"""Call energy (号召力) of group owners: when an owner posts, how many of the group's members respond.

A call is a message by a group's owner in that group. Its responders are the distinct other members
who write in the group within 24 hours after it; its energy is responders divided by the group's
active members that month: distinct people other than the owner who wrote there from the start of
the call's calendar month (UTC) to 24 hours after its end, so every responder is among them.
Definitions: docs/leaders.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .interactions import Floats, Ints

RESPONSE_WINDOW_US = 24 * 3600 * 1_000_000


@dataclass(frozen=True)
class Calls:
    """One row per call: an owner's message in their own group."""

    owner: Ints
    group: Ints
    time_us: Ints
    month: Ints  # months since 1970-01 (UTC)
    responders: Ints
    active: Ints  # the group's active members other than the owner, that month
    energy: Floats  # responders / active (0 when nobody else was active)


def month_of(time_us: Ints) -> Ints:
    months: Ints = time_us.astype("datetime64[us]").astype("datetime64[M]").astype(np.int64)
    return months


def calls(group: Ints, author: Ints, time_us: Ints, owners: dict[int, int]) -> Calls:
    """The calls in messages sorted by group and time, with each group's owner in `owners`."""
    owner_of = np.array([owners.get(int(g), -1) for g in np.unique(group)], dtype=np.int64)
    owner = owner_of[np.searchsorted(np.unique(group), group)] if len(group) else np.zeros(0, np.int64)
    by_owner = author == owner
    month = month_of(time_us)
    others = ~by_owner
    # A call's responders can write up to 24 h into the next month: they count as active in the
    # call's month too, so the responders are always among the active members.
    spill = others & (month_of(time_us - RESPONSE_WINDOW_US) != month)
    active = _active_counts(
        np.concatenate([group[others], group[spill]]),
        np.concatenate([month[others], month[spill] - 1]),
        np.concatenate([author[others], author[spill]]),
        group,
        month,
    )
    previous = _previous_time(group[others], author[others], time_us[others])
    positions = np.flatnonzero(by_owner)
    responders = _responders(group[others], time_us[others], previous, group[positions], time_us[positions])
    energy = responders / np.maximum(active[positions], 1)
    return Calls(
        owner[positions], group[positions], time_us[positions], month[positions], responders,
        active[positions], np.where(active[positions] > 0, energy, 0.0),
    )  # fmt: skip


def _active_counts(group: Ints, month: Ints, author: Ints, at_group: Ints, at_month: Ints) -> Ints:
    """Distinct authors per (group, month), looked up at each (at_group, at_month)."""
    if len(group) == 0:
        return np.zeros(len(at_group), dtype=np.int64)
    span = int(month.max()) - int(month.min()) + 1
    low = int(month.min())
    cells = np.unique(np.stack([group * span + (month - low), author], axis=1), axis=0)[:, 0]
    keys, counts = np.unique(cells, return_counts=True)
    wanted = at_group * span + np.clip(at_month - low, 0, span - 1)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    inside = (keys[at] == wanted) & (at_month >= low) & (at_month < low + span)
    found: Ints = np.where(inside, counts[at], 0)
    return found


def _previous_time(group: Ints, author: Ints, time_us: Ints) -> Ints:
    """For each message, the time of the same author's previous message in the group (or -inf)."""
    order = np.lexsort((time_us, author, group))
    previous = np.full(len(group), np.iinfo(np.int64).min, dtype=np.int64)
    same = (group[order][1:] == group[order][:-1]) & (author[order][1:] == author[order][:-1])
    previous[order[1:][same]] = time_us[order][:-1][same]
    return previous


def _responders(group: Ints, time_us: Ints, previous: Ints, call_group: Ints, call_time: Ints) -> Ints:
    """Distinct authors writing in (t, t + 24 h] after each call: in that span, an author's first
    message is the one whose previous message by them came at t or before."""
    if len(time_us) == 0:
        return np.zeros(len(call_time), dtype=np.int64)
    # One sortable integer per (group, moment): the messages are sorted by it already.
    groups = np.unique(np.concatenate([group, call_group]))
    low = min(int(time_us.min()), int(call_time.min()) if len(call_time) else 0)
    span = (
        max(int(time_us.max()), int(call_time.max()) if len(call_time) else 0) - low + RESPONSE_WINDOW_US + 1
    )
    key = np.searchsorted(groups, group) * span + (time_us - low)
    call_key = np.searchsorted(groups, call_group) * span + (call_time - low)
    start = np.searchsorted(key, call_key, side="right")
    end = np.searchsorted(key, call_key + RESPONSE_WINDOW_US, side="right")
    counts = np.zeros(len(call_time), dtype=np.int64)
    for i, (lo, hi, moment) in enumerate(zip(start.tolist(), end.tolist(), call_time.tolist(), strict=True)):
        counts[i] = np.count_nonzero(previous[lo:hi] <= moment)
    return counts


@dataclass(frozen=True)
class OwnerEnergy:
    """Owners ranked by call energy: the mean energy of their calls, then more calls, then owner id."""

    owner: Ints
    calls: Ints
    responders: Floats  # mean responders per call
    energy: Floats  # mean energy per call


def by_owner(found: Calls) -> OwnerEnergy:
    owners, inverse = np.unique(found.owner, return_inverse=True)
    count = np.bincount(inverse, minlength=len(owners))
    per_call = np.maximum(count, 1)
    responders = np.bincount(inverse, weights=found.responders, minlength=len(owners)) / per_call
    energy = np.bincount(inverse, weights=found.energy, minlength=len(owners)) / per_call
    order = np.lexsort((owners, -count, -np.round(energy, 12)))
    return OwnerEnergy(owners[order], count[order].astype(np.int64), responders[order], energy[order])


def by_owner_and_month(found: Calls) -> tuple[Ints, Ints, Ints, Floats]:
    """(owner, month, calls, mean energy) for every month an owner made calls, by owner then month."""
    pairs, inverse = np.unique(np.stack([found.owner, found.month], axis=1), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    count = np.bincount(inverse, minlength=len(pairs))
    energy = np.bincount(inverse, weights=found.energy, minlength=len(pairs)) / np.maximum(count, 1)
    return pairs[:, 0].copy(), pairs[:, 1].copy(), count.astype(np.int64), energy
