"""Fission: entry channels, campaigns and their leaderboards, inviters with their fraud flags and the
evidence, and the referral tree; for the community or one campaign."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services.entry_channels import InvalidSetting
from ...services.read_fission_page import read_fission_page
from ...services.read_referral_tree import TreeNode
from ..access import missing
from ..dependencies import CommunityDep, DatabaseDep
from ..i18n import Translator
from ..referral_tree import referral_tree_svg
from ..templating import NavItem, render, translator

router = APIRouter()
NAV = NavItem("/fission", "nav.fission")


@router.get("/fission", response_class=HTMLResponse)
def fission_page(
    request: Request, db: DatabaseDep, community: CommunityDep, campaign: str | None = None
) -> HTMLResponse:
    try:
        page = read_fission_page(db, community, campaign)
    except InvalidSetting:
        raise missing() from None
    return render(
        request, "fission.html", community=community, page=page,
        tree=tree_svg(page.tree, translator(request)),
    )  # fmt: skip


def tree_svg(trees: list[TreeNode], t: Translator) -> str:
    return referral_tree_svg(
        trees,
        t("fission.tree_title"),
        lambda node: t("fission.tree_node", name=node.name or node.member_id, people=node.size),
        lambda branches, people: t("fission.tree_more", branches=branches, people=people),
        t("fission.tree_empty"),
    )
