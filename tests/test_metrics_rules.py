"""The rules under the figures: local days, the presence rule in columns, replies, settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cast import alice, at, bob, carol, dave, eve, event
from shequn.domain.clock import to_time_us
from shequn.domain.events import Account, AccountKind, Kind, Via
from shequn.metrics.calendar import local_days, period_label
from shequn.metrics.presence import presence
from shequn.metrics.settings import Settings, SettingsError, parse_settings, settings_document
from shequn.services.communities import Community, create_community
from shequn.services.compute_analytics import compute_analytics
from shequn.services.read_stats import read_stats
from shequn.services.record_events import record_events
from shequn.store import Database, open_store
from shequn.store import columns as columns_module
from shequn.store.columns import load_columns

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _local(text: str) -> int:
    return to_time_us(datetime.fromisoformat(text).replace(tzinfo=SHANGHAI))


def test_a_message_at_2330_in_shanghai_counts_on_that_local_day(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=_local("2026-03-01T23:30")),  # 15:30 UTC, same date
        event(Kind.MESSAGE, bob, time_us=_local("2026-03-02T07:30")),  # 23:30 UTC on March 1
    ])  # fmt: skip
    days = {row["period"]: row["active"] for row in compute_analytics(db, community)["periods"]["day"]}
    assert days == {"2026-03-01": 1, "2026-03-02": 1}


def test_local_days_follow_daylight_saving_changes() -> None:
    new_york = ZoneInfo("America/New_York")
    before = to_time_us(datetime(2026, 3, 7, 23, 30, tzinfo=new_york))  # EST, UTC-5
    after = to_time_us(datetime(2026, 3, 8, 23, 30, tzinfo=new_york))  # EDT, UTC-4
    days = local_days(np.array([before, after]), new_york)
    assert [period_label(int(day), "day") for day in days] == ["2026-03-07", "2026-03-08"]


def test_weeks_start_on_monday_and_months_are_calendar_months() -> None:
    sunday, monday = (to_time_us(datetime(2026, 3, d, 12, tzinfo=SHANGHAI)) for d in (1, 2))
    days = local_days(np.array([sunday, monday]), SHANGHAI)
    assert [period_label(int((d + 3) // 7), "week") for d in days] == ["2026-02-23", "2026-03-02"]


welcome_bot = Account("9000", "welcome bot", AccountKind.BOT)


def test_the_columnar_presence_agrees_with_the_sql_rule(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(0)),
        event(Kind.JOIN, bob, time_us=at(1)),
        event(Kind.LEAVE, bob, time_us=at(2)),
        event(Kind.JOIN, carol, time_us=at(1)),
        event(Kind.REMOVAL, alice, target=carol, time_us=at(3)),
        event(Kind.JOIN, carol, time_us=at(4)),
        event(Kind.JOIN, dave, time_us=at(5), via=Via.ADDED, inviter=eve),
        event(Kind.JOIN, eve, group="g2", time_us=at(5)),
        event(Kind.LEAVE, eve, group="g2", time_us=at(5)),  # a join and a leave at once: out
        event(Kind.MESSAGE, welcome_bot, time_us=at(7)),
        event(Kind.IDENTITY_MERGED, alice, target=Account("q1", "alice qq", platform="qq"), time_us=at(8)),
        event(Kind.LEAVE, Account("q1", "alice qq"), platform="qq", group="q", time_us=at(9)),
    ])  # fmt: skip
    who = presence(load_columns(db, community.id))
    stats = read_stats(db, community)
    assert (len(who.members), int(who.current.sum())) == (stats.members, stats.current_members)
    assert (stats.members, stats.current_members) == (5, 4)


def test_the_first_reply_to_a_message_is_timed_per_group(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(20)),
        event(Kind.MESSAGE, bob, target=alice, time_us=at(20, minutes=10)),  # the first reply: 600 s
        event(Kind.MESSAGE, carol, target=alice, time_us=at(20, minutes=20)),  # a later one
        event(Kind.MESSAGE, alice, time_us=at(21)),
        event(Kind.MESSAGE, dave, target=alice, time_us=at(21, minutes=30)),  # 1,800 s
    ])  # fmt: skip
    (group,) = compute_analytics(db, community)["groups"]
    assert group["median_reply_seconds"] == 1200.0


def test_settings_are_written_out_in_full_and_read_back() -> None:
    settings = parse_settings("[windows]\nsilent_days = 45\n")
    assert settings.windows.silent_days == 45
    assert parse_settings(settings_document(settings)) == settings
    with_costs = replace(settings, channel_costs_fen={"qr-poster": 100})
    assert parse_settings(settings_document(with_costs)) == settings  # costs live with the channels
    assert parse_settings("") == Settings()


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ("[windows]\nsilent_days = 0", "windows.silent_days must be a whole number from 1 to 3650"),
        ("[windows]\nsilent_days = '30'", "windows.silent_days"),
        ("[stages]\ncore_share = 2", "stages.core_share must be a number greater than 0 and at most 1"),
        ("[stages]\nfans = 3", "unknown setting stages.fans"),
        ("[wndows]", "unknown section 'wndows'"),
        ("[channel_costs_fen]\nqr = 5", "channel_costs_fen is not a setting: give an entry channel its cost"),
        ("[windows", "not valid TOML"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(document: str, words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        parse_settings(document)


@given(st.text(max_size=200))
def test_any_text_gives_settings_or_a_settings_error(text: str) -> None:
    try:
        parse_settings(text)
    except SettingsError as error:
        assert len(str(error).splitlines()) == 1


def test_sqlite_columns_through_arrow_equal_those_through_rows(tmp_path: Path) -> None:
    db = open_store(str(tmp_path / "arrow.db"), create=True)
    community = create_community(db, "acme", "Asia/Shanghai")
    record_events(db, community, "test", [
        event(Kind.JOIN, bob, time_us=at(1), via=Via.CODE, code="qr"),
        event(Kind.JOIN, carol, time_us=at(2), via=Via.LINK, inviter=alice),
        *(event(Kind.MESSAGE, dave, time_us=at(3, minutes=m)) for m in range(40)),
        event(Kind.ORDER_PAID, dave, time_us=at(4), ref="o", amount_fen=123),
        event(Kind.JOIN, eve, time_us=at(5), via=Via.ADDED, inviter=bob, utc_offset_min=None),
        event(Kind.REMOVAL, alice, target=eve, time_us=at(6)),
    ])  # fmt: skip
    arrow = load_columns(db, community.id)
    rows, channels = columns_module._load_rows(db, community.id, None)
    for name in ("time_us", "kind", "group", "actor", "target", "inviter", "amount_fen", "utc_offset_min"):
        assert getattr(arrow, name).tolist() == rows[name].tolist(), name
    assert [arrow.channels[c] for c in arrow.channel if c >= 0] == [
        channels[c] for c in rows["channel"] if c >= 0
    ]
    assert arrow.channels == ("qr", "link", "added")
    db.close()


def test_loading_columns_leaves_the_database_usable_in_this_process(
    db: Database, community: Community
) -> None:
    record_events(db, community, "test", [event(Kind.MESSAGE, alice, time_us=at(1))])
    load_columns(db, community.id)
    record_events(db, community, "test", [event(Kind.MESSAGE, bob, time_us=at(2))])
    assert len(load_columns(db, community.id)) == 2
    assert read_stats(db, community).messages == 2
