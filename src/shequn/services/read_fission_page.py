"""Everything the /fission page shows, from one load of the log: the community's (or one campaign's)
fission report with the flags and their evidence, each campaign's headline and leaderboard, and the
referral tree."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..store import Database
from ..store.campaigns import CampaignRecord
from .campaigns import campaign_people, find_campaign, list_campaigns
from .communities import Community
from .find_fission_fraud import find_fission_fraud
from .load_fission import load_fission
from .read_fission import FissionReport, report
from .read_referral_tree import TreeNode, read_referral_tree


@dataclass(frozen=True)
class CampaignView:
    record: CampaignRecord
    report: FissionReport  # its joins only, its top inviters


@dataclass(frozen=True)
class FissionPage:
    campaign: CampaignRecord | None  # the one the page is narrowed to
    report: FissionReport
    campaigns: list[CampaignView]
    tree: list[TreeNode]


def read_fission_page(
    db: Database, community: Community, campaign: str | None = None, top: int = 20
) -> FissionPage:
    data = load_fission(db, community)
    flags = find_fission_fraud(db, community, data)
    everyone = np.ones(len(data.members), dtype=bool)
    views = [
        CampaignView(record, report(db, community, data, campaign_people(data, {record.code}), 10, flags))
        for record in list_campaigns(db, community)
    ]
    narrowed = None if campaign is None else find_campaign(db, community, campaign)
    chosen = everyone if narrowed is None else campaign_people(data, {narrowed.code})
    return FissionPage(
        campaign=narrowed,
        report=report(db, community, data, chosen, top, flags),
        campaigns=views,
        tree=read_referral_tree(db, community, data, chosen),
    )
