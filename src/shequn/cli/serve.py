"""`shequn serve`: the web dashboard."""

from __future__ import annotations

import click

from .context import Context, pass_context


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@pass_context
def serve(context: Context, host: str, port: int) -> None:
    """Serve the dashboard over HTTP and print its URL."""
    import uvicorn

    from ..web.app import create_app

    community = context.community()  # fail here, readably, before the server starts
    app = create_app(context.db_url, community.name)
    click.echo(f"shequn dashboard for {community.name!r}: http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
