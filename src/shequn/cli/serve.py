"""`shequn serve`: the web dashboard."""

from __future__ import annotations

import ipaddress

import click

from ..services.sessions import now_us, sign_in_link
from ..services.users import DEMO_OWNER, demo_owner_password
from ..store import StoreError
from ..store.users import any_user
from .context import Context, pass_context


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--sign-in", "sign_in", metavar="USER", help="Print a link that signs USER in once, within ten minutes."
)
@click.option(
    "--demo-owner",
    is_flag=True,
    help="For the demo: give the user `owner` (made if missing) a new password; print it and a sign-in link.",
)
@pass_context
def serve(context: Context, host: str, port: int, sign_in: str | None, demo_owner: bool) -> None:
    """Serve the dashboard over HTTP and print its URL.

    While the database has no user the dashboard is open, read-only, to whoever reaches it, so it
    then listens only on a loopback address; add a user with `shequn user add` to serve others.
    """
    import uvicorn

    from ..web.app import create_app

    community = context.community()  # fail here, readably, before the server starts
    db = context.database()
    base = f"http://{host}:{port}"
    if demo_owner:
        password = demo_owner_password(db, community, now_us())
        click.echo(f"demo owner: user {DEMO_OWNER!r}, password {password}")
        sign_in = sign_in or DEMO_OWNER
    if not any_user(db) and not _loopback(host):
        raise StoreError(
            f"{db.url} has no users yet; add one with `shequn user add` before serving on {host}"
        )
    app = create_app(context.db_url, community.name)
    click.echo(f"shequn dashboard for {community.name!r}: {base}/")
    if sign_in:
        key = sign_in_link(db, sign_in, now_us())
        if key is None:
            raise StoreError(f"no user named {sign_in!r}")
        click.echo(f"signed in as {sign_in!r} (one use, ten minutes): {base}/login/link?key={key}")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
