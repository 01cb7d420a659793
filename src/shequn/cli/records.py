"""Commands on the event log itself: init, stats, events."""

from __future__ import annotations

from dataclasses import asdict

import click
from rich.table import Table

from ..domain.clock import parse_time
from ..domain.events import Kind
from ..services.communities import create_community
from ..services.list_events import list_events
from ..services.read_stats import read_stats
from ..store.event_reads import EventFilter
from .context import Context, pass_context
from .output import console, print_json, print_jsonl


@click.command()
@click.option(
    "--timezone", metavar="ZONE", help="IANA time zone of the community's reports, e.g. Asia/Shanghai."
)
@pass_context
def init(context: Context, timezone: str | None) -> None:
    """Create the database (or bring its schema up to date) and the community."""
    db = context.database(create=True)
    community = create_community(db, context.community_name, timezone)
    click.echo(f"{db.url}: community {community.name!r} ready (time zone {community.timezone})")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def stats(context: Context, as_json: bool) -> None:
    """Headline counts: members, current members, identities, groups, messages, joins, leaves..."""
    figures = read_stats(context.database(), context.community())
    if as_json:
        print_json(asdict(figures))
        return
    table = Table(show_header=False, box=None)
    for name, value in asdict(figures).items():
        table.add_row(name, f"{value:,}" if isinstance(value, int) else str(value or "-"))
    console.print(table)


@click.command()
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([k.value for k in Kind]),
    help="Only this kind (repeatable).",
)
@click.option("--group", metavar="G", help="Only this group (name, handle or id).")
@click.option(
    "--since", metavar="T", help="From this time on (ISO 8601; without an offset, the community's zone)."
)
@click.option("--until", metavar="T", help="Before this time.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON object per line (streams).")
@pass_context
def events(
    context: Context, kinds: tuple[str, ...], group: str | None, since: str | None, until: str | None,
    as_json: bool, as_jsonl: bool,
) -> None:  # fmt: skip
    """The canonical events in time order: the contract later tools and checks read."""
    if as_json and as_jsonl:
        raise click.UsageError("choose one of --json and --jsonl")
    community = context.community()
    try:
        where = EventFilter(
            kinds=kinds,
            group=group,
            since_us=None if since is None else parse_time(since, community.zone),
            until_us=None if until is None else parse_time(until, community.zone),
        )
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    rows = list_events(context.database(), community, where)
    if as_json:
        print_json(list(rows))
    elif as_jsonl:
        for row in rows:
            print_jsonl(row)
    else:
        for row in rows:
            click.echo(_line(row))


def _line(event: dict[str, object]) -> str:
    who = event["actor"] or "-"
    extra = event["text"] or event["target"] or event["via"] or ""
    return f"{event['time']}  {event['kind']:<15} {event['group'] or '-'}  {who}  {extra}".rstrip()
