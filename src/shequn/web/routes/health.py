"""`/healthz`: the process answers. For load balancers and `shequn serve` scripts."""

from __future__ import annotations

from fastapi import APIRouter

from ..access import PUBLIC

router = APIRouter()
ACCESS = PUBLIC


@router.get("/healthz")
def healthz() -> dict[str, bool]:
    return {"ok": True}
