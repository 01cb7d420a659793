"""Commands on the interaction graph: leaders, circles, explain, call-energy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar

import click
from rich.table import Table

from ..metrics.leaders import DEFAULT_SETTINGS, LeaderSettings
from ..services.explain_member import Explanation, explain
from ..services.read_call_energy import read_call_energy
from ..services.read_circles import Circles, read_circles
from ..services.read_interactions import NotFound
from ..services.read_leaders import read_leaders
from .context import Context, pass_context
from .output import console, print_json

F = TypeVar("F", bound=Callable[..., Any])


def half_life_option(command: F) -> F:
    return click.option(
        "--half-life",
        "half_life",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_SETTINGS.half_life_days,
        show_default=True,
        metavar="DAYS",
        help="Interactions lose half their weight every DAYS days before the latest one.",
    )(command)


def found(call: Callable[[], Any]) -> Any:
    """The result of a service call, with an unknown group or member as a one-line error."""
    try:
        return call()
    except NotFound as error:
        raise click.ClickException(str(error)) from None


@click.command()
@click.option(
    "--group", metavar="G", help="Only this group (name, handle or id); default the whole community."
)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many leaders.")
@half_life_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def leaders(context: Context, group: str | None, top: int, half_life: float, as_json: bool) -> None:
    """The opinion leaders: influence, reach, bridge score, core number, invitations, and the score."""
    db, community = context.database(), context.community()
    with console.status("scoring the interaction graph"):
        board = found(
            lambda: read_leaders(db, community, group, top, LeaderSettings(half_life_days=half_life))
        )
    if as_json:
        print_json(asdict(board))
        return
    table = Table(title=_title(board.group, board.members, board.interactions))
    for column in ("rank", "member", "name", "score", "influence", "reach", "bridge", "core", "invited"):
        table.add_column(column, justify="left" if column == "name" else "right")
    for row in board.rows:
        table.add_row(
            str(row.rank), str(row.member_id), row.name, f"{row.score:.1f}", f"{row.influence:.4f}",
            str(row.reach), f"{row.bridge:.4f}", str(row.core), str(row.invited),
        )  # fmt: skip
    console.print(table)
    if board.bridge_samples:
        console.print(f"bridge estimated from {board.bridge_samples} sampled members (see docs/leaders.md)")


def _title(group: str | None, members: int, interactions: int) -> str:
    where = f"group {group}" if group else "the whole community"
    return f"Leaders of {where}: {members:,} people, {interactions:,} interactions"


@click.command(name="explain")
@click.argument("member")
@click.option("--group", metavar="G", help="Explain the rank within this group instead of the community.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many partners.")
@half_life_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def explain_(
    context: Context, member: str, group: str | None, top: int, half_life: float, as_json: bool
) -> None:
    """Why MEMBER (a name, handle or member id) ranks where they do: each component of the score and
    the interactions behind it."""
    db, community = context.database(), context.community()
    settings = LeaderSettings(half_life_days=half_life)
    with console.status("scoring the interaction graph"):
        explanation = found(lambda: explain(db, community, member, group, top, settings))
    if as_json:
        print_json(asdict(explanation))
        return
    _print_explanation(explanation)


def _print_explanation(explanation: Explanation) -> None:
    leader = explanation.leader
    if leader is None:
        click.echo(f"{explanation.name} (member {explanation.member_id}) took part in no interaction.")
        return
    click.echo(
        f"{explanation.name} (member {explanation.member_id}): rank {leader.rank} of {explanation.of:,}, "
        f"score {leader.score:.1f}"
    )
    parts = Table(title="The score, part by part")
    for column in ("component", "value", "percentile", "weight", "points"):
        parts.add_column(column, justify="left" if column == "component" else "right")
    for part in explanation.components:
        parts.add_row(
            part.name,
            f"{part.value:.4g}",
            f"{part.percentile:.3f}",
            f"{part.weight:.2f}",
            f"{part.points:.1f}",
        )
    console.print(parts)
    partners = Table(title="The interactions behind it, heaviest first")
    for column in ("direction", "layer", "member", "name", "count", "weight", "groups"):
        partners.add_column(column, justify="right" if column in ("count", "weight", "member") else "left")
    for row in explanation.partners:
        direction = "→ to" if row.direction == "out" else "← from"
        partners.add_row(
            direction, row.layer, str(row.member_id), row.name, str(row.count), f"{row.weight:.2f}",
            ", ".join(row.groups),
        )  # fmt: skip
    console.print(partners)


@click.command()
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many circles and bridges."
)
@half_life_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def circles(context: Context, top: int, half_life: float, as_json: bool) -> None:
    """The circles inside the community: their leaders, groups and distinctive words; the members who
    bridge circles; the leaders active in several groups."""
    db, community = context.database(), context.community()
    with console.status("finding circles"):
        found_circles = read_circles(db, community, top, LeaderSettings(half_life_days=half_life))
    if as_json:
        print_json(asdict(found_circles))
        return
    _print_circles(found_circles)


def _print_circles(found_circles: Circles) -> None:
    click.echo(
        f"{found_circles.count:,} circles among {found_circles.members:,} people "
        f"(modularity {found_circles.modularity:.3f})"
    )
    table = Table(title="Circles, largest first")
    for column in ("circle", "people", "leaders", "groups", "words"):
        table.add_column(column, justify="right" if column in ("circle", "people") else "left")
    for circle in found_circles.circles:
        table.add_row(
            str(circle.number), f"{circle.size:,}", ", ".join(p.name for p in circle.leaders),
            ", ".join(f"{g.name} {g.share:.0%}" for g in circle.groups), " ".join(circle.words),
        )  # fmt: skip
    console.print(table)
    bridges = Table(title="Bridges between circles")
    for column in ("member", "name", "circle", "circles", "participation", "outside weight"):
        bridges.add_column(column, justify="left" if column == "name" else "right")
    for bridge in found_circles.bridges:
        bridges.add_row(
            str(bridge.member_id), bridge.name, str(bridge.circle), str(bridge.circles_touched),
            f"{bridge.participation:.2f}", f"{bridge.outside_weight:.1f}",
        )  # fmt: skip
    console.print(bridges)
    several = Table(title="Leaders active in several groups")
    for column in ("rank", "member", "name", "groups"):
        several.add_column(column, justify="left" if column in ("name", "groups") else "right")
    for leader in found_circles.multi_group_leaders:
        several.add_row(str(leader.rank), str(leader.member_id), leader.name, ", ".join(leader.groups))
    console.print(several)


@click.command(name="call-energy")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many owners.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts, with every owner's months.")
@pass_context
def call_energy(context: Context, top: int, as_json: bool) -> None:
    """The call energy (号召力) of group owners: how many members respond within 24 h when they post."""
    db, community = context.database(), context.community()
    with console.status("measuring calls"):
        rows = read_call_energy(db, community, top)
    if as_json:
        print_json([asdict(row) for row in rows])
        return
    table = Table(title="Group owners by call energy")
    for column in ("rank", "member", "name", "groups", "calls", "responders", "call energy", "latest months"):
        table.add_column(column, justify="left" if column in ("name", "groups", "latest months") else "right")
    for row in rows:
        months = " ".join(f"{m.month}:{m.call_energy:.0%}" for m in row.months[-3:])
        table.add_row(
            str(row.rank), str(row.member_id), row.name, ", ".join(row.groups), f"{row.calls:,}",
            f"{row.mean_responders:.1f}", f"{row.call_energy:.1%}", months,
        )  # fmt: skip
    console.print(table)
