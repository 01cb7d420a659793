"""The circles inside the community, the members who bridge them, and leaders in several groups."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services.read_circles import Circle, read_circles
from ..charts import bar_chart
from ..dependencies import CommunityDep, DatabaseDep
from ..i18n import Translator
from ..templating import NavItem, render, translator

router = APIRouter()
NAV = NavItem("/circles", "nav.circles")
SHOWN = 12


@router.get("/circles", response_class=HTMLResponse)
def circles_page(request: Request, db: DatabaseDep, community: CommunityDep) -> HTMLResponse:
    found = read_circles(db, community, SHOWN)
    return render(
        request, "circles.html", community=community, found=found,
        sizes_chart=sizes_chart(found.circles, translator(request)),
    )  # fmt: skip


def sizes_chart(circles: tuple[Circle, ...], t: Translator) -> str:
    return bar_chart(
        [str(circle.number) for circle in circles],
        [circle.size for circle in circles],
        t("circles.sizes_chart"),
        t("circles.people"),
        empty=t("chart.empty"),
    )
