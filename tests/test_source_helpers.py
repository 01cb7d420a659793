"""The helpers every importer shares (sources/keys, names, recent, localtime, jsonfile, textfile)."""

from __future__ import annotations

import codecs
import hashlib
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shequn.domain.clock import MICROS_PER_SECOND, offset_minutes, to_time_us
from shequn.domain.events import Account, Kind
from shequn.sources.files import SourceError, SourceFile
from shequn.sources.jsonfile import described, header_events, json_items
from shequn.sources.keys import GENERATION, ContentKeys
from shequn.sources.localtime import LocalClock
from shequn.sources.names import NameBook, Named, NameList, Notice, resolve_notices
from shequn.sources.recent import NumberedRecentMap, RecentMap
from shequn.sources.textfile import line_batches, sniff_encoding

alice, alice_too, bob = Account("1", "Alice"), Account("2", "Alice"), Account("3", "Bob")
HOUR_US = 3600 * MICROS_PER_SECOND


def source(path: Path, data: bytes) -> SourceFile:
    path.write_bytes(data)
    return SourceFile(path, None, len(data), explicit=True)


# Content keys


def test_identical_lines_at_one_time_are_numbered_and_others_are_not() -> None:
    keys = ContentKeys("qq", "g")
    first, second = keys.key(60, "1", "hi"), keys.key(60, "1", "hi")
    assert (first[-2:], second[-2:]) == (":1", ":2")
    assert first.startswith("qq:g:60:1:")
    assert keys.key(60, "2", "hi").endswith(":1")
    assert keys.key(120, "1", "hi").endswith(":1")


def test_content_keys_of_a_time_ordered_export_are_those_of_counting_every_line() -> None:
    lines = [
        (minute * 60, sender, text)
        for minute in range(3 * GENERATION)
        for sender, text in (("1", "same words"), ("2", "same words"), ("1", "same words"), ("1", "other"))
    ]
    counted: Counter[tuple[int, str, str]] = Counter()
    expected = []
    for line in lines:
        counted[line] += 1
        time_us, sender, text = line
        digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
        expected.append(f"wechat:g:{time_us}:{sender}:{digest}:{counted[line]}")
    keys = ContentKeys("wechat", "g")
    assert [keys.key(*line) for line in lines] == expected


def test_content_keys_forget_the_counts_of_times_two_generations_back() -> None:
    keys = ContentKeys("qq", "g")
    assert keys.key(0, "1", "hi").endswith(":1")
    for time_us in range(1, 2 * GENERATION + 1):
        keys.key(time_us, "1", "other")
    assert keys.key(0, "1", "hi").endswith(":1")  # memory stays flat: the first count is gone


def test_a_time_first_seen_in_the_older_generation_stays_counted_there() -> None:
    keys = ContentKeys("qq", "g")
    keys.key(0, "1", "hi")
    for time_us in range(1, GENERATION + 1):
        keys.key(time_us, "1", "other")
    assert keys.key(0, "1", "hi").endswith(":2")


# Names


def test_a_name_only_one_account_spoke_under_is_that_account() -> None:
    book = NameBook()
    book.saw(alice, 10)
    assert book.resolve("Alice", 0) == alice


def test_of_two_accounts_under_one_name_the_one_speaking_first_after_the_event_is_meant() -> None:
    book = NameBook()
    book.saw_span(alice, 0, 5)
    book.saw_span(alice_too, 20, 30)
    assert (book.resolve("Alice", 10), book.resolve("Alice", 1), book.resolve("Alice", 40)) == (
        alice_too,
        alice_too,
        alice_too,
    )
    assert book.resolve("Alice", 0) == alice


def test_a_span_counts_as_speaking_at_its_first_and_last_moment() -> None:
    spans, moments = NameBook(), NameBook()
    spans.saw_span(alice, 10, 50)
    spans.saw_span(alice_too, 30, 40)
    for account, time_us in ((alice, 10), (alice, 50), (alice_too, 30), (alice_too, 40)):
        moments.saw(account, time_us)
    assert [spans.resolve("Alice", t) for t in (5, 20, 45, 60)] == [
        moments.resolve("Alice", t) for t in (5, 20, 45, 60)
    ]


def test_a_name_nobody_spoke_under_is_an_account_of_that_name_and_an_empty_name_is_nobody() -> None:
    book = NameBook()
    assert book.resolve("Carol", 0) == Account(None, "Carol")
    assert book.resolve("", 0) is None


def test_held_notices_resolve_to_one_event_per_person_and_none_for_nobody() -> None:
    book = NameBook()
    book.saw(alice, 5)
    book.saw(bob, 5)
    notices = [
        Notice("k1", Kind.JOIN, 10, 480, "g", "Tea", actor=NameList("Alice、Bob"), inviter=Named("Carol")),
        Notice("k2", Kind.JOIN, 10, 480, "g", "Tea", actor=Named("")),
    ]
    events = list(resolve_notices(notices, "qq", book.resolve))
    assert [(event.key, event.actor, event.inviter) for event in events] == [
        ("k1", alice, Account(None, "Carol")),
        ("k1/2", bob, Account(None, "Carol")),
    ]


# Recent messages


def test_a_recent_map_forgets_the_oldest_entry_when_full() -> None:
    recent: RecentMap[str, Account] = RecentMap(2)
    for ref, author in (("a", alice), ("b", bob), ("c", alice_too)):
        recent.add(ref, author)
    assert [recent.get(ref) for ref in "abc"] == [None, bob, alice_too]


def test_a_numbered_map_grows_to_its_limit_then_keeps_the_latest_numbers() -> None:
    recent: NumberedRecentMap[Account] = NumberedRecentMap(limit=8192)
    for number in range(1, 10_001):
        recent.add(number, alice if number % 2 else bob)
    assert (recent.get(10_000), recent.get(1_809), recent.get(1_808)) == (bob, alice, None)


# Local time


def test_local_times_and_offsets_follow_daylight_saving() -> None:
    new_york = ZoneInfo("America/New_York")
    clock = LocalClock(new_york)
    assert clock.at(2024, 1, 10, 12, 0, 0) == (to_time_us(datetime(2024, 1, 10, 12, tzinfo=new_york)), -300)
    assert clock.at(2024, 7, 10, 12, 0, 0)[1] == -240
    with pytest.raises(ValueError, match="not a time of day"):
        clock.at(2024, 7, 10, 12, 60, 0)


def test_the_offset_at_an_instant_is_the_zones_on_both_sides_of_a_change() -> None:
    new_york = ZoneInfo("America/New_York")
    clock = LocalClock(new_york)
    change = to_time_us(datetime(2024, 3, 10, 7, tzinfo=ZoneInfo("UTC")))  # 02:00 EST becomes 03:00 EDT
    for time_us in (change - HOUR_US, change - 1, change, change + 1, change + HOUR_US):
        moment = datetime.fromtimestamp(time_us / MICROS_PER_SECOND, new_york)
        assert clock.offset_at(time_us) == offset_minutes(moment)


# JSON files


def test_json_items_skip_a_byte_order_mark(tmp_path: Path) -> None:
    file = source(tmp_path / "a.json", codecs.BOM_UTF8 + b'[{"a": 1}, {"a": 2.5}]')
    assert list(json_items(file, "item", "row", "expected rows")) == [(1, {"a": 1}), (2, {"a": 2.5})]


def test_damaged_json_is_refused_naming_the_file_and_the_last_item_read(tmp_path: Path) -> None:
    file = source(tmp_path / "cut.json", b'{"messages": [{"a": 1}, {"a": 2}, {"a":')
    with pytest.raises(
        SourceError, match=r"cut\.json: the JSON is damaged or cut short after message 2 \(.*\); more"
    ):
        list(json_items(file, "messages.item", "message", "more"))


def test_the_header_is_read_up_to_the_records_from_a_head_that_never_closes(tmp_path: Path) -> None:
    file = source(tmp_path / "h.json", b'{"name": "x", "id": 7, "messages": [{"name": "not the header"')
    assert [(prefix, value) for prefix, _, value in header_events(file) if value is not None] == [
        ("", "name"),
        ("name", "x"),
        ("", "id"),
        ("id", 7),
        ("", "messages"),
    ]


def test_a_value_found_where_another_was_expected_is_described_briefly() -> None:
    assert (described(None), described([1]), described("x" * 100)) == (
        "nothing",
        "[1]",
        "'" + "x" * 56 + "...",
    )


# Text files


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030")],
)
def test_the_encoding_of_a_text_export_is_sniffed(encoding: str, expected: str) -> None:
    assert sniff_encoding("茶友会：今天上新品\n".encode(encoding) * 20) == expected


def test_lines_that_are_not_text_in_the_encoding_are_none(tmp_path: Path) -> None:
    words = "今天上新品，茶叶价格多少"
    file = source(tmp_path / "t.txt", f"{words}\r\n".encode() + b"\xff\n" + f"{words}\n".encode())
    assert [line for _, batch in line_batches(file) for line in batch] == [words, None, words]
