"""Entry channels: registered codes name and price the joins that carry them; bad settings change nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cast import alice, at, bob, carol, event
from shequn.cli.main import cli
from shequn.domain.events import Kind, Via
from shequn.services.communities import Community
from shequn.services.entry_channels import InvalidSetting, add_channel, check_code, list_channels
from shequn.services.read_fission import read_fission
from shequn.services.record_events import record_events
from shequn.store import Database, StoreError


def test_a_registered_channel_names_and_prices_its_joins(db: Database, community: Community) -> None:
    add_channel(db, community, "poster-a", "Poster A", 12_000, at())
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, alice, time_us=at()),
        event(Kind.JOIN, bob, via=Via.CODE, code="poster-a", time_us=at(days=1)),
        event(Kind.MESSAGE, bob, text="hi", time_us=at(days=2)),
        event(Kind.JOIN, carol, via=Via.CODE, code="poster-a", time_us=at(days=1)),
        event(Kind.MESSAGE, alice, text="a month on", time_us=at(days=40)),
    ])  # fmt: skip
    [poster] = read_fission(db, community).channels
    assert (poster.name, poster.joins, poster.real, poster.cost_fen, poster.cost_per_real_fen) == (
        "Poster A", 2, 1, 12_000, 12_000,
    )  # fmt: skip


def test_a_code_cannot_be_registered_twice(db: Database, community: Community) -> None:
    add_channel(db, community, "poster-a", "Poster A", None, at())
    with pytest.raises(StoreError, match="already a channel"):
        add_channel(db, community, "poster-a", "Poster B", None, at())
    assert [channel.name for channel in list_channels(db, community)] == ["Poster A"]


def test_a_negative_cost_is_refused_naming_the_field(db: Database, community: Community) -> None:
    with pytest.raises(InvalidSetting, match=r"^cost: expected an amount of at least 0"):
        add_channel(db, community, "poster-a", "Poster A", -1, at())
    assert list_channels(db, community) == []


@given(st.text(max_size=80))
def test_any_code_is_either_accepted_as_it_is_or_refused_in_one_line(code: str) -> None:
    try:
        assert check_code(code) == code
    except InvalidSetting as error:
        assert str(error).startswith("code ") and "\n" not in str(error).replace(repr(code), "")


def test_the_cli_adds_and_lists_channels(db_url: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "init"]).exit_code == 0
    added = runner.invoke(
        cli, ["--db", db_url, "channel", "add", "qr-6", "--name", "hospital 6 QR", "--cost", "99.5"]
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(cli, ["--db", db_url, "channel", "list", "--json"])
    assert '"cost_fen": 9950' in listed.output and '"name": "hospital 6 QR"' in listed.output
    refused = runner.invoke(cli, ["--db", db_url, "channel", "add", "bad code", "--name", "x"])
    assert refused.exit_code == 1 and "code 'bad code'" in refused.output
