"""`shequn leaders`, `circles` and `explain` as a user meets them: real processes, real databases."""

from __future__ import annotations

import json

import pytest

from shequn.services.communities import create_community
from shequn.store import open_store
from test_cli import assert_one_line_error, shequn
from test_leaders import tiny_community


@pytest.fixture
def talked(db_url: str) -> str:
    db = open_store(db_url, create=True)
    tiny_community(db, create_community(db, "acme", "Asia/Shanghai"))
    db.close()
    return db_url


def test_leaders_prints_rows_with_every_component(talked: str) -> None:
    result = shequn("leaders", "--json", "--top", "2", db=talked)
    assert result.returncode == 0, result.stderr
    board = json.loads(result.stdout)
    assert [row["name"] for row in board["rows"]] == ["alice", "carol"]
    assert set(board["rows"][0]) == {
        "member_id", "name", "score", "rank", "influence", "reach", "bridge", "core", "invited",
    }  # fmt: skip
    assert board["bridge_samples"] is None


def test_leaders_prints_a_table_for_people(talked: str) -> None:
    result = shequn("leaders", db=talked)
    assert result.returncode == 0, result.stderr
    assert "alice" in result.stderr + result.stdout


def test_explain_prints_the_interactions_behind_a_rank(talked: str) -> None:
    result = shequn("explain", "carol", "--json", db=talked)
    assert result.returncode == 0, result.stderr
    explanation = json.loads(result.stdout)
    assert explanation["leader"]["rank"] == 2
    assert {row["name"] for row in explanation["partners"]} == {"alice", "dave"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("leaders", "--top", "0"), "--top"),
        (("leaders", "--half-life", "0"), "--half-life"),
        (("leaders", "--half-life", "soon"), "--half-life"),
        (("explain", "carol", "--top", "-1"), "--top"),
    ],
)
def test_bad_options_are_named(talked: str, args: tuple[str, ...], words: str) -> None:
    result = shequn(*args, db=talked)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert words in result.stderr.strip().splitlines()[-1]


def test_an_unknown_group_or_member_is_a_one_line_error(talked: str) -> None:
    assert_one_line_error(shequn("leaders", "--group", "nowhere", db=talked), "no group named 'nowhere'")
    assert_one_line_error(shequn("explain", "zed", db=talked), "no member named 'zed'")
