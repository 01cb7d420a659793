from __future__ import annotations

import re
import sqlite3

import pytest

from cast import alice, at, bob, carol, dave, event
from shequn.domain.events import Account, Kind, Via
from shequn.services.communities import Community
from shequn.services.record_events import record_events
from shequn.store import Database, StoreError, open_store
from shequn.store.appender import InvalidEvent
from shequn.store.schema import known_migrations, latest_version


def test_it_stores_an_event_recorded_twice_once(db: Database, community: Community) -> None:
    events = [event(Kind.MESSAGE, alice, key="m1", text="hi"), event(Kind.MESSAGE, bob, key="m2")]
    first = record_events(db, community, "test", events)
    again = record_events(db, community, "another file", events)
    assert (first.added, first.skipped) == (2, 0)
    assert (again.added, again.skipped) == (0, 2)
    assert db.scalar("SELECT COUNT(*) FROM events") == 2


def test_it_counts_a_duplicate_inside_one_batch_once(db: Database, community: Community) -> None:
    recorded = record_events(db, community, "test", [event(Kind.MESSAGE, alice, key="m1")] * 3)
    assert (recorded.seen, recorded.added) == (3, 1)


def test_the_same_key_in_two_communities_is_two_events(db: Database, community: Community) -> None:
    from shequn.services.communities import create_community

    other = create_community(db, "other", "UTC")
    record_events(db, community, "test", [event(Kind.MESSAGE, alice, key="m1")])
    record_events(db, other, "test", [event(Kind.MESSAGE, alice, key="m1")])
    assert db.scalar("SELECT COUNT(*) FROM events") == 2


def test_an_account_keeps_every_display_name_and_shows_the_latest(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, Account("1001", "alice 2"), time_us=at(days=2)),
        event(Kind.MESSAGE, Account("1001", "alice"), time_us=at(days=1)),
    ])  # fmt: skip
    assert db.fetchall("SELECT name FROM identities") == [("alice 2",)]
    assert sorted(db.fetchall("SELECT name, first_seen_us FROM identity_names")) == [
        ("alice", at(days=1)),
        ("alice 2", at(days=2)),
    ]


def test_an_account_known_only_by_name_is_one_identity_per_name(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, Account(None, "Wang Wei")),
        event(Kind.MESSAGE, Account(None, "Wang Wei")),
        event(Kind.MESSAGE, Account(None, "Li Na")),
    ])  # fmt: skip
    assert db.scalar("SELECT COUNT(*) FROM identities") == 2


def test_a_group_is_named_after_its_latest_title(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.GROUP_RENAMED, carol, group_name="Tea lovers 2", time_us=at(days=5)),
        event(Kind.MESSAGE, dave, group_name="Tea lovers", time_us=at(days=1)),
    ])  # fmt: skip
    assert db.fetchall("SELECT name FROM groups") == [("Tea lovers 2",)]


def test_a_merge_makes_two_accounts_one_member_and_an_unmerge_undoes_it(
    db: Database, community: Community
) -> None:
    old, new = Account("w1", "dave"), Account("w2", "dave (new phone)")
    record_events(db, community, "test", [event(Kind.MESSAGE, old), event(Kind.MESSAGE, new)])
    record_events(
        db, community, "test", [event(Kind.IDENTITY_MERGED, old, target=new, group=None, time_us=at(1))]
    )
    assert db.scalar("SELECT COUNT(DISTINCT member_id) FROM identities") == 1
    record_events(
        db, community, "test", [event(Kind.IDENTITY_UNMERGED, new, target=old, group=None, time_us=at(2))]
    )
    assert db.scalar("SELECT COUNT(DISTINCT member_id) FROM identities") == 2
    assert db.fetchall("SELECT id, member_id FROM identities WHERE id <> member_id") == []


def test_mentions_and_inviters_become_identities(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.JOIN, dave, via=Via.ADDED, inviter=carol),
        event(Kind.MESSAGE, alice, mentions=(bob, dave)),
    ])  # fmt: skip
    assert db.scalar("SELECT COUNT(*) FROM identities") == 4
    assert db.scalar("SELECT COUNT(*) FROM mentions") == 2


def test_a_bad_event_in_a_whole_import_stores_nothing(db: Database, community: Community) -> None:
    good = [event(Kind.MESSAGE, alice, key=f"m{n}") for n in range(5)]
    bad = event(Kind.JOIN, None, key="no actor")
    with pytest.raises(InvalidEvent, match="'no actor': a join event needs an actor"):
        record_events(db, community, "test", [*good, bad], whole=True, batch_size=2)
    assert db.scalar("SELECT COUNT(*) FROM events") == 0
    assert db.scalar("SELECT COUNT(*) FROM identities") == 0
    assert record_events(db, community, "test", good).added == 5


def test_batches_commit_one_by_one_when_not_whole(db: Database, community: Community) -> None:
    good = [event(Kind.MESSAGE, alice, key=f"m{n}") for n in range(4)]
    with pytest.raises(InvalidEvent):
        record_events(db, community, "test", [*good, event(Kind.LEAVE, None)], batch_size=2)
    assert db.scalar("SELECT COUNT(*) FROM events") == 4


def test_it_refuses_a_schema_newer_than_it_knows(db_url: str) -> None:
    db = open_store(db_url, create=True)
    with db.transaction():
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (latest_version() + 1,))
    db.close()
    with pytest.raises(StoreError, match="newer than this shequn knows"):
        open_store(db_url)


def test_a_migration_numbered_below_the_latest_applied_one_is_still_applied(db_url: str) -> None:
    """A database made where a later-numbered migration landed first still gets the earlier one."""
    version, path = known_migrations()[1]
    tables = re.findall(r"CREATE TABLE (\w+)", path.read_text(encoding="utf-8"))
    db = open_store(db_url, create=True)
    with db.transaction():
        for table in reversed(tables):
            db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM schema_version WHERE version = ?", (version,))
    db.close()
    reopened = open_store(db_url)
    assert set(tables) <= set(reopened.table_names())
    assert reopened.scalar("SELECT COUNT(*) FROM schema_version WHERE version = ?", (version,)) == 1
    reopened.close()


def test_it_refuses_a_file_that_is_not_a_database(tmp_path: object) -> None:
    path = f"{tmp_path}/notes.txt"
    content = b"these are my notes, not a database\n" * 100
    with open(path, "wb") as file:
        file.write(content)
    with pytest.raises(StoreError, match=r"notes\.txt is not a shequn database"):
        open_store(path, create=True)
    with open(path, "rb") as file:
        assert file.read() == content


def test_it_refuses_a_sqlite_database_of_another_program(tmp_path: object) -> None:
    path = f"{tmp_path}/other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(StoreError, match=r"other\.db is not a shequn database"):
        open_store(path, create=True)
    with sqlite3.connect(path) as other:
        assert [row[0] for row in other.execute("SELECT name FROM sqlite_master")] == ["accounts"]


def test_it_does_not_create_a_missing_file_for_reading(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="no shequn database at"):
        open_store(f"{tmp_path}/missing.db")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://localhost/x", "unsupported database URL"),
        ("postgresql://127.0.0.1:5432/test?connect_timeout=x=y", "malformed database URL"),
        ("postgresql://127.0.0.1:1/test", "cannot connect to PostgreSQL at postgresql://127.0.0.1:1/test"),
    ],
)
def test_it_names_the_problem_with_a_database_url(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url, create=True)


def test_accounts_on_two_platforms_can_be_one_member(db: Database, community: Community) -> None:
    on_qq = Account("10001", "dave", platform="qq")
    on_wechat = Account("wxid_dave", "dave")
    record_events(db, community, "test", [
        event(Kind.MESSAGE, Account("10001", "dave"), platform="qq"),
        event(Kind.MESSAGE, on_wechat, platform="wechat"),
        event(Kind.IDENTITY_MERGED, on_wechat, target=on_qq, platform="wechat", group=None, time_us=at(1)),
    ])  # fmt: skip
    assert db.scalar("SELECT COUNT(*) FROM identities") == 2
    assert db.scalar("SELECT COUNT(DISTINCT member_id) FROM identities") == 1


def test_a_nul_character_in_text_is_refused_by_name(db: Database, community: Community) -> None:
    with pytest.raises(InvalidEvent, match="text contains a NUL character"):
        record_events(db, community, "test", [event(Kind.MESSAGE, alice, text="a\x00b")])
