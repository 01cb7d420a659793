"""The members: search by name, account or member id, and a member's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...services.members import member_profile, search_members
from ..access import GROUP_SCOPED, CallerDep, ObjectId, missing
from ..dependencies import CommunityDep, DatabaseDep
from ..templating import NavItem, render

router = APIRouter()
NAV = NavItem("/members", "nav.members")
ACCESS = GROUP_SCOPED


@router.get("/members", response_class=HTMLResponse)
def members_page(
    request: Request,
    db: DatabaseDep,
    community: CommunityDep,
    caller: CallerDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    hits = search_members(db, community, caller, q)
    return render(request, "members.html", community=community, query=q, hits=hits)


@router.get("/members/{member_id}", response_class=HTMLResponse)
def member_page(
    request: Request, member_id: ObjectId, db: DatabaseDep, community: CommunityDep, caller: CallerDep
) -> HTMLResponse:
    profile = member_profile(db, community, caller, member_id)
    if profile is None:
        raise missing()
    return render(request, "member.html", community=community, profile=profile)
