"""The docs stay true: every command and option has its words in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from shequn.cli.main import cli

DOCS = Path(__file__).parent.parent / "docs"
CLI_DOC = (DOCS / "cli.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    found = []

    def walk(prefix: str, command: click.Command) -> None:
        found.append((prefix, command))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}", sub)

    walk("shequn", cli)
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda value: str(value))
def test_every_command_and_option_is_documented(name: str, command: click.Command) -> None:
    if name != "shequn":
        assert f"## `{name}" in CLI_DOC, f"docs/cli.md has no section for `{name}`"
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            flag = max(parameter.opts, key=len)
            if flag != "--help":
                assert f"`{flag}" in CLI_DOC, f"docs/cli.md does not mention {flag} of `{name}`"


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda value: str(value))
def test_every_command_says_what_it_does(name: str, command: click.Command) -> None:
    assert command.help or name == "shequn", f"`{name}` has no help text"
