"""Group health: how alive each group is over the last weeks, and which groups are dying (死群)."""

from __future__ import annotations

import numpy as np

from ..domain.clock import MICROS_PER_DAY, MICROS_PER_SECOND
from .columns import MESSAGE, REACTION, EventColumns
from .grouping import Int64s, distinct, distinct_counts, min_per_key
from .presence import Presence
from .settings import Windows

WEEK_US = 7 * MICROS_PER_DAY
_SECONDS_BITS = 31  # reply keys keep seconds since the first event in their low bits: 68 years


def group_health(
    columns: EventColumns, presence: Presence, windows: Windows, as_of_us: int
) -> list[dict[str, object]]:
    """One row per group that holds a member now or saw a message, by group id."""
    people = max(int(columns.member_of.max(initial=0)) + 1, 1)
    member = columns.member(columns.actor)
    person = (member >= 0) & (columns.group >= 0)
    said = person & (columns.kind == MESSAGE)
    acting = person & ((columns.kind == MESSAGE) | (columns.kind == REACTION))
    groups = np.union1d(presence.group_present // people, distinct(columns.group[said]))
    since = as_of_us - windows.health_days * MICROS_PER_DAY
    recent = (columns.time_us > since) & (columns.time_us <= as_of_us)
    pairs, sent = distinct_counts(columns.group[said & recent] * people + member[said & recent])
    messages = _per_group(pairs // people, sent, groups)
    top = _per_group(*_top_senders(pairs // people, sent), groups)
    active = distinct(columns.group[acting & recent] * people + member[acting & recent])
    present = _per_group(
        presence.group_present // people, np.ones(len(presence.group_present), np.int64), groups
    )
    active_present = np.isin(active, presence.group_present, assume_unique=True)
    active_now = _per_group(
        active[active_present] // people, np.ones(int(active_present.sum()), np.int64), groups
    )
    delay = reply_medians(columns, member, people, groups, since, as_of_us)
    latest, earlier = _weekly_active(columns, member, acting, people, groups, as_of_us, windows.dying_weeks)
    dying = (earlier >= windows.dying_min_active) & (latest <= earlier * (1 - windows.dying_drop))
    return [
        {
            "group_id": int(group),
            "members_now": int(present[i]),
            "messages_per_day": round(float(messages[i]) / windows.health_days, 2),
            "top_sender_share": None if not messages[i] else round(float(top[i] / messages[i]), 4),
            "median_reply_seconds": None if np.isnan(delay[i]) else float(delay[i]),
            "active_share": None if not present[i] else round(float(active_now[i] / present[i]), 4),
            "weekly_active": int(latest[i]),
            "weekly_active_before": int(earlier[i]),
            "dying": bool(dying[i]),
        }
        for i, group in enumerate(groups)
    ]


def _per_group(group: Int64s, values: Int64s, groups: Int64s) -> Int64s:
    totals = np.zeros(len(groups), dtype=np.int64)
    np.add.at(totals, np.searchsorted(groups, group), values)
    return totals


def _top_senders(group: Int64s, sent: Int64s) -> tuple[Int64s, Int64s]:
    """Messages of the top tenth (rounded up) of each group's senders: (group, messages) per sender kept."""
    order = np.lexsort((-sent, group))
    group, sent = group[order], sent[order]
    starts = np.r_[True, group[1:] != group[:-1]] if len(group) else np.zeros(0, bool)
    first = np.maximum.accumulate(np.where(starts, np.arange(len(group)), 0))
    senders = np.diff(np.r_[np.flatnonzero(starts), len(group)])
    rank = np.arange(len(group)) - first
    kept = rank < np.ceil(0.1 * np.repeat(senders, senders))
    return group[kept], sent[kept]


def reply_medians(
    columns: EventColumns, member: Int64s, people: int, groups: Int64s, since: int, as_of_us: int
) -> np.ndarray:
    """Each group's median time, in seconds, from a message to its first reply, over replies in the window.

    A reply (a message whose target is the author it answers) is taken to answer that author's
    latest message in the group before it.
    """
    said = (columns.kind == MESSAGE) & (member >= 0) & (columns.group >= 0)
    start = int(columns.time_us.min()) if len(columns) else 0
    position = np.zeros(int(groups.max(initial=0)) + 1, dtype=np.int64)
    position[groups] = np.arange(len(groups))
    dense = position[np.maximum(columns.group, 0)]
    seconds = (columns.time_us - start) // MICROS_PER_SECOND
    answered = columns.member(columns.target)
    replying = said & (answered >= 0) & (columns.time_us > since) & (columns.time_us <= as_of_us)
    replied_to = np.zeros(people, dtype=bool)
    replied_to[answered[replying]] = True
    candidates = said & replied_to[np.maximum(member, 0)]  # only the messages of people answered
    authored = np.sort(((dense * people + member) << _SECONDS_BITS)[candidates] | seconds[candidates])
    key = ((dense * people + answered) << _SECONDS_BITS)[replying] | seconds[replying]
    found = np.searchsorted(authored, key, side="left") - 1
    hit = (found >= 0) & (authored[np.maximum(found, 0)] >> _SECONDS_BITS == key >> _SECONDS_BITS)
    message, delay = min_per_key(authored[found[hit]], key[hit] - authored[found[hit]])
    return median_per_key((message >> _SECONDS_BITS) // people, delay, len(groups))


def median_per_key(key: Int64s, values: Int64s, keys: int) -> np.ndarray:
    """The median of the values of each key 0..keys-1 (NaN for a key without values)."""
    order = np.lexsort((values, key))
    key, values = key[order], values[order]
    counts = np.bincount(key, minlength=keys)
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    low = starts + (counts - 1) // 2
    high = starts + counts // 2
    some = counts > 0
    medians = np.full(keys, np.nan)
    medians[some] = (values[low[some]] + values[high[some]]) / 2
    return medians


def _weekly_active(
    columns: EventColumns, member: Int64s, acting: np.ndarray, people: int, groups: Int64s, as_of_us: int,
    weeks: int,
) -> tuple[Int64s, Int64s]:  # fmt: skip
    """Active members of each group in the last seven days, and in the seven days `weeks` weeks before."""
    counts = []
    for end in (as_of_us, as_of_us - weeks * WEEK_US):
        inside = acting & (columns.time_us > end - WEEK_US) & (columns.time_us <= end)
        pairs = distinct(columns.group[inside] * people + member[inside])
        counts.append(_per_group(pairs // people, np.ones(len(pairs), np.int64), groups))
    return counts[0], counts[1]
