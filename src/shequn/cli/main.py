"""The `shequn` command group: global options, error handling and the list of commands."""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from ..sources.files import SourceError
from ..store import StoreError
from ..store.appender import InvalidEvent
from .analytics import members, metrics, report
from .campaigns import campaign
from .channels import channel
from .context import Context
from .demo import demo
from .fission import fission
from .importing import import_
from .leaders import call_energy, circles, explain_, leaders
from .records import events, init, stats
from .serve import serve
from .settings import settings
from .users import token, user

_EXPECTED_ERRORS = (StoreError, InvalidEvent, SourceError)


class ShequnGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _EXPECTED_ERRORS as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; whole batches already written are kept") from None


@click.group(
    cls=ShequnGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="shequn")
@click.option(
    "--db",
    envvar="SHEQUN_DB",
    metavar="URL",
    help="A SQLite file path (default ./shequn.db) or postgresql://user@host/dbname. Env: SHEQUN_DB.",
)
@click.option(
    "--community",
    envvar="SHEQUN_COMMUNITY",
    metavar="NAME",
    help="Which community to work on; optional when the database holds only one. Env: SHEQUN_COMMUNITY.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, community: str | None) -> None:
    """shequn (社群): every chat group of a community on one event log, measured honestly."""
    ctx.obj = Context(db_url=db, community_name=community)


COMMANDS = (
    init,
    demo,
    import_,
    stats,
    events,
    serve,
    leaders,
    explain_,
    circles,
    call_energy,
    user,
    token,
    fission,
    channel,
    campaign,
    metrics,
    members,
    report,
    settings,
)
for command in COMMANDS:
    cli.add_command(command)
