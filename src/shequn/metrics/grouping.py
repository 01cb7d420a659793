"""The few vectorised building blocks every metric uses: per-key minimums, counts of distinct
pairs, and "what was the state at that moment" lookups."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Int64s = npt.NDArray[np.int64]


# Sorting and comparing neighbours, rather than np.unique: on tens of millions of integers numpy's
# hash-based unique is several times slower than a sort.


def distinct(keys: Int64s) -> Int64s:
    """The distinct keys, sorted."""
    ordered = np.sort(keys)
    found: Int64s = ordered[_starts(ordered)]
    return found


def distinct_counts(keys: Int64s) -> tuple[Int64s, Int64s]:
    """The distinct keys, sorted, and how many times each occurs."""
    ordered = np.sort(keys)
    starts = np.flatnonzero(_starts(ordered))
    counts: Int64s = np.diff(np.r_[starts, len(ordered)])
    return ordered[starts], counts


def min_per_key(keys: Int64s, values: Int64s) -> tuple[Int64s, Int64s]:
    """The distinct keys, sorted, and the smallest value of each."""
    return _reduce_per_key(np.minimum, keys, values)


def max_per_key(keys: Int64s, values: Int64s) -> tuple[Int64s, Int64s]:
    return _reduce_per_key(np.maximum, keys, values)


def _reduce_per_key(how: np.ufunc, keys: Int64s, values: Int64s) -> tuple[Int64s, Int64s]:
    if not len(keys):
        return keys, values
    order = np.argsort(keys)
    ordered = keys[order]
    starts = np.flatnonzero(_starts(ordered))
    reduced: Int64s = how.reduceat(values[order], starts)
    return ordered[starts], reduced


def _starts(ordered: Int64s) -> npt.NDArray[np.bool_]:
    """Where each run of equal values in a sorted array begins."""
    if not len(ordered):
        return np.zeros(0, dtype=bool)
    first: npt.NDArray[np.bool_] = np.r_[True, ordered[1:] != ordered[:-1]]
    return first


def lookup(keys: Int64s, values: Int64s, wanted: Int64s, missing: int = -1) -> Int64s:
    """values[keys == w] for each w of `wanted` (keys sorted and distinct), `missing` where absent."""
    if not len(keys):
        return np.full(len(wanted), missing, dtype=np.int64)
    position = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    found: Int64s = np.where(keys[position] == wanted, values[position], missing)
    return found


def state_at(
    change_key: Int64s, change_us: Int64s, change_state: Int64s, key: Int64s, time_us: Int64s
) -> Int64s:
    """The state of each (key, moment): that of the key's latest change at or before the moment, 0
    before its first. Changes are sorted by key then time.

    Each query finds its key's run of changes by binary search, then steps along the run while the
    changes are not later than its moment: keys have few changes, so the steps cost about as much as
    reading the changes once, and nothing is sorted."""
    if not len(change_key):
        return np.zeros(len(key), dtype=np.int64)
    first = np.searchsorted(change_key, key, side="left")
    end = np.searchsorted(change_key, key, side="right")
    latest = first - 1
    walking = np.flatnonzero(first < end)
    step = first[walking]
    while len(walking):
        moving = (step < end[walking]) & (change_us[np.minimum(step, len(change_us) - 1)] <= time_us[walking])
        walking, step = walking[moving], step[moving]
        latest[walking] = step
        step = step + 1
    found: Int64s = np.where(latest >= first, change_state[np.maximum(latest, 0)], 0)
    return found


def distinct_in_blocks(block: Int64s, value: Int64s) -> tuple[Int64s, Int64s, Int64s]:
    """The distinct values within each block: (blocks, sorted; where each block's values start,
    with a final end; the values, block after block). Blocks are few (days, groups): a stable sort
    by block is a radix sort, and within a block a dense stamp per value finds repeats without sorting."""
    if not len(block):
        return np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int64)
    first = int(block.min())
    offset = block - first
    order = np.argsort(offset.astype(np.int16 if offset.max() < 1 << 15 else np.int64), kind="stable")
    value = value[order]
    bounds = np.flatnonzero(np.r_[True, offset[order][1:] != offset[order][:-1], True])
    stamp = np.zeros(int(value.max()) + 1, dtype=np.int64)
    kept, starts = [], [0]
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        part = value[start:end]
        positions = np.arange(len(part))
        stamp[part] = positions
        kept.append(part[stamp[part] == positions])
        starts.append(starts[-1] + len(kept[-1]))
    blocks = offset[order][bounds[:-1]] + first
    return blocks, np.array(starts, dtype=np.int64), np.concatenate(kept)


def dense_min(keys: Int64s, values: Int64s, size: int, empty: int = np.iinfo(np.int64).max) -> Int64s:
    """For each key 0..size-1, the smallest of its values (`empty` for a key without any): one pass,
    no sort, for keys that are ids of bounded range (member ids)."""
    smallest = np.full(size, empty, dtype=np.int64)
    np.minimum.at(smallest, keys, values)
    return smallest


def dense_max(keys: Int64s, values: Int64s, size: int, empty: int = np.iinfo(np.int64).min) -> Int64s:
    largest = np.full(size, empty, dtype=np.int64)
    np.maximum.at(largest, keys, values)
    return largest


def min_in_blocks(block: Int64s, key: Int64s, values: Int64s) -> tuple[Int64s, Int64s, Int64s]:
    """The smallest value per (block, key), blocks being few (groups) and keys ids of bounded range:
    (block, key, smallest) per distinct pair, by block. A stable sort by block is a radix sort, and
    within a block a dense array per key keeps the minimums."""
    if not len(block):
        return block, key, values
    first = int(block.min())
    offset = block - first
    order = np.argsort(offset.astype(np.int16 if offset.max() < 1 << 15 else np.int64), kind="stable")
    key, values, offset = key[order], values[order], offset[order]
    bounds = np.flatnonzero(np.r_[True, offset[1:] != offset[:-1], True])
    empty = np.iinfo(np.int64).max
    best = np.full(int(key.max()) + 1, empty, dtype=np.int64)
    stamp = np.zeros(len(best), dtype=np.int64)
    blocks, keys, smallest = [], [], []
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        part = key[start:end]
        np.minimum.at(best, part, values[start:end])
        positions = np.arange(len(part))
        stamp[part] = positions
        seen = part[stamp[part] == positions]
        blocks.append(np.full(len(seen), int(offset[start]) + first, dtype=np.int64))
        keys.append(seen)
        smallest.append(best[seen])
        best[seen] = empty
    return np.concatenate(blocks), np.concatenate(keys), np.concatenate(smallest)
