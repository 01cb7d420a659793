"""Opinion leaders and group owners' call energy, for the whole community or one group."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services.read_call_energy import OwnerRow, read_call_energy
from ...services.read_interactions import NotFound
from ...services.read_leaders import read_leaders
from ..access import missing
from ..charts import bar_chart
from ..dependencies import CommunityDep, DatabaseDep
from ..i18n import Translator
from ..templating import NavItem, render, translator

router = APIRouter()
NAV = NavItem("/leaders", "nav.leaders")
SHOWN = 50


@router.get("/leaders", response_class=HTMLResponse)
def leaders_page(
    request: Request, db: DatabaseDep, community: CommunityDep, group: str | None = None
) -> HTMLResponse:
    try:
        board = read_leaders(db, community, group, SHOWN)
    except NotFound:
        raise missing() from None
    owners = read_call_energy(db, community) if group is None else ()
    return render(
        request, "leaders.html", community=community, board=board, owners=owners,
        energy_chart=call_energy_chart(owners, translator(request)),
    )  # fmt: skip


def call_energy_chart(owners: tuple[OwnerRow, ...], t: Translator) -> str:
    """Each owner's call energy in percent, best first."""
    return bar_chart(
        [owner.name for owner in owners],
        [round(100 * owner.call_energy, 1) for owner in owners],
        t("leaders.energy_chart"),
        t("leaders.call_energy"),
        empty=t("chart.empty"),
    )
