"""`shequn import`: read chat exports into the event log."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from ..services.communities import check_timezone
from ..services.import_files import ImportRequest, import_files
from .context import Context, pass_context
from .output import print_json, progress_bar


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_name",
    metavar="F",
    help="Read every named file as this format instead of detecting it.",
)
@click.option(
    "--tz",
    metavar="ZONE",
    help="Time zone of exports that write times without one (default: the community's).",
)
@click.option("--group", "group_name", metavar="NAME", help="Name the group, for formats whose files do not.")
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Import the good records and report every bad one, instead of importing nothing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_context
def import_(
    context: Context,
    paths: tuple[Path, ...],
    format_name: str | None,
    tz: str | None,
    group_name: str | None,
    skip_bad: bool,
    as_json: bool,
) -> None:
    """Import chat exports: files, folders or zip archives; the format is detected from the content.

    Importing the same export again, or a later one that overlaps it, adds only what is new. A file
    that is not its format, or is damaged, stops the import with the file and line, and nothing is
    imported.
    """
    db = context.database(create=True)
    community = context.community(create=True)
    zone = community.zone if tz is None else _zone(tz)
    request = ImportRequest(
        paths=paths, zone=zone, format=format_name, group_name=group_name, skip_bad=skip_bad
    )
    with progress_bar("import") as bar:
        summary = import_files(db, community, request, on_progress=bar.advance, on_total=bar.set_total)
    if as_json:
        print_json(asdict(summary))
        return
    for problem in summary.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"{summary.files} files, {len(summary.exports)} exports: {summary.added:,} events added, "
        f"{summary.skipped:,} already there ({summary.messages:,} messages, {summary.joins:,} joins, "
        f"{summary.leaves:,} leaves, {summary.removals:,} removals; {summary.members:,} members in "
        f"{summary.groups:,} groups)"
    )


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(check_timezone(name))
