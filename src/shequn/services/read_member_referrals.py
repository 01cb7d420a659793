"""A member's place in the referral forest, for their profile page: who brought them, whom they brought."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..domain.clock import iso_time
from ..metrics.fission import NO, YES
from ..store import Database
from ..store.fission_reads import member_names_txn
from .communities import Community
from .load_fission import FissionData, load_fission

_STATE = {YES: "yes", NO: "no"}


@dataclass(frozen=True)
class Invitee:
    member_id: int
    name: str | None
    joined: str  # ISO time in the community's zone
    retained_30d: str  # yes, no or pending
    activated_14d: str
    real: str


@dataclass(frozen=True)
class MemberReferrals:
    member_id: int
    invited_by: int | None  # the member who brought them, if attributed to one
    code: str | None  # the code of their first join
    depth: int
    invitees: list[Invitee]  # in the order they joined


def read_member_referrals(
    db: Database, community: Community, member_id: int, data: FissionData | None = None
) -> MemberReferrals | None:
    """None when the member is unknown to fission (never a member up to the last event)."""
    data = data or load_fission(db, community)
    person = data.person(member_id)
    if person is None:
        return None
    forest, result = data.forest, data.result
    children = np.flatnonzero(forest.attributed & (forest.parent == person))
    children = children[np.argsort(forest.joined_us[children], kind="stable")]
    ids = [int(data.members[child]) for child in children]
    names = member_names_txn(db, community.id, ids)
    invitees = [
        Invitee(
            member,
            names.get(member),
            iso_time(int(forest.joined_us[child]), None, community.zone),
            _state(result.retained[child]),
            _state(result.activated[child]),
            _state(result.real[child]),
        )
        for member, child in zip(ids, children, strict=True)
    ]
    parent = int(forest.parent[person])
    code = int(forest.code[person])
    return MemberReferrals(
        member_id=member_id,
        invited_by=int(data.members[parent]) if parent >= 0 else None,
        code=data.codes[code] if code >= 0 else None,
        depth=int(forest.depth[person]),
        invitees=invitees,
    )


def _state(value: np.int8) -> str:
    return _STATE.get(int(value), "pending")
