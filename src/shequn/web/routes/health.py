"""`/healthz`: the process answers. For load balancers and `shequn serve` scripts."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()


@router.get("/healthz")
def healthz() -> dict[str, bool]:
    return {"ok": True}
