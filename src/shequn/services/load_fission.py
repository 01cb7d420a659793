"""Loading what fission is computed from: the referral forest, presence spans and outcomes as of a moment.

Members become dense person numbers; codes become indices into `codes`. Every figure of
`read_fission`, the fraud flags, campaigns and member pages starts from one `FissionData`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..metrics.fission import Outcomes, Windows, outcomes
from ..metrics.presence_spans import FirstActivity, MembershipChanges, Spans, presence_spans
from ..metrics.referrals import Forest, Joins, arrivals, referral_forest
from ..store import Database
from ..store.campaigns import campaigns_txn
from ..store.fission_reads import (
    ActivityRows,
    MembershipRows,
    activity_rows_txn,
    last_event_time_txn,
    membership_rows_txn,
)
from .communities import Community

Ints = np.ndarray
ToPerson = Callable[[Ints], Ints]


@dataclass(frozen=True)
class FissionData:
    as_of_us: int
    windows: Windows
    members: Ints  # person number -> member id
    codes: tuple[str, ...]  # code index -> code
    joins: Joins
    join_group: Ints  # the group of each row of `joins`
    forest: Forest
    spans: Spans
    first_message_us: Ints
    result: Outcomes

    def person(self, member_id: int) -> int | None:
        position = int(np.searchsorted(self.members, member_id))
        found = position < len(self.members) and int(self.members[position]) == member_id
        return position if found else None


def load_fission(
    db: Database, community: Community, as_of_us: int | None = None, windows: Windows | None = None
) -> FissionData:
    """Everything as of `as_of_us` (default: the community's last event)."""
    windows = windows or Windows()
    if as_of_us is None:
        as_of_us = last_event_time_txn(db, community.id) or 0
    membership = membership_rows_txn(db, community.id, as_of_us)
    activity = activity_rows_txn(db, community.id, as_of_us)
    campaign_codes = {campaign.code for campaign in campaigns_txn(db, community.id)}
    return assemble(membership, activity, as_of_us, windows, campaign_codes)


def personal_code(campaign_code: str, member_id: int) -> str:
    """A member's personal code in a campaign: a join carrying it was brought by them."""
    return f"{campaign_code}.{member_id}"


def code_owner(code: str, campaign_codes: set[str]) -> int:
    """The member whose personal code `code` is, or -1 for any other code."""
    prefix, _, member = code.rpartition(".")
    return int(member) if prefix in campaign_codes and member.isdigit() else -1


def assemble(
    membership: MembershipRows,
    activity: ActivityRows,
    as_of_us: int,
    windows: Windows,
    campaign_codes: set[str],
) -> FissionData:
    inviters = membership.inviter_member[membership.inviter_member >= 0]
    members = np.unique(np.concatenate([membership.member, activity.member, inviters]))

    def person(member: Ints) -> Ints:
        return np.where(member >= 0, np.searchsorted(members, member), -1).astype(np.int64)

    person_of_account = _account_map(membership, activity, person)
    arrival = arrivals(
        len(members),
        np.concatenate([person(membership.member), person(activity.member)]),
        np.concatenate([membership.time_us, activity.first_us]),
    )
    wrote = activity.first_message_us >= 0
    first_message = arrivals(len(members), person(activity.member[wrote]), activity.first_message_us[wrote])
    joins, join_group, codes = _joins(membership, person)
    owner = np.array([code_owner(code, campaign_codes) for code in codes], dtype=np.int64)
    owner_person = np.minimum(person(owner), len(members) - 1)
    known = owner_person >= 0
    known[known] = members[owner_person[known]] == owner[known]  # a member fission has seen
    forest = referral_forest(joins, arrival, np.where(known, owner_person, -1))
    changes = MembershipChanges(
        membership.group, membership.account, membership.time_us, membership.kind == "join"
    )
    active = FirstActivity(activity.group, activity.account, activity.first_us)
    spans = presence_spans(changes, active, person_of_account)
    result = outcomes(forest, spans, first_message, as_of_us, windows)
    return FissionData(
        as_of_us, windows, members, codes, joins, join_group, forest, spans, first_message, result
    )


def _account_map(membership: MembershipRows, activity: ActivityRows, person: ToPerson) -> Ints:
    accounts = np.concatenate([membership.account, activity.account])
    owners = np.concatenate([membership.member, activity.member])
    mapping = np.full(int(accounts.max()) + 1 if len(accounts) else 1, -1, dtype=np.int64)
    mapping[accounts] = person(owners)
    return mapping


def _joins(membership: MembershipRows, person: ToPerson) -> tuple[Joins, Ints, tuple[str, ...]]:
    rows = np.flatnonzero(membership.kind == "join")
    code = membership.code[rows]
    coded = np.array([value is not None and value != "" for value in code], dtype=bool)
    codes, index = np.unique(code[coded].astype(str), return_inverse=True)
    code_index = np.full(len(rows), -1, dtype=np.int64)
    code_index[coded] = index
    joins = Joins(
        person=person(membership.member[rows]),
        time_us=membership.time_us[rows],
        order=membership.event_id[rows],
        inviter=person(membership.inviter_member[rows]),
        code=code_index,
        founder=membership.via[rows] == "founder",
    )
    return joins, membership.group[rows], tuple(str(value) for value in codes)
