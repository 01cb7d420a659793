"""Campaigns: tiers, the leaderboard by real invites, and rewards pending -> verified -> granted or voided."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cast import alice, at, bob, carol, dave, eve, event
from shequn.cli.main import cli
from shequn.domain.events import Account, Kind, Via
from shequn.services.campaigns import (
    GRANTED,
    PENDING,
    VERIFIED,
    VOIDED,
    create_campaign,
    grant_reward,
    parse_tier,
)  # fmt: skip
from shequn.services.communities import Community
from shequn.services.entry_channels import InvalidSetting
from shequn.services.judge_campaign import judge_campaign
from shequn.services.load_fission import personal_code
from shequn.services.read_fission import read_fission
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.store.campaigns import reward_history_txn

frank = Account("1006", "frank")


def member(db: Database, name: str) -> int:
    return int(db.scalar("SELECT member_id FROM identities WHERE name = ?", (name,)))


def two_inviters(db: Database, community: Community) -> None:
    """bob brings carol and dave with the campaign code, both real; alice's personal code brings eve
    and frank, who never write."""
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, alice, time_us=at()),
        event(Kind.JOIN, bob, via=Via.LINK, time_us=at(days=1)),
        event(Kind.JOIN, carol, via=Via.LINK, inviter=bob, code="tea-26", time_us=at(days=2)),
        event(Kind.JOIN, dave, via=Via.LINK, inviter=bob, code="tea-26", time_us=at(days=2)),
        event(Kind.MESSAGE, carol, text="hi", time_us=at(days=3)),
        event(Kind.MESSAGE, dave, text="hi", time_us=at(days=3)),
        event(Kind.MESSAGE, alice, text="a month on", time_us=at(days=45)),
    ])  # fmt: skip
    alice_code = personal_code("tea-26", member(db, "alice"))
    record_events(db, community, "test2", [
        event(Kind.JOIN, eve, via=Via.CODE, code=alice_code, time_us=at(days=4)),
        event(Kind.JOIN, frank, via=Via.CODE, code=alice_code, time_us=at(days=4)),
    ])  # fmt: skip


def tea_campaign(db: Database, community: Community):  # type: ignore[no-untyped-def]
    tiers = [parse_tier("2:tin of tea:50"), parse_tier("5:teapot:300")]
    return create_campaign(db, community, "Tea 26", "tea-26", at(), at(days=30), tiers, at())


def test_the_leaderboard_ranks_by_real_invites_and_counts_personal_codes(
    db: Database, community: Community
) -> None:
    tea_campaign(db, community)
    two_inviters(db, community)
    rows = read_fission(db, community, campaign="Tea 26").inviters
    assert [(row.name, row.invited, row.real) for row in rows] == [("bob", 2, 2), ("alice", 2, 0)]


def test_rewards_go_pending_then_verified_or_voided_and_are_granted(
    db: Database, community: Community
) -> None:
    campaign = tea_campaign(db, community)
    two_inviters(db, community)
    rewards = {(r.member_id, r.real_invites): r for r in judge_campaign(db, community, "tea-26", at(days=46))}
    bob_id, alice_id = member(db, "bob"), member(db, "alice")
    assert {key: r.state for key, r in rewards.items()} == {(bob_id, 2): VERIFIED, (alice_id, 2): VOIDED}
    assert rewards[(bob_id, 2)].reward_fen == 5000
    grant_reward(db, campaign, bob_id, 2, at(days=47))
    history = reward_history_txn(db, rewards[(bob_id, 2)].id)
    assert [state for state, _, _ in history] == [PENDING, VERIFIED, GRANTED]
    with pytest.raises(InvalidSetting, match="expected verified, it is voided"):
        grant_reward(db, campaign, alice_id, 2, at(days=47))


def test_a_flag_holds_a_reward_pending(db: Database, community: Community) -> None:
    tea_campaign(db, community)
    throwaways = [Account(f"9{n:03d}", f"buyer {n}") for n in range(10)]
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, alice, time_us=at()),
        event(Kind.JOIN, bob, via=Via.LINK, time_us=at(days=1)),
        *(event(Kind.JOIN, t, via=Via.LINK, inviter=bob, code="tea-26", time_us=at(days=2, minutes=n))
          for n, t in enumerate(throwaways)),
        *(event(Kind.MESSAGE, t, text="hi", time_us=at(days=3)) for t in throwaways),
        event(Kind.MESSAGE, alice, text="a month on", time_us=at(days=45)),
    ])  # fmt: skip
    [reward, _] = judge_campaign(db, community, "tea-26", at(days=46))
    assert reward.state == PENDING  # ten real invitees, but a burst holds it


@pytest.mark.parametrize(
    ("tier", "problem"),
    [
        ("3", "N:reward:yuan"),
        ("x:tea:5", "N:reward:yuan"),
        ("0:tea:5", "N:reward:yuan"),
        ("2::5", "N:reward:yuan"),
    ],
)
def test_a_bad_tier_is_refused(tier: str, problem: str) -> None:
    with pytest.raises(InvalidSetting, match=problem):
        parse_tier(tier)


def test_a_campaign_needs_an_end_after_its_start(db: Database, community: Community) -> None:
    with pytest.raises(InvalidSetting, match=r"^until: expected a time after --since"):
        create_campaign(db, community, "x", "x", at(days=2), at(days=1), [parse_tier("1:t:1")], at())


def test_the_cli_creates_shows_ranks_judges_and_grants(db_url: str) -> None:
    runner = CliRunner()
    base = ["--db", db_url]
    assert runner.invoke(cli, [*base, "init"]).exit_code == 0
    created = runner.invoke(cli, [
        *base, "campaign", "create", "Tea 26", "--code", "tea-26", "--since", "2026-03-01",
        "--until", "2026-04-01", "--tier", "2:tin of tea:50",
    ])  # fmt: skip
    assert created.exit_code == 0, created.output
    for command in (
        ["show", "Tea 26", "--json"],
        ["leaderboard", "tea-26", "--json"],
        ["judge", "Tea 26", "--json"],
    ):
        result = runner.invoke(cli, [*base, "campaign", *command])
        assert result.exit_code == 0, result.output
    refused = runner.invoke(cli, [*base, "campaign", "grant", "Tea 26", "--member", "1", "--tier", "2"])
    assert refused.exit_code == 1 and "expected verified, it is none" in refused.output
