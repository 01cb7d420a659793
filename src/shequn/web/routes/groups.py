"""The groups: every group the caller may see with its health, and one group in detail."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services.groups import GroupWeek, group_detail, list_groups
from ..access import GROUP_SCOPED, CallerDep, ObjectId, missing
from ..charts import Series, bar_chart, line_chart
from ..dependencies import CommunityDep, DatabaseDep
from ..i18n import Translator
from ..templating import NavItem, render, translator

router = APIRouter()
NAV = NavItem("/groups", "nav.groups")
ACCESS = GROUP_SCOPED
STATUSES = ("lively", "quiet", "dead")


@router.get("/groups", response_class=HTMLResponse)
def groups_page(
    request: Request, db: DatabaseDep, community: CommunityDep, caller: CallerDep
) -> HTMLResponse:
    groups = list_groups(db, community, caller)
    t = translator(request)
    tally = Counter(group.status for group in groups)
    chart = bar_chart(
        [t(f"health.{status}") for status in STATUSES],
        [tally[status] for status in STATUSES],
        t("groups.health_chart"),
        t("groups.title"),
        empty=t("chart.empty"),
    )
    return render(request, "groups.html", community=community, groups=groups, health_chart=chart)


@router.get("/groups/{group_id}", response_class=HTMLResponse)
def group_page(
    request: Request, group_id: ObjectId, db: DatabaseDep, community: CommunityDep, caller: CallerDep
) -> HTMLResponse:
    detail = group_detail(db, community, caller, group_id)
    if detail is None:
        raise missing()
    chart = weeks_chart(detail.weeks, translator(request))
    return render(request, "group.html", community=community, detail=detail, weeks_chart=chart)


def weeks_chart(weeks: tuple[GroupWeek, ...], t: Translator) -> str:
    labels = [week.monday.isoformat() for week in weeks]
    series = [
        Series(t("group.messages"), [week.messages for week in weeks], "#2563eb", area=True),
        Series(t("group.joins"), [week.joins for week in weeks], "#16a34a"),
        Series(t("group.exits"), [week.exits for week in weeks], "#dc2626"),
    ]
    return line_chart(labels, series, t("group.weeks_title"), empty=t("chart.empty"))
