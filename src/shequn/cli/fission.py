"""`shequn fission`: referral attribution, K counted raw and real, inviters and entry codes."""

from __future__ import annotations

import click
from rich.table import Table

from ..domain.clock import iso_time, parse_time
from ..metrics.fission import Windows
from ..services.read_fission import FissionReport, read_fission
from .context import Context, pass_context
from .output import console, print_json


@click.command()
@click.option("--campaign", metavar="C", help="Only the joins of this campaign (its name or code).")
@click.option(
    "--as-of", "as_of", metavar="T", help="Judge as of this time (ISO 8601; default: the last event)."
)
@click.option(
    "--retained-days", default=30.0, show_default=True, type=click.FloatRange(min=0),
    help="Days after joining at which an invitee must still be in a group.",
)  # fmt: skip
@click.option(
    "--activated-days", default=14.0, show_default=True, type=click.FloatRange(min=0),
    help="Days after joining within which an invitee must have written.",
)  # fmt: skip
@click.option(
    "--top", default=20, show_default=True, type=click.IntRange(min=0),
    help="How many inviters to list (0: all).",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def fission(
    context: Context, campaign: str | None, as_of: str | None, retained_days: float, activated_days: float,
    top: int, as_json: bool,
) -> None:  # fmt: skip
    """Who brought whom: attributed joins, K_raw and K_real, inviters with flags, entry codes."""
    community = context.community()
    as_of_us = None
    if as_of is not None:
        try:
            as_of_us = parse_time(as_of, community.zone)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--as-of") from None
    windows = Windows(retained_days=retained_days, activated_days=activated_days)
    report = read_fission(context.database(), community, as_of_us, windows, top or None, campaign=campaign)
    if as_json:
        print_json(report.as_json())
        return
    _print(report, iso_time(report.as_of_us, None, community.zone))


def _print(report: FissionReport, as_of: str) -> None:
    totals = report.totals
    head = Table(show_header=False, box=None)
    for name, value in (
        ("as of", as_of),
        ("people", f"{totals.people:,}"),
        ("attributed joins", f"{totals.attributed_joins:,}"),
        ("  by a member", f"{totals.referred_joins:,}"),
        ("  real", f"{totals.real_joins:,}"),
        ("  pending", f"{totals.pending_joins:,}"),
        ("K raw", f"{totals.k_raw:.3f}"),
        ("K real", f"{totals.k_real:.3f}"),
        ("max depth", str(totals.max_depth)),
        ("generations", " / ".join(f"{size:,}" for size in report.generations)),
    ):
        head.add_row(name, value)
    console.print(head)
    inviters = Table(title=f"inviters ({report.inviter_count:,})")
    for column in ("member", "name", "invited", "retained", "activated", "real", "pending", "flags"):
        inviters.add_column(column, justify="left" if column in ("name", "flags") else "right")
    for row in report.inviters:
        flags = ", ".join(flag["flag"] for flag in row.flags)
        counts = (row.invited, row.retained_30d, row.activated_14d, row.real, row.pending)
        inviters.add_row(str(row.member_id), row.name or "-", *map(str, counts), flags)
    console.print(inviters)
    channels = Table(title="entry codes")
    for column in ("code", "name", "joins", "retained", "activated", "real", "pending", "cost/real"):
        channels.add_column(column, justify="left" if column in ("code", "name") else "right")
    for channel in report.channels:
        cost = "-" if channel.cost_per_real_fen is None else f"¥{channel.cost_per_real_fen / 100:,.2f}"
        counts = (channel.joins, channel.retained_30d, channel.activated_14d, channel.real, channel.pending)
        channels.add_row(channel.code, channel.name or "-", *map(str, counts), cost)
    console.print(channels)
    months = Table(title="K by month")
    for column in ("month", "people", "attributed", "real", "pending", "K raw", "K real"):
        months.add_column(column, justify="left" if column == "month" else "right")
    for month in report.months:
        numbers = (month.people, month.attributed_joins, month.real_joins, month.pending_joins)
        months.add_row(month.month, *map(str, numbers), f"{month.k_raw:.3f}", f"{month.k_real:.3f}")
    console.print(months)
