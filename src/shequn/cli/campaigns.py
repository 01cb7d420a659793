"""`shequn campaign create/show/leaderboard/judge/grant`: fission campaigns (任务宝) and their rewards."""

from __future__ import annotations

import time
from dataclasses import asdict

import click
from rich.table import Table

from ..domain.clock import iso_time, parse_time
from ..services.campaigns import create_campaign, find_campaign, grant_reward, parse_tier
from ..services.forecast_fission import FissionForecast, forecast_fission
from ..services.judge_campaign import judge_campaign
from ..services.read_fission import read_fission
from ..store.campaigns import rewards_txn
from .context import Context, pass_context
from .output import console, print_json


def _now_us() -> int:
    return time.time_ns() // 1000


@click.group()
def campaign() -> None:
    """Fission campaigns: bring N real members, get a reward."""


@campaign.command("create")
@click.argument("name")
@click.option(
    "--code", required=True, help="The campaign's code; members' personal codes are CODE.MEMBER_ID."
)
@click.option("--since", required=True, metavar="T", help="When it starts (ISO 8601).")
@click.option("--until", required=True, metavar="T", help="When it ends (ISO 8601, exclusive).")
@click.option(
    "--tier", "tiers", multiple=True, required=True, metavar="N:REWARD:YUAN",
    help="A milestone: N real invitees earn REWARD worth YUAN (repeatable).",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the campaign as JSON.")
@pass_context
def create(
    context: Context, name: str, code: str, since: str, until: str, tiers: tuple[str, ...], as_json: bool
) -> None:
    """Create the campaign NAME with its code, its period and its reward tiers."""
    community = context.community()
    try:
        starts, ends = parse_time(since, community.zone), parse_time(until, community.zone)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    record = create_campaign(
        context.database(), community, name, code, starts, ends, [parse_tier(t) for t in tiers], _now_us()
    )
    if as_json:
        print_json(asdict(record))
    else:
        click.echo(f"campaign {record.name!r} (code {record.code}) created with {len(record.tiers)} tiers")


@campaign.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def show(context: Context, name: str, as_json: bool) -> None:
    """A campaign: its period, tiers, headline numbers and rewards."""
    db, community = context.database(), context.community()
    record = find_campaign(db, community, name)
    totals = read_fission(db, community, campaign=record.code, top=0).totals
    summary = {
        "name": record.name, "code": record.code, "since": iso_time(record.starts_us, None, community.zone),
        "until": iso_time(record.ends_us, None, community.zone), "tiers": [asdict(t) for t in record.tiers],
        "attributed_joins": totals.attributed_joins, "real_joins": totals.real_joins,
        "pending_joins": totals.pending_joins, "k_raw": round(totals.k_raw, 6),
        "k_real": round(totals.k_real, 6),
        "rewards": [asdict(r) for r in rewards_txn(db, record.id)],
    }  # fmt: skip
    if as_json:
        print_json(summary)
        return
    for key, value in summary.items():
        if key not in ("tiers", "rewards"):
            click.echo(f"{key:<17} {value}")
    for tier in record.tiers:
        click.echo(f"tier {tier.real_invites:>3} real  {tier.reward} (¥{tier.reward_fen / 100:,.2f})")
    for reward in rewards_txn(db, record.id):
        click.echo(f"reward member {reward.member_id} at {reward.real_invites}: {reward.state}")


@campaign.command("leaderboard")
@click.argument("name")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=0), help="How many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def leaderboard(context: Context, name: str, top: int, as_json: bool) -> None:
    """The campaign's inviters ranked by real invitees, with their flags."""
    db, community = context.database(), context.community()
    record = find_campaign(db, community, name)
    rows = read_fission(db, community, campaign=record.code, top=top or None).inviters
    if as_json:
        print_json([asdict(row) for row in rows])
        return
    table = Table("#", "member", "name", "real", "invited", "pending", "flags")
    for rank, row in enumerate(rows, start=1):
        flags = ", ".join(flag["flag"] for flag in row.flags)
        table.add_row(
            str(rank),
            str(row.member_id),
            row.name or "-",
            str(row.real),
            str(row.invited),
            str(row.pending),
            flags,
        )
    console.print(table)


@campaign.command("judge")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the rewards as JSON.")
@pass_context
def judge(context: Context, name: str, as_json: bool) -> None:
    """Bring the rewards up to date: pending, verified (enough real invitees, no flag) or voided."""
    rewards = judge_campaign(context.database(), context.community(), name, _now_us())
    if as_json:
        print_json([asdict(reward) for reward in rewards])
    else:
        for reward in rewards:
            click.echo(f"member {reward.member_id} at {reward.real_invites}: {reward.state}")


@campaign.command("grant")
@click.argument("name")
@click.option("--member", "member_id", required=True, type=int, help="The member id of the inviter.")
@click.option(
    "--tier", "real_invites", required=True, type=int, help="The tier (its number of real invitees)."
)
@pass_context
def grant(context: Context, name: str, member_id: int, real_invites: int) -> None:
    """Grant a verified reward, for the ledger to pay."""
    db, community = context.database(), context.community()
    grant_reward(db, find_campaign(db, community, name), member_id, real_invites, _now_us())
    click.echo(f"reward of member {member_id} at {real_invites} granted")


@campaign.command("forecast")
@click.argument("name", required=False)
@click.option(
    "--as-of", "as_of", metavar="T", help="Cut the log here and forecast from it (default: the last event)."
)
@click.option(
    "--window-days", default=90.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
    help="Fit window: the children an inviter brings within this many days of arriving.",
)  # fmt: skip
@click.option("--runs", default=1000, show_default=True, type=click.IntRange(min=1), help="Monte Carlo runs.")
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Seed of the runs (same seed, same answer)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def forecast(
    context: Context, name: str | None, as_of: str | None, window_days: float, runs: int, seed: int,
    as_json: bool,
) -> None:  # fmt: skip
    """Forecast the people a campaign's cascades (without NAME: the community's) bring in 30 and 90 days."""
    community = context.community()
    cut_us = None
    if as_of is not None:
        try:
            cut_us = parse_time(as_of, community.zone)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--as-of") from None
    found = forecast_fission(context.database(), community, name, cut_us, window_days, runs, seed)
    if as_json:
        print_json(found.as_json(community))
        return
    _print_forecast(found, found.as_json(community))


def _print_forecast(found: FissionForecast, summary: dict[str, object]) -> None:
    click.echo(
        f"cut {summary['cut']}, {found.seeds:,} seeds, "
        f"mean offspring by generation {summary['mean_offspring']}"
    )
    table = Table("days", "mean", "80% interval", "happened")
    for horizon in found.horizons:
        interval = horizon.interval
        happened = "-" if horizon.happened is None else f"{horizon.happened:,}"
        table.add_row(
            str(horizon.days),
            f"{interval.mean:,.1f}",
            f"{interval.low:,.0f} – {interval.high:,.0f}",
            happened,
        )
    console.print(table)
