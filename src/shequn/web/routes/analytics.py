"""The analytics pages: figures (/metrics), cohort retention (/cohorts), stages and the funnel
(/stages), and the one-file report (/report), for the community or one group (`?group=`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services.communities import Community
from ...services.compute_analytics import filtered_analytics, read_analytics
from ...store import Database
from ..dependencies import CommunityDep, DatabaseDep
from ..report import (
    activity_chart,
    funnel_chart,
    groups_chart,
    ranked_groups,
    render_report,
    retention_chart,
    stages_chart,
)  # fmt: skip
from ..templating import NavItem, language_of, render, translator

router = APIRouter()
NAV = NavItem("/metrics", "nav.analytics")
VIEWS = ("metrics", "cohorts", "stages")


def figures_for(db: Database, community: Community, group: str | None) -> dict[str, Any]:
    """The stored figures of the community, or those of one group's events, computed now."""
    return read_analytics(db, community) if group is None else filtered_analytics(db, community, group, None)


@router.get("/metrics", response_class=HTMLResponse)
def metrics_page(
    request: Request, db: DatabaseDep, community: CommunityDep, group: str | None = None
) -> HTMLResponse:
    figures = figures_for(db, community, group)
    t = translator(request)
    charts = {"activity": activity_chart(figures, t), "groups": groups_chart(figures, t)}
    return _page(request, community, figures, group, "metrics", charts)


@router.get("/cohorts", response_class=HTMLResponse)
def cohorts_page(
    request: Request, db: DatabaseDep, community: CommunityDep, group: str | None = None
) -> HTMLResponse:
    figures = figures_for(db, community, group)
    t = translator(request)
    charts = {
        "retention": retention_chart(figures, t),
        "retention_active": retention_chart(figures, t, "active"),
    }
    return _page(request, community, figures, group, "cohorts", charts)


@router.get("/stages", response_class=HTMLResponse)
def stages_page(
    request: Request, db: DatabaseDep, community: CommunityDep, group: str | None = None
) -> HTMLResponse:
    figures = figures_for(db, community, group)
    t = translator(request)
    charts = {"stages": stages_chart(figures, t), "funnel": funnel_chart(figures, t)}
    return _page(request, community, figures, group, "stages", charts)


@router.get("/report", response_class=HTMLResponse)
def report_page(
    request: Request, db: DatabaseDep, community: CommunityDep, group: str | None = None
) -> HTMLResponse:
    """The same self-contained file as `shequn report`, to save from the browser."""
    return HTMLResponse(
        render_report(figures_for(db, community, group), community.name, language_of(request))
    )


def _page(
    request: Request, community: Community, figures: dict[str, Any], group: str | None, view: str,
    charts: dict[str, str],
) -> HTMLResponse:  # fmt: skip
    return render(
        request, "analytics.html", community=community, figures=figures, group=group, view=view, views=VIEWS,
        charts=charts, groups=ranked_groups(figures),
    )  # fmt: skip
