"""The seeded demo community: deterministic, well formed, and shaped like the seeds' story."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path

import pytest

from shequn.domain.events import Account, Event, Kind
from shequn.domain.validation import problems
from shequn.services.communities import create_community
from shequn.services.load_demo import DEMO_COMMUNITY, DemoMismatch, load_demo
from shequn.services.read_stats import read_stats
from shequn.services.record_events import record_events
from shequn.sources.demo import demo_event_estimate, demo_events
from shequn.sources.demo.cast import Sizes
from shequn.sources.demo.entries import CAMPAIGN_CODE
from shequn.sources.demo.orders import PRICES_FEN, PRODUCTS
from shequn.sources.demo.year import END_US, START_US
from shequn.store import open_store

SMALL = 300


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return list(demo_events(1000, seed=3))


def _of(events: list[Event], kind: Kind) -> list[Event]:
    return [event for event in events if event.kind is kind]


def _speakers(events: list[Event]) -> Counter[tuple[str, str]]:
    return Counter((e.platform, e.actor.handle) for e in _of(events, Kind.MESSAGE) if e.actor)


def test_it_is_the_same_community_for_the_same_seed() -> None:
    assert list(demo_events(SMALL, seed=7)) == list(demo_events(SMALL, seed=7))


_DIGEST = (
    "import hashlib; from shequn.sources.demo import demo_events; "
    "print(hashlib.sha256(repr(list(demo_events(400, seed=5))).encode()).hexdigest())"
)


def test_it_is_the_same_community_in_another_process() -> None:
    """Nothing may depend on Python's per-process hash seed (the order of a set of strings, say)."""
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST],
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in (1, 2, 3)
    }
    assert len(digests) == 1


def test_another_seed_gives_another_community() -> None:
    first, second = list(demo_events(SMALL, seed=1)), list(demo_events(SMALL, seed=2))
    assert first != second
    assert not {e.key for e in first} & {e.key for e in second}


def test_every_event_has_a_natural_key_of_its_own(events: list[Event]) -> None:
    assert len({event.key for event in events}) == len(events)


def test_every_event_is_well_formed(events: list[Event]) -> None:
    assert [(event.key, problems(event)) for event in events if problems(event)] == []


def test_every_event_happens_in_the_demo_year_in_shanghai_time(events: list[Event]) -> None:
    assert all(START_US <= event.time_us < END_US for event in events)
    assert {event.utc_offset_min for event in events} == {480}


def test_it_holds_every_kind_of_event_of_the_story(events: list[Event]) -> None:
    assert set(Kind) - {event.kind for event in events} == {Kind.IDENTITY_UNMERGED}
    assert {event.via.value for event in _of(events, Kind.JOIN) if event.via} >= {
        "link",
        "added",
        "code",
        "request",
    }


def test_a_member_writes_about_forty_messages_a_year() -> None:
    messages = sum(1 for event in demo_events(3000, seed=1) if event.kind is Kind.MESSAGE)
    assert 36 <= messages / 3000 <= 44


def test_the_estimate_is_close_enough_for_a_progress_bar(events: list[Event]) -> None:
    assert 0.85 <= len(events) / demo_event_estimate(1000) <= 1.15


def test_the_groups_are_patient_and_city_groups_on_wechat_and_qq(events: list[Event]) -> None:
    created = _of(events, Kind.GROUP_CREATED)
    assert {event.platform for event in created} == {"wechat", "qq"}
    titles = [event.text or "" for event in created]
    assert any("病友群" in title for title in titles) and any("同城群" in title for title in titles)


def test_the_number_of_groups_grows_mildly_with_the_members() -> None:
    assert Sizes.for_members(5000).groups == 30
    assert 200 <= Sizes.for_members(1_000_000).groups <= 500


def test_most_members_never_say_a_word(events: list[Event]) -> None:
    joined = {(e.platform, e.actor.handle) for e in _of(events, Kind.JOIN) if e.actor}
    assert 0.45 < 1 - len(_speakers(events)) / len(joined) < 0.75


def test_a_few_members_write_most_of_the_messages(events: list[Event]) -> None:
    counts = sorted(_speakers(events).values(), reverse=True)
    assert sum(counts[: len(counts) // 10]) > 0.4 * sum(counts)


def test_people_write_only_while_they_are_in_the_group(events: list[Event]) -> None:
    stays: dict[tuple[str | None, str], list[list[int]]] = defaultdict(list)
    for event in sorted(events, key=lambda e: (e.kind is not Kind.JOIN, e.time_us)):
        subject = event.membership_subject
        if event.kind is Kind.JOIN and subject:
            stays[(event.group, subject.handle)].append([event.time_us, END_US])
        elif event.kind in (Kind.LEAVE, Kind.REMOVAL) and subject:
            stays[(event.group, subject.handle)][-1][1] = event.time_us
    talk = _of(events, Kind.MESSAGE) + _of(events, Kind.REACTION)
    absent = [
        e.key
        for e in talk
        if e.actor and not any(a <= e.time_us < b for a, b in stays[(e.group, e.actor.handle)])
    ]
    assert absent == []


def test_a_reply_answers_an_earlier_message_of_its_target(events: list[Event]) -> None:
    messages = {(e.group, e.ref): e for e in _of(events, Kind.MESSAGE)}
    replies = [event for event in _of(events, Kind.MESSAGE) if event.reply_to]
    assert replies
    for reply in replies:
        original = messages[(reply.group, reply.reply_to)]
        assert original.time_us <= reply.time_us and original.actor == reply.target


def test_a_reaction_names_the_author_of_its_message(events: list[Event]) -> None:
    messages = {(e.group, e.ref): e for e in _of(events, Kind.MESSAGE)}
    assert all(messages[(r.group, r.reply_to)].actor == r.target for r in _of(events, Kind.REACTION))


def test_a_mention_is_written_into_the_text(events: list[Event]) -> None:
    mentioning = [event for event in _of(events, Kind.MESSAGE) if event.mentions and event.text]
    assert mentioning and all(f"@{e.mentions[0].name}" in (e.text or "") for e in mentioning)


def test_removals_are_made_by_the_group_owner(events: list[Event]) -> None:
    owners = {event.group: event.actor for event in _of(events, Kind.GROUP_CREATED)}
    removals = _of(events, Kind.REMOVAL)
    assert removals and all(event.actor == owners[event.group] for event in removals)


def test_advertisers_post_ads_and_are_removed(events: list[Event]) -> None:
    removed = {(e.group, e.target.handle) for e in _of(events, Kind.REMOVAL) if e.target}
    ads = [
        e
        for e in _of(events, Kind.MESSAGE)
        if e.actor and ("加V" in (e.text or "") or "http" in (e.text or ""))
    ]
    advertisers = {e.actor.handle for e in ads if e.actor}
    assert len(advertisers) == 2
    assert all((e.group, e.actor.handle) in removed for e in ads if e.actor)


def test_a_cheat_brings_throwaway_invitees_who_leave_within_two_days_without_a_word(
    events: list[Event],
) -> None:
    left = {(e.group, e.actor.handle): e.time_us for e in _of(events, Kind.LEAVE) if e.actor}
    speakers = {handle for _, handle in _speakers(events)}
    throwaways: Counter[str] = Counter()
    for join in _of(events, Kind.JOIN):
        if join.code == CAMPAIGN_CODE and join.actor and join.inviter and join.actor.handle not in speakers:
            gone = left.get((join.group, join.actor.handle))
            if gone is not None and gone - join.time_us < 48 * 3600 * 1_000_000:
                throwaways[join.inviter.handle] += 1
    assert len(throwaways.most_common(2)) == 2 and throwaways.most_common(2)[1][1] >= 10


def test_real_invitees_of_the_campaign_stay_and_talk(events: list[Event]) -> None:
    speakers = {handle for _, handle in _speakers(events)}
    invited = {e.actor.handle for e in _of(events, Kind.JOIN) if e.code == CAMPAIGN_CODE and e.actor}
    assert len(invited & speakers) >= 10


def test_orders_are_priced_by_the_tier_of_the_buyer(events: list[Event]) -> None:
    paid = _of(events, Kind.ORDER_PAID)
    unit_prices = {product: set(PRICES_FEN[n].tolist()) for n, product in enumerate(PRODUCTS)}
    assert all(any((e.amount_fen or 0) % price == 0 for price in unit_prices[e.product or ""]) for e in paid)
    one_bottle = {e.amount_fen for e in paid if e.product == PRODUCTS[0]}
    assert {500_000, 400_000, 300_000} <= one_bottle


def test_an_order_is_placed_then_paid_under_one_order_id(events: list[Event]) -> None:
    placed = {e.ref: e for e in _of(events, Kind.ORDER_PLACED)}
    for paid in _of(events, Kind.ORDER_PAID):
        order = placed[paid.ref]
        assert (
            order.time_us < paid.time_us
            and order.amount_fen == paid.amount_fen
            and order.target == paid.target
        )
    assert any(e.target for e in placed.values()) and any(e.target is None for e in placed.values())


def test_a_refund_follows_a_payment_and_never_exceeds_it(events: list[Event]) -> None:
    paid = {e.ref: e for e in _of(events, Kind.ORDER_PAID)}
    refunds = _of(events, Kind.ORDER_REFUNDED)
    assert refunds
    for refund in refunds:
        assert paid[refund.ref].time_us < refund.time_us and (refund.amount_fen or 0) <= (
            paid[refund.ref].amount_fen or 0
        )


def test_members_check_in_at_offline_events(events: list[Event]) -> None:
    check_ins = _of(events, Kind.CHECK_IN)
    assert len({event.text for event in check_ins}) >= 2
    assert len({(e.text, e.actor) for e in check_ins}) == len(check_ins)


def test_a_merge_joins_an_old_and_a_new_account_of_one_person(events: list[Event]) -> None:
    merges = [e for e in _of(events, Kind.IDENTITY_MERGED) if e.target and e.target.platform is None]
    assert len(merges) == 2
    for merge in merges:
        assert merge.platform == "wechat" and merge.actor and merge.target
        assert merge.actor.name == merge.target.name and merge.actor.handle != merge.target.handle


def test_people_in_groups_on_both_platforms_are_one_person(events: list[Event]) -> None:
    links = [e for e in _of(events, Kind.IDENTITY_MERGED) if e.target and e.target.platform == "qq"]
    assert len(links) >= 5  # at least the founder and the operators
    for link in links:
        assert link.actor and link.target and link.actor.name == link.target.name
        qq_joins = [
            e.time_us
            for e in _of(events, Kind.JOIN)
            if e.platform == "qq" and e.actor == Account(link.target.id, link.target.name)
        ]
        assert not qq_joins or min(qq_joins) < link.time_us


def test_loading_the_demo_counts_each_cross_platform_person_once(tmp_path: Path) -> None:
    db = open_store(str(tmp_path / "demo.db"), create=True)
    load_demo(db, members=300, seed=3)
    linked = db.scalar("SELECT COUNT(DISTINCT member_id) FROM identities WHERE member_id <> id")
    assert linked >= 5
    db.close()


def test_even_a_tiny_community_is_well_formed() -> None:
    events = list(demo_events(10, seed=1))
    assert events and all(not problems(event) for event in events)


def test_fewer_than_ten_members_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 10"):
        list(demo_events(9))


def test_loading_the_demo_twice_stores_everything_once(db_url: str) -> None:
    db = open_store(db_url, create=True)
    batches: list[int] = []
    community, first = load_demo(db, members=SMALL, seed=1, on_batch=batches.append)
    counts = read_stats(db, community)
    _, second = load_demo(db, members=SMALL, seed=1)
    assert community.name == DEMO_COMMUNITY and community.timezone == "Asia/Shanghai"
    assert first.added == first.seen == counts.events == sum(batches)
    assert second.seen == first.seen and second.added == 0
    assert read_stats(db, community) == counts
    db.close()


def test_a_rerun_completes_an_interrupted_load(tmp_path: os.PathLike[str]) -> None:
    db = open_store(os.path.join(tmp_path, "demo.db"), create=True)
    community = create_community(db, DEMO_COMMUNITY, "Asia/Shanghai")
    record_events(db, community, "demo", islice(demo_events(SMALL, seed=1), 5000), batch_size=1000)
    _, recorded = load_demo(db, members=SMALL, seed=1)
    assert recorded.added == recorded.seen - 5000
    assert db.scalar("SELECT COUNT(*) FROM events") == recorded.seen
    db.close()


def test_a_demo_with_other_options_is_refused_instead_of_mixed_in(tmp_path: Path) -> None:
    db = open_store(str(tmp_path / "demo.db"), create=True)
    load_demo(db, members=100, seed=1)
    with pytest.raises(DemoMismatch, match="already holds the demo loaded with --members 100 --seed 1"):
        load_demo(db, members=200, seed=1)
    db.close()
