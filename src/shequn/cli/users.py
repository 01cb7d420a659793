"""`shequn user` and `shequn token`: who may use the dashboard and the API."""

from __future__ import annotations

import sys
from dataclasses import asdict

import click
from rich.table import Table

from ..domain.roles import Role
from ..services.sessions import now_us
from ..services.tokens import create_token, list_tokens, revoke_token
from ..services.users import add_user, list_users
from .context import Context, pass_context
from .output import console, print_json

ROLE = click.Choice([role.value for role in Role])


@click.group()
def user() -> None:
    """Users of the dashboard and the API, and their roles."""


@user.command("add")
@click.argument("name")
@click.option("--role", required=True, type=ROLE, help="owner, operator, group_owner or viewer.")
@click.option(
    "--group",
    "groups",
    multiple=True,
    metavar="G",
    help="A group a group_owner owns (name, handle or id; repeatable).",
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input instead of making one."
)
@click.option("--json", "as_json", is_flag=True, help="Print the new user as JSON.")
@pass_context
def add(
    context: Context, name: str, role: str, groups: tuple[str, ...], password_stdin: bool, as_json: bool
) -> None:
    """Add a user; without --password-stdin a random password is made and printed once."""
    given = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    db, community = context.database(), context.community()
    password = add_user(db, community, name, role, list(groups), now_us(), password=given)
    shown = None if given is not None else password
    if as_json:
        print_json({"name": name, "role": role, "groups": list(groups), "password": shown})
    else:
        click.echo(f"user {name!r} added as {role}" + (f"; password: {shown}" if shown else ""))


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def list_(context: Context, as_json: bool) -> None:
    """Every user, their role and the groups a group owner owns."""
    users = list_users(context.database())
    if as_json:
        print_json([asdict(summary) for summary in users])
        return
    table = Table("name", "role", "groups", box=None)
    for summary in users:
        table.add_row(summary.name, summary.role, ", ".join(summary.groups) or "-")
    console.print(table)


@click.group()
def token() -> None:
    """API tokens, each bound to a user and a role."""


@token.command("create")
@click.argument("user_name", metavar="USER")
@click.option("--role", type=ROLE, help="The token's role: the user's own (default) or a narrower one.")
@click.option("--name", default="api", show_default=True, help="What the token is for, e.g. shop or bot.")
@click.option("--json", "as_json", is_flag=True, help="Print the token as JSON.")
@pass_context
def create(context: Context, user_name: str, role: str | None, name: str, as_json: bool) -> None:
    """Make a token for USER and print its secret, once: send it as `Authorization: Bearer ...`."""
    token_id, secret = create_token(context.database(), user_name, role, name, now_us())
    if as_json:
        print_json({"id": token_id, "user": user_name, "name": name, "token": secret})
    else:
        click.echo(f"token {token_id} for {user_name!r} ({name}): {secret}")


@token.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def list_tokens_command(context: Context, as_json: bool) -> None:
    """Every token (never its secret): id, user, role, name, when made and revoked."""
    tokens = list_tokens(context.database())
    if as_json:
        print_json([asdict(summary) for summary in tokens])
        return
    table = Table("id", "user", "role", "name", "created", "revoked", box=None)
    for summary in tokens:
        table.add_row(
            str(summary.id), summary.user, summary.role, summary.name, summary.created, summary.revoked or "-"
        )
    console.print(table)


@token.command("revoke")
@click.argument("token_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_context
def revoke(context: Context, token_id: int, as_json: bool) -> None:
    """Revoke a token: requests bearing it are refused from now on."""
    revoke_token(context.database(), token_id, now_us())
    if as_json:
        print_json({"id": token_id, "revoked": True})
    else:
        click.echo(f"token {token_id} revoked")
