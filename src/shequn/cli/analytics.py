"""Commands on community analytics: metrics, members, report (docs/metrics.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ..metrics.calendar import PERIODS
from ..metrics.catalogue import CATALOGUE
from ..metrics.members import STAGES
from ..services.compute_analytics import compute_analytics, filtered_analytics, read_analytics
from ..services.list_members import list_members
from .context import Context, pass_context
from .output import console, print_json, progress_bar


@click.command()
@click.option("--group", metavar="G", help="Only this group's events (name, handle or id); not stored.")
@click.option("--channel", metavar="C", help="Only the members who came by this entry channel; not stored.")
@click.option(
    "--period", type=click.Choice(PERIODS), default="week", show_default=True, help="Rows per period."
)
@click.option("--recompute", is_flag=True, help="Recompute even when the stored figures are current.")
@click.option("--list", "as_list", is_flag=True, help="List the metrics and their definitions instead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def metrics(
    context: Context, group: str | None, channel: str | None, period: str, recompute: bool, as_list: bool,
    as_json: bool,
) -> None:  # fmt: skip
    """Activity, retention, lurkers, group health, stages, funnel and entry channels."""
    if as_list:
        _catalogue(as_json)
        return
    db, community = context.database(), context.community()
    with progress_bar("reading events") as bar:
        if group is not None or channel is not None:
            figures = filtered_analytics(db, community, group, channel, bar.advance)
        elif recompute:
            figures = compute_analytics(db, community, bar.advance)
        else:
            figures = read_analytics(db, community, bar.advance)
    figures = {**figures, "period": period, "periods": figures["periods"][period]}
    if as_json:
        print_json(figures)
    else:
        _show(figures)


def _catalogue(as_json: bool) -> None:
    if as_json:
        print_json([vars(metric) for metric in CATALOGUE])
        return
    table = Table("metric", "definition", "unit")
    for metric in CATALOGUE:
        table.add_row(metric.name, metric.definition, metric.unit)
    console.print(table)


def _show(figures: dict[str, Any]) -> None:
    headline = Table(show_header=False, box=None, title=f"as of {figures['as_of']}")
    for name, value in figures["headline"].items():
        headline.add_row(name, _cell(value))
    console.print(headline)
    rows = figures["periods"][-12:]
    if rows:
        periods = Table(*rows[0].keys(), title=f"by {figures['period']} (latest 12)")
        for row in rows:
            periods.add_row(*(_cell(value) for value in row.values()))
        console.print(periods)
    stages = Table("stage", "members", title="stages")
    for name, count in figures["stages"].items():
        stages.add_row(name, _cell(count))
    console.print(stages)
    groups = Table("group", "members", "messages/day", "active share", "dying", title="groups")
    for row in sorted(figures["groups"], key=lambda g: -g["messages_per_day"])[:15]:
        groups.add_row(row["name"], _cell(row["members_now"]), _cell(row["messages_per_day"]),
                       _cell(row["active_share"]), "死群" if row["dying"] else "")  # fmt: skip
    console.print(groups)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


@click.command()
@click.option(
    "--stage", type=click.Choice(STAGES), help="Only members at this stage (lurker: the lurker list)."
)
@click.option("--group", metavar="G", help="Only current members of this group (name, handle or id).")
@click.option("--limit", type=click.IntRange(1), metavar="N", help="At most N members.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def members(context: Context, stage: str | None, group: str | None, limit: int | None, as_json: bool) -> None:
    """Members with their lifecycle stage, groups, join time and last message."""
    db, community = context.database(), context.community()
    with progress_bar("reading events") as bar:
        rows = list_members(db, community, stage, group, limit, bar.advance)
    if as_json:
        print_json(rows)
        return
    table = Table("member_id", "name", "stage", "groups", "joined", "last_message")
    for row in rows:
        table.add_row(str(row["member_id"]), row["name"] or "-", row["stage"], ", ".join(row["groups"]),
                      row["joined"][:16], (row["last_message"] or "-")[:16])  # fmt: skip
    console.print(table)


@click.command()
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write."
)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="The report's language."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary of what was written.")
@pass_context
def report(context: Context, out: Path, lang: str, as_json: bool) -> None:
    """Write one self-contained HTML report (charts included) that opens offline."""
    from ..web.report import render_report

    db, community = context.database(), context.community()
    with progress_bar("reading events") as bar:
        figures = read_analytics(db, community, bar.advance)
    html = render_report(figures, community.name, lang)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"cannot write {out}: {error.strerror}") from None
    if as_json:
        print_json({"out": str(out), "bytes": len(html.encode()), "lang": lang, "as_of": figures["as_of"]})
    else:
        click.echo(f"wrote {out} ({lang}, as of {figures['as_of']})")
