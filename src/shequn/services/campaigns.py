"""Fission campaigns (任务宝): "bring N real members, get a reward", in tiers, with a leaderboard by real
invites and rewards that go pending -> verified -> granted, or voided (docs/fission.md).

A campaign's joins are the attributed first joins carrying its code or a member's personal code of it
(`load_fission.personal_code`). Rewards are recorded with every change of state, in integer fen, for
the ledger to pay; nothing here pays anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..store import Database
from ..store.campaigns import (
    CampaignRecord,
    RewardRecord,
    TierRecord,
    campaigns_txn,
    change_reward_txn,
    insert_campaign_txn,
    insert_reward_txn,
    rewards_txn,
)
from .communities import Community
from .entry_channels import InvalidSetting, check_code, check_name
from .load_fission import FissionData

PENDING, VERIFIED, GRANTED, VOIDED = "pending", "verified", "granted", "voided"


def create_campaign(
    db: Database, community: Community, name: str, code: str, starts_us: int, ends_us: int,
    tiers: list[TierRecord], now_us: int,
) -> CampaignRecord:  # fmt: skip
    if ends_us <= starts_us:
        raise InvalidSetting("until: expected a time after --since")
    if not tiers:
        raise InvalidSetting("tier: expected at least one tier, e.g. --tier 3:tin of powder:5000")
    if len({tier.real_invites for tier in tiers}) != len(tiers) or min(t.real_invites for t in tiers) < 1:
        raise InvalidSetting("tier: expected distinct numbers of real invites, each at least 1")
    record = CampaignRecord(0, check_name(name), check_code(code), starts_us, ends_us, tuple(tiers))
    insert_campaign_txn(db, community.id, record, now_us)
    return find_campaign(db, community, code)


def parse_tier(text: str) -> TierRecord:
    """`N:reward:yuan`, e.g. `3:tin of powder:50.00`."""
    parts = text.rsplit(":", 1)
    count, _, reward = parts[0].partition(":")
    try:
        real, fen = int(count), round(float(parts[1]) * 100) if len(parts) == 2 else -1
    except ValueError:
        real, fen = -1, -1
    if real < 1 or fen < 0 or not reward.strip():
        raise InvalidSetting(f"tier {text!r}: expected N:reward:yuan, e.g. 3:tin of powder:50")
    return TierRecord(real, reward.strip(), fen)


def find_campaign(db: Database, community: Community, name_or_code: str) -> CampaignRecord:
    for campaign in campaigns_txn(db, community.id):
        if name_or_code in (campaign.name, campaign.code):
            return campaign
    raise InvalidSetting(f"campaign: no campaign named or coded {name_or_code!r}")


def list_campaigns(db: Database, community: Community) -> list[CampaignRecord]:
    return campaigns_txn(db, community.id)


def campaign_people(data: FissionData, codes: set[str]) -> np.ndarray:
    """People whose attributed first join carries one of the campaign's codes or personal codes."""
    matching = np.array(
        [code in codes or code.rpartition(".")[0] in codes for code in data.codes], dtype=bool
    )
    chosen: np.ndarray = (data.forest.code >= 0) & matching[np.maximum(data.forest.code, 0)]
    return chosen


@dataclass(frozen=True)
class Standing:
    """One inviter's campaign counts, as the leaderboard and the rewards see them."""

    member_id: int
    invited: int
    real: int
    pending: int
    flagged: bool


def judge_rewards(
    db: Database, campaign: CampaignRecord, standings: list[Standing], now_us: int
) -> list[RewardRecord]:
    """Bring every reward up to date with the standings; each change of state is recorded."""
    with db.transaction():
        existing = {(r.member_id, r.real_invites): r for r in rewards_txn(db, campaign.id)}
        for standing in standings:
            for tier in campaign.tiers:
                reward = existing.get((standing.member_id, tier.real_invites))
                if reward is None and standing.invited >= tier.real_invites:
                    insert_reward_txn(
                        db, campaign.id, standing.member_id, tier, PENDING, now_us, _counts(standing)
                    )
                    reward = RewardRecord(
                        0, standing.member_id, tier.real_invites, tier.reward_fen, PENDING, now_us
                    )
                if reward is not None and reward.state == PENDING:
                    _advance(db, campaign, standing, tier, now_us)
        return rewards_txn(db, campaign.id)


def grant_reward(
    db: Database, campaign: CampaignRecord, member_id: int, real_invites: int, now_us: int
) -> None:
    with db.transaction():
        found = [
            r
            for r in rewards_txn(db, campaign.id)
            if (r.member_id, r.real_invites) == (member_id, real_invites)
        ]
        if not found or found[0].state != VERIFIED:
            state = found[0].state if found else "none"
            raise InvalidSetting(
                f"reward of member {member_id} at {real_invites}: expected verified, it is {state}"
            )
        change_reward_txn(db, found[0].id, GRANTED, now_us, "granted by an operator")


def _advance(
    db: Database, campaign: CampaignRecord, standing: Standing, tier: TierRecord, now_us: int
) -> None:
    if standing.flagged:
        return  # a flag holds the reward for a person to look at
    state = VERIFIED if standing.real >= tier.real_invites else None
    if state is None and standing.real + standing.pending < tier.real_invites:
        state = VOIDED
    if state is not None:
        reward_id = next(
            r.id for r in rewards_txn(db, campaign.id)
            if (r.member_id, r.real_invites) == (standing.member_id, tier.real_invites)
        )  # fmt: skip
        change_reward_txn(db, reward_id, state, now_us, _counts(standing))


def _counts(standing: Standing) -> str:
    return f"{standing.invited} invited, {standing.real} real, {standing.pending} pending"
