"""The overview: headline counts, members week by week, new members per week, and the groups."""

from __future__ import annotations

from itertools import pairwise

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services.read_overview import MemberWeek, read_overview
from ..charts import Series, bar_chart, line_chart
from ..dependencies import CommunityDep, DatabaseDep
from ..i18n import Translator
from ..templating import NavItem, render, translator

router = APIRouter()
NAV = NavItem("/", "nav.overview")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, db: DatabaseDep, community: CommunityDep) -> HTMLResponse:
    data = read_overview(db, community)
    t = translator(request)
    return render(
        request,
        "overview.html",
        overview=data,
        community=community,
        offset=offset_label(data.utc_offset_min),
        members_chart=members_chart(data.weeks, t),
        newcomers_chart=newcomers_chart(data.weeks, t),
    )


def members_chart(weeks: tuple[MemberWeek, ...], t: Translator) -> str:
    labels = [week.monday.isoformat() for week in weeks]
    series = [
        Series(t("chart.ever_seen"), [week.ever_seen for week in weeks], "#94a3b8"),
        Series(t("chart.present"), [week.present for week in weeks], "#2563eb", area=True),
    ]
    return line_chart(labels, series, t("chart.members_title"), empty=t("chart.empty"))


def newcomers_chart(weeks: tuple[MemberWeek, ...], t: Translator) -> str:
    labels = [week.monday.isoformat() for week in weeks]
    before = [0, *(week.ever_seen for week in weeks)]
    newcomers = [now - then for then, now in pairwise(before)]
    return bar_chart(
        labels, newcomers, t("chart.newcomers_title"), t("chart.newcomers"), empty=t("chart.empty")
    )


def offset_label(minutes: int) -> str:
    """+08:00 for 480 minutes east of UTC."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
