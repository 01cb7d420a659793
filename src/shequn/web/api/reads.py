"""The API's reads: who am I, the overview, groups, members, the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ...domain.roles import PERMISSIONS, Permission
from ...services.audit import AuditEntry, read_audit
from ...services.groups import GroupDetail, GroupHealth, group_detail, list_groups
from ...services.members import MemberHit, Profile, member_profile, search_members
from ...services.read_overview import Overview, read_overview
from ..access import GROUP_SCOPED, CallerDep, Needs, ObjectId, missing, sees_all_groups
from ..dependencies import CommunityDep, DatabaseDep

router = APIRouter(prefix="/api", tags=["reads"])
ACCESS = GROUP_SCOPED
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such object, or not one the caller may see: the two answer alike."}
}


@dataclass(frozen=True)
class Me:
    name: str
    role: str
    groups: list[int] | None  # the group ids a group owner sees; null: every group
    permissions: list[str]


@router.get("/me")
def me(caller: CallerDep) -> Me:
    """The caller: their name, role, groups and permissions."""
    groups = None if caller.groups is None else sorted(caller.groups)
    return Me(caller.name, caller.role, groups, sorted(PERMISSIONS[caller.role]))


@router.get("/overview", dependencies=[Depends(sees_all_groups)])
def overview(db: DatabaseDep, community: CommunityDep) -> Overview:
    """Headline counts, members week by week and the groups: the overview page's figures."""
    return read_overview(db, community)


@router.get("/groups")
def groups(db: DatabaseDep, community: CommunityDep, caller: CallerDep) -> list[GroupHealth]:
    """Every group the caller may see, with its health, busiest first."""
    return list_groups(db, community, caller)


@router.get("/groups/{group_id}", responses=NOT_FOUND)
def group(group_id: ObjectId, db: DatabaseDep, community: CommunityDep, caller: CallerDep) -> GroupDetail:
    """One group: its health, its weeks and who writes most in it."""
    detail = group_detail(db, community, caller, group_id)
    if detail is None:
        raise missing()
    return detail


@router.get("/members")
def members(
    db: DatabaseDep, community: CommunityDep, caller: CallerDep, q: Annotated[str, Query(max_length=200)] = ""
) -> list[MemberHit]:
    """Members whose name starts with `q`, or whose account id or member id `q` is."""
    return search_members(db, community, caller, q)


@router.get("/members/{member_id}", responses=NOT_FOUND)
def member(member_id: ObjectId, db: DatabaseDep, community: CommunityDep, caller: CallerDep) -> Profile:
    """A member's profile: accounts, groups, invitees and the newest events."""
    profile = member_profile(db, community, caller, member_id)
    if profile is None:
        raise missing()
    return profile


@router.get("/audit", dependencies=[Depends(Needs(Permission.SETTINGS))])
def audit(db: DatabaseDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[AuditEntry]:
    """The newest entries of the audit log (owner only)."""
    return read_audit(db, limit)
