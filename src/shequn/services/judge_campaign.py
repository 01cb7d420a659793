"""`shequn campaign judge`: bring a campaign's rewards up to date with its real invites."""

from __future__ import annotations

from ..store import Database
from ..store.campaigns import RewardRecord
from .campaigns import Standing, find_campaign, judge_rewards
from .communities import Community
from .read_fission import FissionReport, read_fission


def campaign_standings(report: FissionReport) -> list[Standing]:
    return [
        Standing(row.member_id, row.invited, row.real, row.pending, bool(row.flags))
        for row in report.inviters
    ]


def judge_campaign(
    db: Database, community: Community, campaign: str, now_us: int, as_of_us: int | None = None
) -> list[RewardRecord]:
    """Every inviter who reached a tier gets a pending reward; a pending one becomes verified once
    that many invitees are real and no fraud flag holds it, or voided once they no longer can be."""
    record = find_campaign(db, community, campaign)
    report = read_fission(db, community, as_of_us, campaign=record.code)
    return judge_rewards(db, record, campaign_standings(report), now_us)
