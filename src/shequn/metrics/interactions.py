"""Who interacts with whom: the interaction graph's edges, drawn from events as columns.

An interaction goes from the member who acts to the member they act towards: the author of a reply
to the author replied to, the author of a message to each member it mentions, an answer found by the
conversation heuristic to the author answered, an inviter to the member they brought in. Members are
member ids (one person across accounts), so two accounts of one person are one vertex.

Definitions and weights are in docs/leaders.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from .grouping import distinct

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]

MICROS_PER_DAY = 86_400 * 1_000_000
DEFAULT_HALF_LIFE_DAYS = 90.0
# The conversation heuristic: a message counts as an answer to the latest message by someone else in
# the same group when it comes at most this long after it.
DEFAULT_ANSWER_WINDOW_US = 5 * 60 * 1_000_000


class Layer(IntEnum):
    REPLY = 0  # an explicit reply or quote
    MENTION = 1  # an @mention
    ANSWER = 2  # the conversation heuristic, in groups whose format records no replies
    INVITE = 3  # an invitation into a group: a layer of its own, never in the conversation graph


# How much one interaction of each conversation layer weighs before its age is taken into account.
# A heuristic answer is a guess, so it counts half.
LAYER_WEIGHTS: dict[Layer, float] = {Layer.REPLY: 1.0, Layer.MENTION: 1.0, Layer.ANSWER: 0.5}
CONVERSATION = (Layer.REPLY, Layer.MENTION, Layer.ANSWER)


@dataclass(frozen=True)
class Interactions:
    """One row per interaction, as parallel columns."""

    source: Ints  # the member who acts
    target: Ints  # the member acted towards
    group: Ints  # the group it happened in
    time_us: Ints
    layer: NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.source)

    def where(self, keep: NDArray[np.bool_]) -> Interactions:
        return Interactions(
            self.source[keep], self.target[keep], self.group[keep], self.time_us[keep], self.layer[keep]
        )

    def of_layers(self, layers: tuple[Layer, ...]) -> Interactions:
        return self.where(np.isin(self.layer, np.array(layers, dtype=np.int8)))

    def in_group(self, group: int) -> Interactions:
        return self.where(self.group == group)


def interactions(
    source: Ints, target: Ints, group: Ints, time_us: Ints, layer: Layer
) -> Interactions:  # fmt: skip
    """Interactions of one layer from columns; a member interacting with themselves is left out."""
    keep = source != target
    return Interactions(
        source[keep].astype(np.int64),
        target[keep].astype(np.int64),
        group[keep].astype(np.int64),
        time_us[keep].astype(np.int64),
        np.full(int(keep.sum()), layer, dtype=np.int8),
    )


def combined(*parts: Interactions) -> Interactions:
    return Interactions(*(np.concatenate([getattr(p, name) for p in parts]) for name in _COLUMNS))


_COLUMNS = ("source", "target", "group", "time_us", "layer")


def answers(
    group: Ints, author: Ints, time_us: Ints, window_us: int = DEFAULT_ANSWER_WINDOW_US
) -> Interactions:  # fmt: skip
    """The conversation heuristic, for messages sorted by group and time. A turn is a run of messages
    by one member; a turn answers the turn just before it in its group when it starts at most
    `window_us` after that turn's last message. One answer per turn, however many messages it holds.
    """
    starts = np.flatnonzero((author[1:] != author[:-1]) | (group[1:] != group[:-1])) + 1
    before = starts - 1
    close = (group[starts] == group[before]) & (time_us[starts] - time_us[before] <= window_us)
    starts, before = starts[close], before[close]
    return interactions(author[starts], author[before], group[starts], time_us[starts], Layer.ANSWER)


def decayed_weights(found: Interactions, now_us: int, half_life_days: float) -> Floats:
    """Each interaction's layer weight, halved for every `half_life_days` of age at `now_us`."""
    base = np.zeros(len(found), dtype=np.float64)
    for layer, weight in LAYER_WEIGHTS.items():
        base[found.layer == layer] = weight
    age_days = np.maximum(now_us - found.time_us, 0) / MICROS_PER_DAY
    weights: Floats = base * np.exp2(-age_days / half_life_days)
    return weights


@dataclass(frozen=True)
class Edges:
    """A weighted directed graph on vertices 0..len(members)-1: one edge per ordered pair of members
    that interacted, weighing the sum of their interactions' weights. `members[v]` is vertex v's
    member id; members are sorted, so the same interactions always give the same vertices."""

    members: Ints
    source: Ints
    target: Ints
    weight: Floats


def directed_edges(found: Interactions, weights: Floats, members: Ints | None = None) -> Edges:
    """The graph of `found`, on `members` (default: everyone in `found`; it must hold them all)."""
    if members is None:
        members = distinct(np.concatenate([found.source, found.target]))
    n = len(members)
    key = vertices(members, found.source) * n + vertices(members, found.target)
    unique, summed = summed_per_key(key, weights)
    return Edges(members, unique // n if n else unique, unique % n if n else unique, summed)


def summed_per_key(keys: Ints, weights: Floats) -> tuple[Ints, Floats]:
    """The distinct keys, sorted, and the sum of each one's weights (one sort: np.unique's inverse
    costs half as much again)."""
    order = np.argsort(keys)
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(keys) else order
    summed: Floats = np.add.reduceat(weights[order], starts) if len(keys) else np.zeros(0)
    return ordered[starts], summed


def vertices(members: Ints, ids: Ints) -> Ints:
    """Each id's vertex: its position in `members` (sorted, holding every id). The store counts
    member ids from 1, so a table indexed by id finds them all in one gather, several times faster
    than a binary search per id; ids spread far wider than the members fall back to the search."""
    if not len(members) or members[0] < 0 or int(members[-1]) > 4 * len(members) + 1_000_000:
        return np.searchsorted(members, ids)
    table = np.zeros(int(members[-1]) + 1, dtype=np.int64)
    table[members] = np.arange(len(members))
    found: Ints = table[ids]
    return found
