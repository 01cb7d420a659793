"""`kill -9` in the middle of `shequn demo`: whole batches survive and a rerun completes the load."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from shequn.services.communities import find_community
from shequn.services.read_stats import read_stats
from shequn.services.record_events import BATCH_SIZE
from shequn.store import StoreError, open_store

MEMBERS = "3000"


def _stored_events(url: str) -> int:
    try:
        db = open_store(url)
    except StoreError:
        return 0  # not created yet
    try:
        return int(db.scalar("SELECT COUNT(*) FROM events") or 0)
    finally:
        db.close()


def _demo(url: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "shequn", "--db", url, "demo", "--members", MEMBERS]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_after_two_batches(url: str) -> None:
    process = _demo(url)
    while _stored_events(url) < 2 * BATCH_SIZE and process.poll() is None:
        time.sleep(0.02)  # waiting for the child to get going, not a time limit
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_killed_demo_keeps_whole_batches_and_a_rerun_completes_it(db_url: str) -> None:
    _kill_after_two_batches(db_url)
    db = open_store(db_url)
    if db.dialect.name == "sqlite":
        assert db.fetchall("PRAGMA integrity_check") == [("ok",)]
    stored = int(db.scalar("SELECT COUNT(*) FROM events"))
    assert stored > 0 and stored % BATCH_SIZE == 0  # demo keys are unique, so whole batches are exact
    db.close()

    finished = subprocess.run(
        [sys.executable, "-m", "shequn", "--db", db_url, "demo", "--members", MEMBERS],
        capture_output=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    again = subprocess.run(
        [sys.executable, "-m", "shequn", "--db", db_url, "demo", "--members", MEMBERS, "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert '"added": 0' in again.stdout
    db = open_store(db_url)
    completed = read_stats(db, find_community(db, "demo"))
    db.close()
    assert completed.events > stored
