"""The membership table: one row per stay of a person in a group, as columns of numpy arrays.

Every part of the story that brings people in or sends them away (the team, ordinary members, the
fission campaign, advertisers, moderators, people changing accounts) adds or edits rows here; the
events are written from the finished table, one group at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntEnum

import numpy as np

from ...domain.events import Via
from .year import END_US, START_US

VIAS = tuple(Via)
FOUNDER, LINK, ADDED, CODE, REQUEST = (
    VIAS.index(v) for v in (Via.FOUNDER, Via.LINK, Via.ADDED, Via.CODE, Via.REQUEST)
)


class Ending(IntEnum):
    STAYS = 0
    LEAVE = 1
    REMOVAL = 2


@dataclass
class Memberships:
    person: np.ndarray  # int64 slot
    group: np.ndarray  # int64
    join_us: np.ndarray  # int64
    end_us: np.ndarray  # int64, END_US for those still there at the end of the year
    ending: np.ndarray  # int8 Ending
    remover: np.ndarray  # int64 slot of the admin who removed them, -1
    via: np.ndarray  # int8 index into VIAS
    inviter: np.ndarray  # int64 slot, -1
    code: np.ndarray  # int16 index into the entry codes, -1
    weight: np.ndarray  # float64: how much they talk in this group

    def __len__(self) -> int:
        return len(self.person)

    def take(self, rows: np.ndarray) -> Memberships:
        return Memberships(*(getattr(self, f.name)[rows] for f in fields(self)))

    def starts(self, groups: int) -> np.ndarray:
        """Where each group's rows begin (and, at [groups], where the last ends); rows sorted by group."""
        return np.searchsorted(self.group, np.arange(groups + 1))

    def in_order(self) -> Memberships:
        """Sorted by group, then by the time they joined."""
        return self.take(np.argsort(sort_key(self.group, self.join_us - START_US), kind="stable"))


def new_rows(
    person: np.ndarray, group: np.ndarray, join_us: np.ndarray, via: int, weight: np.ndarray | float
) -> Memberships:
    """Rows of people who stay to the end of the year, with no inviter or code yet."""
    n = len(person)
    return Memberships(
        person=person.astype(np.int64),
        group=group.astype(np.int64),
        join_us=join_us.astype(np.int64),
        end_us=np.full(n, END_US, dtype=np.int64),
        ending=np.zeros(n, dtype=np.int8),
        remover=np.full(n, -1, dtype=np.int64),
        via=np.full(n, via, dtype=np.int8),
        inviter=np.full(n, -1, dtype=np.int64),
        code=np.full(n, -1, dtype=np.int16),
        weight=np.broadcast_to(np.asarray(weight, dtype=np.float64), (n,)).copy(),
    )


def no_rows() -> Memberships:
    empty = np.zeros(0, dtype=np.int64)
    return new_rows(empty, empty, empty, 0, 0.0)


def concat(parts: list[Memberships]) -> Memberships:
    return Memberships(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Memberships)))


def present(rows: Memberships, from_us: int, to_us: int) -> np.ndarray:
    """Which rows are of people in their group for the whole of [from_us, to_us)."""
    return (rows.join_us < from_us) & (rows.end_us > to_us)


def sort_key(group: np.ndarray, within: np.ndarray) -> np.ndarray:
    """One int64 that orders by group, then by `within` (non-negative, below 2**45)."""
    return (group.astype(np.int64) << 45) | within.astype(np.int64)


def distinct_pairs(person: np.ndarray, group: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """The (person, group) pairs without repeats, ordered by person."""
    pairs = np.sort(person.astype(np.int64) * groups + group)
    pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])]
    return pairs // groups, pairs % groups


def pick_within(starts: np.ndarray, counts: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For each row, an index in [starts, starts + counts) chosen by `u` in [0, 1); -1 where counts is 0."""
    offset = np.minimum((u * counts).astype(np.int64), np.maximum(counts - 1, 0))
    return np.where(counts > 0, starts + offset, -1)
