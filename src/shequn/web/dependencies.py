"""What a page asks FastAPI for: the database, opened for this request and closed after it, and the
community the dashboard shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from ..services.communities import Community, find_community
from ..store import Database, open_store


def open_database(request: Request) -> Iterator[Database]:
    db = open_store(request.app.state.db_url)
    try:
        yield db
    finally:
        db.close()


def current_community(request: Request, db: Annotated[Database, Depends(open_database)]) -> Community:
    return find_community(db, request.app.state.community)


DatabaseDep = Annotated[Database, Depends(open_database)]
CommunityDep = Annotated[Community, Depends(current_community)]
