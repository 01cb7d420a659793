"""`shequn settings`: the community's analytics settings (docs/metrics.md#settings)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from ..metrics.settings import SettingsError, settings_document
from ..services.analytics_settings import read_settings, save_settings
from .context import Context, pass_context
from .output import print_json


@click.group()
def settings() -> None:
    """Show or replace the analytics settings: windows, stage rules, entry-channel costs."""


@settings.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def show(context: Context, as_json: bool) -> None:
    """Print the settings in force (defaults where none were set), as TOML."""
    current = read_settings(context.database(), context.community())
    if as_json:
        print_json(asdict(current))
    else:
        click.echo(settings_document(current), nl=False)


@settings.command(name="set")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the settings now in force as JSON.")
@pass_context
def set_(context: Context, file: Path, as_json: bool) -> None:
    """Replace the settings with a TOML file; a bad file changes nothing."""
    try:
        saved = save_settings(context.database(), context.community(), file.read_text(encoding="utf-8"))
    except (SettingsError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{file}: {error}") from None
    if as_json:
        print_json(asdict(saved))
    else:
        click.echo(f"settings of {context.community().name!r} replaced from {file}")
