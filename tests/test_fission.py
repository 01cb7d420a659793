"""The honest fission numbers, recomputed by hand on a tiny community, on both engines.

The story (days after time zero; as of day 60 unless a test says otherwise):

- alice creates Tea lovers (g1) and is its founder;
- bob is added by alice on day 1 and writes on day 3: retained, activated, real;
- carol comes by bob's link on day 2, joins g2 by bob's link on day 5, leaves g1 on day 10 and
  writes on day 20: still in g2 at day 32, so retained, but silent for her first 14 days;
- dave comes by bob's link on day 3, writes that evening, leaves on day 4 and rejoins on day 40: his
  rejoin is no new person, and on day 33 he was in no group: not retained;
- eve scans the code poster-a on day 50: attributed to the channel, both judgements pending;
- frank comes by carol's link on day 55 and writes on day 56: activated, retention pending;
- a bot added by alice is no member.
"""

from __future__ import annotations

import pytest

from cast import alice, at, bob, carol, dave, eve, event
from shequn.domain.events import Account, AccountKind, Kind, Via
from shequn.metrics.fission import NO, PENDING, YES, Windows
from shequn.services.communities import Community
from shequn.services.load_fission import load_fission
from shequn.services.read_fission import read_fission
from shequn.services.read_member_referrals import read_member_referrals
from shequn.services.record_events import record_events
from shequn.store import Database, StoreError

frank = Account("1006", "frank")
teabot = Account("bot1", "TeaBot", AccountKind.BOT)
DAY60 = at(days=60)


def story() -> list:
    return [
        event(Kind.GROUP_CREATED, alice, text="Tea lovers", time_us=at()),
        event(Kind.JOIN, alice, via=Via.FOUNDER, time_us=at()),
        event(Kind.JOIN, bob, via=Via.ADDED, inviter=alice, time_us=at(days=1)),
        event(Kind.MESSAGE, bob, text="hi", time_us=at(days=3)),
        event(Kind.JOIN, carol, via=Via.LINK, inviter=bob, time_us=at(days=2)),
        event(Kind.JOIN, carol, via=Via.LINK, inviter=bob, group="g2", time_us=at(days=5)),
        event(Kind.LEAVE, carol, time_us=at(days=10)),
        event(Kind.MESSAGE, carol, text="still here", group="g2", time_us=at(days=20)),
        event(Kind.JOIN, dave, via=Via.LINK, inviter=bob, time_us=at(days=3)),
        event(Kind.MESSAGE, dave, text="hello", time_us=at(days=3, hours=10)),
        event(Kind.LEAVE, dave, time_us=at(days=4)),
        event(Kind.JOIN, dave, via=Via.LINK, inviter=carol, time_us=at(days=40)),
        event(Kind.JOIN, eve, via=Via.CODE, code="poster-a", time_us=at(days=50)),
        event(Kind.JOIN, frank, via=Via.LINK, inviter=carol, time_us=at(days=55)),
        event(Kind.MESSAGE, frank, text="thanks carol", time_us=at(days=56)),
        event(Kind.JOIN, teabot, via=Via.ADDED, inviter=alice, time_us=at(days=57)),
    ]


@pytest.fixture
def told(db: Database, community: Community) -> tuple[Database, Community]:
    record_events(db, community, "test", story())
    return db, community


def member_id(db: Database, account: Account) -> int:
    return int(db.scalar("SELECT member_id FROM identities WHERE handle = ?", (account.id,)))


def test_the_totals_are_the_hand_counted_ones(told: tuple[Database, Community]) -> None:
    db, community = told
    report = read_fission(db, community, DAY60)
    totals = report.totals
    assert (totals.people, totals.newcomers, totals.attributed_joins) == (6, 6, 5)
    assert (totals.referred_joins, totals.real_joins, totals.pending_joins) == (4, 1, 2)
    assert totals.k_raw == pytest.approx(5 / 6)
    assert totals.k_real == pytest.approx(1 / 6)
    assert totals.max_depth == 3
    assert report.generations == [2, 1, 2, 1]  # alice, eve | bob | carol, dave | frank


def test_each_invitee_is_judged_by_hand(told: tuple[Database, Community]) -> None:
    db, community = told
    data = load_fission(db, community, DAY60)
    judged = {}
    for account in (bob, carol, dave, eve, frank):
        person = data.person(member_id(db, account))
        assert person is not None
        judged[account.name] = (
            int(data.result.retained[person]),
            int(data.result.activated[person]),
            int(data.result.real[person]),
        )
    assert judged == {
        "bob": (YES, YES, YES),
        "carol": (YES, NO, NO),  # left g1 but stayed in g2; silent for 18 days
        "dave": (NO, YES, NO),  # out of every group on day 33, back only on day 40
        "eve": (PENDING, PENDING, PENDING),  # 10 days before as-of
        "frank": (PENDING, YES, PENDING),
    }


def test_depth_follows_the_inviters(told: tuple[Database, Community]) -> None:
    db, community = told
    data = load_fission(db, community, DAY60)
    depth = {
        a.name: int(data.forest.depth[data.person(member_id(db, a))])
        for a in (alice, bob, carol, dave, eve, frank)
    }
    assert depth == {"alice": 0, "bob": 1, "carol": 2, "dave": 2, "eve": 0, "frank": 3}


def test_inviters_and_codes_are_tallied(told: tuple[Database, Community]) -> None:
    db, community = told
    report = read_fission(db, community, DAY60)
    rows = {
        row.name: (row.invited, row.retained_30d, row.activated_14d, row.real, row.pending)
        for row in report.inviters
    }
    assert rows == {"alice": (1, 1, 1, 1, 0), "bob": (2, 1, 1, 0, 0), "carol": (1, 0, 1, 0, 1)}
    assert [row.name for row in report.inviters] == ["alice", "bob", "carol"]
    [poster] = report.channels
    assert (poster.code, poster.joins, poster.real, poster.pending) == ("poster-a", 1, 0, 1)


def test_a_rejoin_is_not_a_new_person_nor_a_new_invite(told: tuple[Database, Community]) -> None:
    db, community = told
    report = read_fission(db, community, DAY60)
    carol_row = next(row for row in report.inviters if row.name == "carol")
    assert carol_row.invited == 1  # frank, not dave's rejoin by carol's link


def test_an_earlier_as_of_makes_later_judgements_pending(told: tuple[Database, Community]) -> None:
    db, community = told
    data = load_fission(db, community, at(days=20))
    bob_person = data.person(member_id(db, bob))
    assert (data.result.retained[bob_person], data.result.activated[bob_person]) == (PENDING, YES)
    report = read_fission(db, community, at(days=20))
    # bob and dave await day 31 and 33; carol's 14 silent days are over: not real, whatever comes
    assert (report.totals.people, report.totals.attributed_joins, report.totals.pending_joins) == (4, 3, 2)


def test_the_windows_are_settings(told: tuple[Database, Community]) -> None:
    db, community = told
    data = load_fission(db, community, DAY60, Windows(retained_days=30, activated_days=20))
    assert data.result.activated[data.person(member_id(db, carol))] == YES  # wrote on day 18 of hers


def test_a_second_account_invited_by_its_own_person_is_no_new_person(
    db: Database, community: Community
) -> None:
    bob_on_qq = Account("2002", "bob")
    record_events(db, community, "test", [
        *story(),
        event(Kind.IDENTITY_MERGED, bob, target=bob_on_qq, time_us=at(days=58)),
        event(Kind.JOIN, bob_on_qq, via=Via.ADDED, inviter=bob, group="g2", time_us=at(days=59)),
    ])  # fmt: skip
    totals = read_fission(db, community, DAY60).totals
    assert (totals.people, totals.attributed_joins) == (6, 5)


def test_a_bot_inviter_attributes_nothing(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.GROUP_CREATED, alice, time_us=at()),
        event(Kind.JOIN, bob, via=Via.ADDED, inviter=teabot, time_us=at(days=1)),
    ])  # fmt: skip
    report = read_fission(db, community, DAY60)
    assert (report.totals.people, report.totals.attributed_joins, report.inviters) == (2, 0, [])


def test_a_campaign_counts_only_the_joins_with_its_code(told: tuple[Database, Community]) -> None:
    db, community = told
    report = read_fission(db, community, DAY60, campaign="poster-a")
    assert (report.totals.people, report.totals.attributed_joins, report.totals.max_depth) == (6, 1, 0)
    with pytest.raises(StoreError, match="no campaign or code 'nope'"):
        read_fission(db, community, DAY60, campaign="nope")


def test_an_empty_community_has_no_fission(db: Database, community: Community) -> None:
    report = read_fission(db, community)
    assert (report.totals.people, report.totals.k_raw, report.inviters, report.channels) == (0, 0.0, [], [])


def test_a_member_profile_shows_who_brought_them_and_whom_they_brought(
    told: tuple[Database, Community],
) -> None:
    db, community = told
    found = read_member_referrals(db, community, member_id(db, carol))
    assert found is not None
    assert (found.invited_by, found.code, found.depth) == (member_id(db, bob), None, 2)
    assert [(i.name, i.retained_30d, i.activated_14d, i.real) for i in found.invitees] == [
        ("frank", "pending", "yes", "pending")
    ]
    assert read_member_referrals(db, community, 999_999) is None


def test_k_per_month_splits_the_headline_k(told: tuple[Database, Community]) -> None:
    db, community = told
    months = read_fission(db, community, DAY60).as_json()["months"]
    # March: alice, bob, carol, dave arrive; bob, carol, dave attributed, bob real.
    # April: eve (poster-a) and frank (carol) arrive, both attributed and pending.
    assert months == [
        {"month": "2026-03", "people": 4, "attributed_joins": 3, "real_joins": 1, "pending_joins": 0,
         "k_raw": 0.75, "k_real": 0.25},
        {"month": "2026-04", "people": 2, "attributed_joins": 2, "real_joins": 0, "pending_joins": 2,
         "k_raw": 1.0, "k_real": 0.0},
    ]  # fmt: skip
    campaign = read_fission(db, community, DAY60, campaign="poster-a").as_json()["months"]
    assert [(m["people"], m["attributed_joins"]) for m in campaign] == [(4, 0), (2, 1)]
