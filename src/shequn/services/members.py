"""Finding members and reading one member's profile, as much as the caller may see.

A group owner finds and opens only the members of their groups, and sees a profile through their
groups alone: the groups, events and invitees elsewhere are left out. Without the personal-data
permission phone numbers are masked; without the money permission amounts are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.clock import iso_time
from ..domain.privacy import shown_handle, shown_name
from ..domain.roles import Caller, Permission
from ..store import Database
from ..store.members import (
    invitees_txn,
    matching_accounts_txn,
    member_groups_txn,
    member_identities_txn,
    member_timeline_txn,
    members_of_groups_txn,
)
from .communities import Community
from .remembered import Remembered

SEARCH_LIMIT = 50
TIMELINE_LIMIT = 100
INVITEES_LIMIT = 100


@dataclass(frozen=True)
class Account:
    platform: str
    handle: str
    name: str | None


@dataclass(frozen=True)
class MemberHit:
    member_id: int
    name: str
    accounts: list[Account]


@dataclass(frozen=True)
class MemberGroup:
    group_id: int
    name: str
    platform: str
    present: bool
    first_seen: str | None
    last_seen: str
    messages: int


@dataclass(frozen=True)
class Profile:
    member_id: int
    name: str
    accounts: list[Account]
    groups: list[MemberGroup]
    timeline: list[dict[str, Any]]  # newest first
    invitees_count: int
    invitees: list[MemberHit]


def search_members(db: Database, community: Community, caller: Caller, query: str) -> list[MemberHit]:
    """Members whose name starts with `query`, or whose account handle or member id it is; for a
    group owner, only members of their groups."""
    query = query.strip()
    if not query:
        return []
    allowed = None if caller.groups is None else _members_of(db, community, caller.groups)
    hits: dict[int, MemberHit] = {}
    for member_id, platform, handle, name in matching_accounts_txn(db, community.id, query):
        if allowed is not None and member_id not in allowed:
            continue
        if member_id not in hits and len(hits) == SEARCH_LIMIT:
            break
        hit = hits.setdefault(member_id, MemberHit(member_id, "", []))
        hit.accounts.append(_account(caller, platform, handle, name))
    return [_named(hit) for hit in hits.values()]


_group_members: Remembered[frozenset[int]] = Remembered()


def _members_of(db: Database, community: Community, groups: frozenset[int]) -> frozenset[int]:
    """Everyone in a group owner's groups: found once, then remembered until the log grows."""
    key = (db.url, community.id, groups)
    return _group_members.get(db, key, lambda: members_of_groups_txn(db, community.id, groups))


def member_profile(db: Database, community: Community, caller: Caller, member_id: int) -> Profile | None:
    """A member's profile, or None when there is no such member or the caller may not see them."""
    identities = member_identities_txn(db, community.id, member_id, caller.groups)
    if not identities:
        return None
    ids = [identity[0] for identity in identities]
    accounts = [_account(caller, platform, handle, name) for _, platform, handle, name in identities]
    groups = [
        MemberGroup(group_id, name, platform, present, _iso(first, community), _iso(last, community) or "", n)
        for group_id, name, platform, present, first, last, n in member_groups_txn(db, community.id, ids)
        if caller.sees_group(group_id)
    ]
    timeline = [
        _event(row, caller, community)
        for row in member_timeline_txn(db, community.id, ids, caller.groups, TIMELINE_LIMIT)
    ]
    count, invitees = invitees_txn(db, community.id, ids, caller.groups, INVITEES_LIMIT)
    invited = [MemberHit(other, _shown(caller, name) or f"#{other}", []) for other, name in invitees]
    profile_name = _named(MemberHit(member_id, "", accounts)).name
    return Profile(member_id, profile_name, accounts, groups, timeline, count, invited)


def _account(caller: Caller, platform: str, handle: str, name: str | None) -> Account:
    if caller.can(Permission.PERSONAL_DATA):
        return Account(platform, handle, name)
    return Account(platform, shown_handle(platform, handle), shown_name(name))


def _shown(caller: Caller, name: str | None) -> str | None:
    return name if caller.can(Permission.PERSONAL_DATA) else shown_name(name)


def _named(hit: MemberHit) -> MemberHit:
    """A member is called by the first of their accounts that has a name, else its handle."""
    names = [account.name for account in hit.accounts if account.name]
    name = names[0] if names else (hit.accounts[0].handle if hit.accounts else f"#{hit.member_id}")
    return MemberHit(hit.member_id, name, hit.accounts)


def _event(row: dict[str, Any], caller: Caller, community: Community) -> dict[str, Any]:
    row = dict(row)
    row["time"] = iso_time(row.pop("time_us"), row.pop("utc_offset_min"), community.zone)
    row["actor"], row["target"] = _shown(caller, row["actor"]), _shown(caller, row["target"])
    if not caller.can(Permission.MONEY):
        row["amount_fen"] = None
    return row


def _iso(time_us: int | None, community: Community) -> str | None:
    return None if time_us is None else iso_time(time_us, None, community.zone)
