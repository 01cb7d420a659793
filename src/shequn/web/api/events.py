"""`POST /api/events`: record a batch of events (operators and owners, usually with a token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from ...domain.roles import Caller, Permission
from ...services.ingest_events import MAX_BATCH, BadRecords, Ingested, ingest_events
from ..access import GROUP_SCOPED, Needs
from ..dependencies import CommunityDep, DatabaseDep

router = APIRouter(prefix="/api", tags=["events"])
ACCESS = GROUP_SCOPED
writer = Needs(Permission.WRITE)


class EventBatch(BaseModel):
    """Records in the generic layout's fields (docs/formats/generic.md): key, kind, platform, time..."""

    events: Annotated[list[dict[str, Any]], Field(max_length=MAX_BATCH)]
    source: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[\w.-]+$")] = "api"


class Problems(BaseModel):
    detail: list[str]


@router.post("/events", responses={422: {"model": Problems, "description": "Bad records; nothing recorded."}})
def record(
    batch: EventBatch,
    request: Request,
    db: DatabaseDep,
    community: CommunityDep,
    caller: Annotated[Caller, Depends(writer)],
) -> Ingested:
    """Record the events, all or none; those already stored (same key) are skipped."""
    address = request.client.host if request.client else None
    try:
        return ingest_events(
            db, community, batch.events, batch.source, caller.name, request.app.state.clock(), address
        )
    except BadRecords as error:
        raise HTTPException(422, detail=error.problems) from None
