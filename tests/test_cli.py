"""The command line as a user meets it: real processes, real databases, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cast import alice, at, dave, event
from shequn.domain.events import Kind, Via
from shequn.services.communities import create_community
from shequn.services.record_events import record_events
from shequn.store import open_store
from shequn.store.schema import latest_version


def shequn(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    prefix = ["--db", db] if db else []
    return subprocess.run(
        [sys.executable, "-m", "shequn", *prefix, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]


@pytest.fixture
def filled(db_url: str) -> str:
    db = open_store(db_url, create=True)
    community = create_community(db, "acme", "Asia/Shanghai")
    record_events(db, community, "test", [
        event(Kind.JOIN, dave, time_us=at(1), via=Via.LINK, inviter=alice),
        event(Kind.MESSAGE, dave, time_us=at(2), text="你好"),
    ])  # fmt: skip
    db.close()
    return db_url


def test_stats_prints_json_for_scripts(filled: str) -> None:
    result = shequn("stats", "--json", db=filled)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert (figures["members"], figures["joins"], figures["messages"]) == (2, 1, 1)


def test_events_streams_one_json_object_per_line(filled: str) -> None:
    result = shequn("events", "--jsonl", db=filled)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["kind"], row["actor"], row["inviter"], row["text"]) for row in rows] == [
        ("join", "dave", "alice", None),
        ("message", "dave", None, "你好"),
    ]


def test_init_creates_a_community_with_its_time_zone(tmp_path: Path) -> None:
    db = str(tmp_path / "new.db")
    result = shequn("--community", "tea", "init", "--timezone", "Asia/Shanghai", db=db)
    assert result.returncode == 0, result.stderr
    assert "'tea' ready (time zone Asia/Shanghai)" in result.stdout


def test_an_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    assert_one_line_error(
        shequn("init", "--timezone", "Mars/Olympus", db=str(tmp_path / "x.db")), "unknown time zone"
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://localhost/x", "unsupported database URL"),
        ("postgresql://127.0.0.1:5432/test?connect_timeout=x=y", "malformed database URL"),
        ("postgresql://127.0.0.1:1/test", "cannot connect to PostgreSQL"),
    ],
)
def test_a_bad_database_url_is_one_line(url: str, words: str) -> None:
    assert_one_line_error(shequn("stats", db=url), words)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    before = path.read_bytes()
    assert_one_line_error(shequn("demo", "--members", "10", db=str(path)), "is not a shequn database")
    assert path.read_bytes() == before
    assert not (tmp_path / "photo.jpg-wal").exists()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "future.db")
    db = open_store(path, create=True)
    with db.transaction():
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (latest_version() + 1,))
    db.close()
    assert_one_line_error(shequn("stats", db=path), "newer than this shequn knows")


def test_a_missing_database_is_not_created_by_reading_it(tmp_path: Path) -> None:
    assert_one_line_error(shequn("stats", db=str(tmp_path / "nothing.db")), "no shequn database at")
    assert not (tmp_path / "nothing.db").exists()


@pytest.mark.parametrize("command", ["init", "demo", "import", "stats", "events", "serve"])
def test_every_command_has_help(command: str) -> None:
    result = shequn(command, "--help")
    assert result.returncode == 0
    assert "Usage: python -m shequn" in result.stdout or "Usage: shequn" in result.stdout
