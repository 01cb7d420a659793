"""The fission campaign (裂变): "invite three friends into the group, get a tin of powder".

Some talkative members in each group take part and bring real friends who stay, talk and buy. One or
two of them game it instead: a burst of throwaway accounts joins by their link within minutes, never
says a word, and leaves within two days once the reward is paid, the false fission the seeds warn of.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cast import ORDINARY, Cast
from .entries import CAMPAIGN_CODE, CAMPAIGN_END_US, CAMPAIGN_START_US, CODES
from .groups import Groups
from .table import FOUNDER, LINK, Ending, Memberships, concat, new_rows, no_rows, pick_within, present
from .year import DAY_US, HOUR_US, seconds_us

_CODE = CODES.index(CAMPAIGN_CODE)
CREDITED_SHARE = 0.65  # of newcomers during the campaign, who came by a participant's link


@dataclass(frozen=True)
class Participants:
    """Participants' slots, grouped by group: group g's are person[start[g] : start[g] + count[g]]."""

    person: np.ndarray
    start: np.ndarray
    count: np.ndarray


def run_campaign(rng: np.random.Generator, rows: Memberships, cast: Cast, groups: Groups) -> Memberships:
    """Credit newcomers to participants and add the throwaway accounts; rows sorted by group."""
    participants = choose_participants(rng, rows, cast, groups)
    _credit_invites(rng, rows, cast, participants)
    return concat([rows, _throwaway_rows(rng, cast, groups, participants)])


def choose_participants(
    rng: np.random.Generator, rows: Memberships, cast: Cast, groups: Groups
) -> Participants:
    """In each group, about one in sixty present members takes part, the talkative ones likelier."""
    eligible = (
        np.isin(cast.role[rows.person], ORDINARY)
        & (rows.weight > 0)
        & present(rows, CAMPAIGN_START_US, CAMPAIGN_END_US)
    )
    candidates = np.flatnonzero(eligible)
    group = rows.group[candidates]
    # Weighted sampling without replacement: the smallest of these "finishing times" win.
    race = rng.exponential(size=len(candidates)) / rows.weight[candidates]
    order = np.lexsort((race, group))
    candidates, group = candidates[order], group[order]
    present_count = np.bincount(group, minlength=groups.count)
    first = np.concatenate([[0], np.cumsum(present_count)[:-1]])
    rank = np.arange(len(candidates)) - first[group]
    chosen = rank < 1 + present_count[group] // 60
    person, group = rows.person[candidates[chosen]], group[chosen]
    count = np.bincount(group, minlength=groups.count)
    return Participants(person, np.concatenate([[0], np.cumsum(count)[:-1]]), count)


def _credit_invites(
    rng: np.random.Generator, rows: Memberships, cast: Cast, participants: Participants
) -> None:
    if not len(participants.person):
        return
    during = (rows.join_us >= CAMPAIGN_START_US) & (rows.join_us < CAMPAIGN_END_US) & (rows.via != FOUNDER)
    wanted = during & np.isin(cast.role[rows.person], ORDINARY) & (rng.random(len(rows)) < CREDITED_SHARE)
    index = pick_within(
        participants.start[rows.group], participants.count[rows.group], rng.random(len(rows)) ** 2
    )
    inviter = np.where(index >= 0, participants.person[np.maximum(index, 0)], -1)
    credited = wanted & (inviter >= 0) & (inviter != rows.person)
    rows.via[credited] = LINK
    rows.code[credited] = _CODE
    rows.inviter[credited] = inviter[credited]


def fraudsters(cast: Cast, participants: Participants) -> list[tuple[int, int]]:
    """(person, group) of the participants who bring throwaway accounts: the top of the biggest groups."""
    biggest = np.argsort(-participants.count, kind="stable")[: cast.sizes.fraudsters]
    return [
        (int(participants.person[participants.start[g]]), int(g)) for g in biggest if participants.count[g]
    ]


def _throwaway_rows(
    rng: np.random.Generator, cast: Cast, groups: Groups, participants: Participants
) -> Memberships:
    parts = []
    each = cast.sizes.throwaways_each
    for number, (person, group) in enumerate(fraudsters(cast, participants)):
        slots = cast.sizes.first_throwaway + number * each + np.arange(each)
        burst = CAMPAIGN_START_US + int(rng.integers(2, 15)) * DAY_US + 21 * HOUR_US
        join = burst + np.cumsum(seconds_us(rng, 3, 40, each))
        rows = new_rows(slots, np.full(each, group), join, LINK, 0.0)
        rows.inviter[:], rows.code[:] = person, _CODE
        rows.end_us[:] = join + seconds_us(rng, 2 * 3600, 47 * 3600, each)
        rows.ending[:] = Ending.LEAVE
        parts.append(rows)
    return concat([no_rows(), *parts])
