"""Entry channels, campaigns, their tiers and rewards (migration 0004_fission.sql)."""

from __future__ import annotations

from dataclasses import dataclass

from .database import Database, StoreError


@dataclass(frozen=True)
class ChannelRecord:
    code: str
    name: str
    cost_fen: int | None
    created_us: int


@dataclass(frozen=True)
class TierRecord:
    real_invites: int
    reward: str
    reward_fen: int


@dataclass(frozen=True)
class CampaignRecord:
    id: int
    name: str
    code: str
    starts_us: int
    ends_us: int
    tiers: tuple[TierRecord, ...]


@dataclass(frozen=True)
class RewardRecord:
    id: int
    member_id: int
    real_invites: int
    reward_fen: int
    state: str
    changed_us: int


def insert_channel_txn(db: Database, community_id: int, channel: ChannelRecord) -> None:
    with db.transaction():
        if _taken(db, community_id, channel.code):
            raise StoreError(f"code {channel.code!r} is already a channel or campaign of this community")
        db.execute(
            "INSERT INTO channels (community_id, code, name, cost_fen, created_us) VALUES (?, ?, ?, ?, ?)",
            (community_id, channel.code, channel.name, channel.cost_fen, channel.created_us),
        )


def channels_txn(db: Database, community_id: int) -> list[ChannelRecord]:
    rows = db.fetchall(
        "SELECT code, name, cost_fen, created_us FROM channels WHERE community_id = ? ORDER BY code",
        (community_id,),
    )
    return [ChannelRecord(r[0], r[1], None if r[2] is None else int(r[2]), int(r[3])) for r in rows]


def insert_campaign_txn(db: Database, community_id: int, campaign: CampaignRecord, created_us: int) -> None:
    with db.transaction():
        if _taken(db, community_id, campaign.code):
            raise StoreError(f"code {campaign.code!r} is already a channel or campaign of this community")
        if db.scalar(
            "SELECT 1 FROM campaigns WHERE community_id = ? AND name = ?", (community_id, campaign.name)
        ):
            raise StoreError(f"a campaign named {campaign.name!r} already exists")
        db.execute(
            "INSERT INTO campaigns (community_id, name, code, starts_us, ends_us, created_us) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (community_id, campaign.name, campaign.code, campaign.starts_us, campaign.ends_us, created_us),
        )
        campaign_id = db.scalar(
            "SELECT id FROM campaigns WHERE community_id = ? AND code = ?", (community_id, campaign.code)
        )
        db.executemany(
            "INSERT INTO campaign_tiers (campaign_id, real_invites, reward, reward_fen) VALUES (?, ?, ?, ?)",
            [(campaign_id, t.real_invites, t.reward, t.reward_fen) for t in campaign.tiers],
        )


def campaigns_txn(db: Database, community_id: int) -> list[CampaignRecord]:
    rows = db.fetchall(
        "SELECT id, name, code, starts_us, ends_us FROM campaigns WHERE community_id = ? "
        "ORDER BY starts_us, id",
        (community_id,),
    )
    tiers: dict[int, list[TierRecord]] = {}
    for campaign_id, real, reward, fen in db.fetchall(
        "SELECT t.campaign_id, t.real_invites, t.reward, t.reward_fen FROM campaign_tiers t "
        "JOIN campaigns c ON c.id = t.campaign_id WHERE c.community_id = ? ORDER BY t.real_invites",
        (community_id,),
    ):
        tiers.setdefault(int(campaign_id), []).append(TierRecord(int(real), reward, int(fen)))
    return [
        CampaignRecord(int(r[0]), r[1], r[2], int(r[3]), int(r[4]), tuple(tiers.get(int(r[0]), [])))
        for r in rows
    ]


def rewards_txn(db: Database, campaign_id: int) -> list[RewardRecord]:
    rows = db.fetchall(
        "SELECT id, member_id, real_invites, reward_fen, state, changed_us FROM rewards "
        "WHERE campaign_id = ? ORDER BY member_id, real_invites",
        (campaign_id,),
    )
    return [RewardRecord(int(r[0]), int(r[1]), int(r[2]), int(r[3]), r[4], int(r[5])) for r in rows]


def insert_reward_txn(
    db: Database, campaign_id: int, member_id: int, tier: TierRecord, state: str, time_us: int, reason: str
) -> None:
    db.execute(
        "INSERT INTO rewards (campaign_id, member_id, real_invites, reward_fen, state, changed_us) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (campaign_id, member_id, tier.real_invites, tier.reward_fen, state, time_us),
    )
    reward_id = db.scalar(
        "SELECT id FROM rewards WHERE campaign_id = ? AND member_id = ? AND real_invites = ?",
        (campaign_id, member_id, tier.real_invites),
    )
    _record_change(db, int(reward_id), state, time_us, reason)


def change_reward_txn(db: Database, reward_id: int, state: str, time_us: int, reason: str) -> None:
    db.execute("UPDATE rewards SET state = ?, changed_us = ? WHERE id = ?", (state, time_us, reward_id))
    _record_change(db, reward_id, state, time_us, reason)


def reward_history_txn(db: Database, reward_id: int) -> list[tuple[str, int, str]]:
    rows = db.fetchall(
        "SELECT state, time_us, reason FROM reward_changes WHERE reward_id = ? ORDER BY time_us",
        (reward_id,),
    )
    return [(r[0], int(r[1]), r[2]) for r in rows]


def _record_change(db: Database, reward_id: int, state: str, time_us: int, reason: str) -> None:
    db.execute(
        "INSERT INTO reward_changes (reward_id, state, time_us, reason) VALUES (?, ?, ?, ?)",
        (reward_id, state, time_us, reason),
    )


def _taken(db: Database, community_id: int, code: str) -> bool:
    return bool(
        db.scalar("SELECT 1 FROM channels WHERE community_id = ? AND code = ?", (community_id, code))
        or db.scalar("SELECT 1 FROM campaigns WHERE community_id = ? AND code = ?", (community_id, code))
    )
