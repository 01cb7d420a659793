"""`shequn demo`: load the seeded demo community."""

from __future__ import annotations

import click

from ..services.load_demo import demo_event_estimate, load_demo
from .context import Context, pass_context
from .output import print_json, progress_bar


@click.command()
@click.option(
    "--members", default=5000, show_default=True, type=click.IntRange(min=10), help="People in the community."
)
@click.option(
    "--seed",
    default=1,
    show_default=True,
    type=int,
    help="Random seed; the same seed gives the same community.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_context
def demo(context: Context, members: int, seed: int, as_json: bool) -> None:
    """Load a realistic demo community (idempotent: running it again adds nothing).

    An interrupted run keeps the batches it wrote; running the same command again completes it.
    """
    db = context.database(create=True)
    with progress_bar("demo", demo_event_estimate(members)) as bar:
        community, recorded = load_demo(db, members=members, seed=seed, on_batch=bar.advance)
    summary = {
        "community": community.name,
        "events": recorded.seen,
        "added": recorded.added,
        "skipped": recorded.skipped,
    }
    if as_json:
        print_json(summary)
    else:
        added, there = f"{recorded.added:,}", f"{recorded.skipped:,}"
        click.echo(
            f"{db.url}: demo community {community.name!r}: {added} events added, {there} already there"
        )
