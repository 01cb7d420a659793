"""`shequn channel add/list`: entry channels (渠道活码) and what they cost."""

from __future__ import annotations

import time
from dataclasses import asdict

import click
from rich.table import Table

from ..services.entry_channels import add_channel, list_channels
from .context import Context, pass_context
from .output import console, print_json


@click.group()
def channel() -> None:
    """Entry channels: a named code handed out on a poster, a QR code or a link."""


def _yuan_to_fen(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


@channel.command("add")
@click.argument("code")
@click.option("--name", required=True, help="What the channel is, e.g. 'hospital 6 QR'.")
@click.option("--cost", type=click.FloatRange(min=0), help="What the channel cost, in yuan (kept in fen).")
@click.option("--json", "as_json", is_flag=True, help="Print the channel as JSON.")
@pass_context
def add(context: Context, code: str, name: str, cost: float | None, as_json: bool) -> None:
    """Register CODE as an entry channel: joins carrying it are attributed to it."""
    record = add_channel(
        context.database(), context.community(), code, name, _yuan_to_fen(cost), time.time_ns() // 1000
    )
    if as_json:
        print_json(asdict(record))
    else:
        click.echo(f"channel {record.code!r} ({record.name}) added")


@channel.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def list_(context: Context, as_json: bool) -> None:
    """The community's entry channels."""
    records = list_channels(context.database(), context.community())
    if as_json:
        print_json([asdict(record) for record in records])
        return
    table = Table("code", "name", "cost")
    for record in records:
        table.add_row(
            record.code, record.name, "-" if record.cost_fen is None else f"¥{record.cost_fen / 100:,.2f}"
        )
    console.print(table)
