from __future__ import annotations

from cast import alice, at, bob, carol, dave, eve, event
from shequn.domain.events import Account, AccountKind, Kind
from shequn.services.communities import Community
from shequn.services.read_stats import read_stats
from shequn.services.record_events import record_events
from shequn.store import Database

helper_bot = Account("9000", "welcome bot", AccountKind.BOT)


def _community_story(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(0)),  # in the group before the history starts
        event(Kind.JOIN, bob, time_us=at(1)),
        event(Kind.LEAVE, bob, time_us=at(2)),
        event(Kind.JOIN, carol, time_us=at(1)),
        event(Kind.REMOVAL, alice, target=carol, time_us=at(3)),
        event(Kind.JOIN, carol, time_us=at(4)),  # rejoined: still one member
        event(Kind.JOIN, dave, time_us=at(5)),
        event(Kind.MESSAGE, eve, group="g2", group_name="Deals", time_us=at(5)),
        event(Kind.REMOVAL, alice, target=eve, group="g2", group_name="Deals", time_us=at(6)),
        event(Kind.MESSAGE, helper_bot, time_us=at(7)),
    ])  # fmt: skip


def test_it_counts_people_ever_seen_and_people_still_in_a_group(db: Database, community: Community) -> None:
    _community_story(db, community)
    stats = read_stats(db, community)
    assert stats.members == 5  # alice, bob, carol, dave, eve; the bot is not a member
    assert stats.current_members == 3  # alice, carol (rejoined), dave
    assert (stats.identities, stats.groups) == (6, 2)
    assert (stats.messages, stats.joins, stats.leaves, stats.removals) == (3, 4, 1, 2)
    assert stats.first_event == "2026-03-01T09:00:00+08:00"
    assert stats.last_event == "2026-03-08T09:00:00+08:00"


def test_merged_accounts_count_as_one_member(db: Database, community: Community) -> None:
    second = Account("2004", "dave on his new phone")
    record_events(db, community, "test", [
        event(Kind.JOIN, dave, time_us=at(1)),
        event(Kind.JOIN, second, group="g2", time_us=at(2)),
        event(Kind.IDENTITY_MERGED, dave, target=second, group=None, time_us=at(3)),
    ])  # fmt: skip
    stats = read_stats(db, community)
    assert (stats.members, stats.current_members, stats.identities) == (1, 1, 2)


def test_an_empty_community_has_zero_of_everything(db: Database, community: Community) -> None:
    stats = read_stats(db, community)
    assert (stats.members, stats.events, stats.first_event) == (0, 0, None)
