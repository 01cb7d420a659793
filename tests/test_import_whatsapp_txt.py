"""WhatsApp "Export chat" text files: the real samples, chat-miner's expectations, the store, bad input."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shequn.domain.clock import from_time_us
from shequn.domain.events import Account, Event, Kind, Via
from shequn.services.communities import Community, create_community
from shequn.services.import_files import ImportRequest, import_files
from shequn.services.list_events import list_events
from shequn.sources.files import Bundle, SourceError, collect_files
from shequn.sources.importer import ImportOptions, Problem
from shequn.sources.whatsapp_txt.importer import WhatsAppTxtImporter
from shequn.sources.whatsapp_txt.membership import EXPORTER
from shequn.store import Database, open_store
from shequn.store.event_reads import EventFilter

ZONE = ZoneInfo("Asia/Shanghai")
DATA = Path(__file__).parent / "data" / "whatsapp_txt"
TESTLOG = DATA / "chatminer_testlog_mixed_formats.txt"
DDMMYY = DATA / "chatminer_ddmmyy_24hrs.txt"
MMDDYYYY_ES = DATA / "chatminer_mmddyyyy_12hrs_es.txt"
LOREM_TWO_LINES = "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero."


def read(path: Path, zone: ZoneInfo = ZONE, group: str | None = None) -> list[Event | Problem]:
    importer = WhatsAppTxtImporter()
    [bundle] = importer.bundles(collect_files([path]))
    return list(importer.read(bundle, ImportOptions(zone=zone, group_name=group)))


def events_of(path: Path, **options: object) -> list[Event]:
    items = read(path, **options)  # type: ignore[arg-type]
    assert [item for item in items if isinstance(item, Problem)] == []
    return [item for item in items if isinstance(item, Event)]


def local(event: Event) -> str:
    return from_time_us(event.time_us, ZONE).strftime("%Y-%m-%d %H:%M:%S")


def summary(event: Event) -> tuple[object, ...]:
    name = event.actor.name if event.actor else None
    return (event.kind.value, local(event), name, event.text)


@pytest.fixture
def store(tmp_path: Path) -> tuple[Database, Community]:
    db = open_store(str(tmp_path / "x.db"), create=True)
    return db, create_community(db, "acme", "Asia/Shanghai")


# --- the real samples -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [DDMMYY, MMDDYYYY_ES], ids=["dd/mm/yy 24 h", "mm/dd/yyyy a. m./p. m."])
def test_the_nine_line_chat_miner_samples_read_to_the_same_ten_events(path: Path) -> None:
    events = events_of(path)
    assert [summary(event) for event in events] == [
        ("message", "2019-01-01 11:25:00", "John Doe", "Lorem ipsum dolor sit amet."),
        ("message", "2019-01-20 11:23:00", "John Doe", None),
        ("message", "2019-01-30 20:49:00", "Jahn Doe", LOREM_TWO_LINES),
        ("message", "2020-06-10 15:55:00", "John-John Doe", "Lorem ipsum : dolor sit amet."),
        ("group_created", "2020-06-20 00:08:00", "+12 345 578", "Groupname"),
        ("join", "2020-06-20 00:08:00", "+12 345 578", None),
        ("join", "2020-06-30 09:10:00", "You", None),
        ("message", "2021-12-10 10:10:00", "John Doe 🤓", "Lorem ipsum 🤓"),
        ("message", "2021-12-20 12:10:00", "🤓", "Lorem ipsum 🤓"),
        ("message", "2021-12-30 22:01:00", "John Doe", LOREM_TWO_LINES),
    ]  # fmt: skip
    founder, added = events[5:7]
    assert founder.via is Via.FOUNDER and founder.actor == Account(None, "+12 345 578")
    assert added.via is Via.ADDED and added.actor == EXPORTER and added.inviter is None
    assert {event.group for event in events} == {path.stem}
    assert [event.group_name for event in events[3:5]] == [path.stem, "Groupname"]


def test_a_full_message_event_from_a_sample() -> None:
    first = events_of(DDMMYY)[0]
    assert first.kind is Kind.MESSAGE and first.platform == "whatsapp"
    assert first.time_us == int(datetime(2019, 1, 1, 11, 25, tzinfo=ZONE).timestamp()) * 1_000_000
    assert first.utc_offset_min == 480
    assert first.actor == Account(None, "John Doe")
    assert first.text == "Lorem ipsum dolor sit amet."
    assert (first.mentions, first.media, first.edited, first.deleted, first.ref) == (
        (),
        None,
        False,
        False,
        None,
    )
    assert first.key.startswith("whatsapp:chatminer_ddmmyy_24hrs:")


def test_the_mixed_layout_sample_reads_every_header_in_month_first_order() -> None:
    events = events_of(TESTLOG)
    kinds = [event.kind for event in events]
    assert (kinds.count(Kind.MESSAGE), kinds.count(Kind.JOIN), kinds.count(Kind.GROUP_CREATED)) == (20, 2, 1)
    by_text = {event.text: event for event in events if event.kind is Kind.MESSAGE}
    assert local(by_text["Testing brackets"]) == "2022-09-10 22:37:00"  # [09/10/22 10:37:00 p.m.]
    assert local(by_text["Testing date dashes"]) == "2022-09-10 22:37:00"  # 09-10-2022 10:37:00 p.m.
    assert local(by_text["Testing dash - in message body"]) == "2021-10-24 15:21:43"  # [10.24.21, 15:21:43]
    assert local(by_text["Testing am"]) == "2019-09-24 11:30:00"
    assert local(by_text["Testing abnormal\u00a0unicode"]) == "2022-09-10 22:37:00"  # p.<U+00A0>m.
    assert local(by_text["Testing emoji 🤓 with yyyy first"]) == "2022-12-24 13:01:00"  # 2022/12/24, 13:01.
    six_lines = next(text for text in by_text if text and text.count("\n") == 5)
    assert six_lines.startswith("Lorem ipsum dolor sit amet,\n") and six_lines.endswith(
        "\nCras scelerisque neque."
    )


def test_two_identical_lines_in_the_same_second_are_two_messages() -> None:
    twins = [event for event in events_of(TESTLOG) if event.text == "Testing dash in author's first name"]
    assert len(twins) == 2 and twins[0].key != twins[1].key


# --- chat-miner's expectations (the acceptance test) -----------------------------------


def _chat_miner_rows(name: str) -> list[tuple[str, str, str]]:
    folder = DATA / "chatminer"
    if name == "testlog":
        rows = [
            json.loads(line) for line in (folder / "target.json").read_text(encoding="utf-8").splitlines()
        ]
        expected = [(_naive(row["datetime"]), row["author"], row["message"]) for row in rows]
        extra = "expected_testlog_year_first.csv"
    else:
        expected, extra = [], "expected_nine_messages.csv"
    with open(folder / extra, encoding="utf-8", newline="") as table:
        expected += [(row["timestamp"], row["author"], row["message"]) for row in csv.DictReader(table)]
    return expected


def _naive(epoch_ms: int) -> str:
    """chat-miner's times are naive local times, stored as if they were UTC."""
    return datetime.fromtimestamp(epoch_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize(
    ("path", "expectations"),
    [(TESTLOG, "testlog"), (DDMMYY, "nine"), (MMDDYYYY_ES, "nine")],
    ids=["testlog", "ddmmyy", "es"],
)
def test_our_messages_hold_every_row_chat_miner_expects(path: Path, expectations: str) -> None:
    events = events_of(path)
    messages = {
        (local(e), e.actor.name if e.actor else None, _words(e.text))
        for e in events
        if e.kind is Kind.MESSAGE
    }
    others = {(local(e), e.kind, e.actor) for e in events if e.kind is not Kind.MESSAGE}
    for time, author, text in _chat_miner_rows(expectations):
        if author != "System":
            said = None if text == "<Disappearing Message>" else text  # chat-miner's stand-in for "Name:."
            assert (time, author, _words(said)) in messages, (time, author, text)
        elif text == "You were added":
            assert (time, Kind.JOIN, EXPORTER) in others
        elif text.endswith('created group "Groupname"'):
            assert (time, Kind.GROUP_CREATED, Account(None, "+12 345 578")) in others
        else:
            assert text.startswith("Messages and calls are end-to-end encrypted")  # kept as nothing


# --- through the store ------------------------------------------------------------------------


def test_importing_a_sample_stores_its_events_with_their_offset(store: tuple[Database, Community]) -> None:
    db, community = store
    summary = import_files(db, community, ImportRequest(paths=[DDMMYY], zone=ZONE))
    assert (summary.events, summary.added, summary.messages, summary.joins, summary.groups) == (
        10,
        10,
        7,
        2,
        1,
    )
    stored = list(list_events(db, community, EventFilter()))
    assert [row["kind"] for row in stored].count("message") == 7
    first = stored[0]
    assert (first["time"], first["actor"], first["text"]) == (
        "2019-01-01T11:25:00+08:00",
        "John Doe",
        "Lorem ipsum dolor sit amet.",
    )
    added = next(row for row in stored if row["kind"] == "join" and row["via"] == "added")
    assert added["actor"] == "You" and added["inviter"] is None


def test_importing_the_same_export_twice_adds_nothing(store: tuple[Database, Community]) -> None:
    db, community = store
    request = ImportRequest(paths=[TESTLOG], zone=ZONE)
    first = import_files(db, community, request)
    again = import_files(db, community, request)
    assert first.added == 23 and (again.events, again.added, again.skipped) == (23, 0, 23)


def test_a_later_overlapping_export_adds_only_what_is_new(
    store: tuple[Database, Community], tmp_path: Path
) -> None:
    db, community = store
    lines = [
        f"{day:02d}/03/24, 10:{minute:02d} - Ana Lima: note {day}.{minute}"
        for day in range(1, 21)
        for minute in (5, 6)
    ]
    early, late = tmp_path / "early", tmp_path / "late"
    early.mkdir(), late.mkdir()
    (early / "WhatsApp Chat with Team.txt").write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    (late / "WhatsApp Chat with Team.txt").write_text("\n".join(lines[10:]) + "\n", encoding="utf-8")
    import_files(db, community, ImportRequest(paths=[early / "WhatsApp Chat with Team.txt"], zone=ZONE))
    later = import_files(
        db, community, ImportRequest(paths=[late / "WhatsApp Chat with Team.txt"], zone=ZONE)
    )
    assert (later.events, later.added) == (30, 10)
    assert len(list(list_events(db, community, EventFilter()))) == 40


# --- bad input --------------------------------------------------------------------------------


def test_a_file_that_is_not_an_export_is_not_claimed_and_forcing_it_names_file_and_line(
    store: tuple[Database, Community], tmp_path: Path
) -> None:
    db, community = store
    notes = tmp_path / "notes.txt"
    notes.write_text("\nshopping list\n12 eggs\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a chat export shequn recognises"):
        import_files(db, community, ImportRequest(paths=[notes], zone=ZONE))
    with pytest.raises(SourceError) as raised:
        import_files(db, community, ImportRequest(paths=[notes], zone=ZONE, format="whatsapp_txt"))
    assert str(raised.value).startswith(f"{notes}: line 2: expected a WhatsApp message header like")
    assert "found 'shopping list'" in str(raised.value)


BROKEN = (
    "01/03/24, 10:00 - Ana Lima: before\n"
    "31/02/24, 10:01 - Ana Lima: the 31st of February\n"
    "still the bad record\n"
    "01/03/24, 10:02 - Bo Chen: after\n"
)


def test_an_impossible_date_stops_the_import_naming_file_and_line(
    store: tuple[Database, Community], tmp_path: Path
) -> None:
    db, community = store
    path = tmp_path / "WhatsApp Chat with Team.txt"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        import_files(db, community, ImportRequest(paths=[path], zone=ZONE))
    assert f"{path}:2: expected a header with a real date and time" in str(raised.value)
    assert "found '31/02/24' '10:01'" in str(raised.value) and "nothing was imported" in str(raised.value)
    assert list(list_events(db, community, EventFilter())) == []


def test_with_skip_bad_the_good_records_import_and_the_bad_one_is_reported(
    store: tuple[Database, Community], tmp_path: Path
) -> None:
    db, community = store
    path = tmp_path / "WhatsApp Chat with Team.txt"
    path.write_text(BROKEN, encoding="utf-8")
    summary = import_files(db, community, ImportRequest(paths=[path], zone=ZONE, skip_bad=True))
    assert (
        summary.messages == 2 and len(summary.problems) == 1 and summary.problems[0].startswith(f"{path}:2: ")
    )
    assert [row["text"] for row in list_events(db, community, EventFilter())] == ["before", "after"]


def test_lines_before_the_first_header_are_problems_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("exported by a tool\n\nversion 2\n01/03/24, 10:00 - Ana Lima: hi\n", encoding="utf-8")
    forced = Bundle(tuple(collect_files([path])))  # as with --format: the first line is no header
    items = list(WhatsAppTxtImporter().read(forced, ImportOptions(zone=ZONE)))
    problems = [item for item in items if isinstance(item, Problem)]
    assert [(problem.line, problem.message.split(", found ")[1]) for problem in problems] == [
        (1, "'exported by a tool'"),
        (3, "'version 2'"),
    ]
    assert [item.text for item in items if isinstance(item, Event)] == ["hi"]


def test_bytes_that_are_not_utf8_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Team.txt"
    path.write_bytes(b"01/03/24, 10:00 - Ana Lima: fine\n01/03/24, 10:01 - Bo Chen: caf\xe9 au lait\n")
    items = read(path)
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(problems) == 1 and problems[0].line == 2 and "not UTF-8" in problems[0].message
    assert [item.text for item in items if isinstance(item, Event)] == ["fine", "caf\ufffd au lait"]


def test_a_file_cut_inside_a_character_is_reported_at_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Team.txt"
    path.write_bytes("01/03/24, 10:00 - Ana Lima: fine\n01/03/24, 10:01 - Bo Chen: 你好".encode()[:-2])
    problems = [item for item in read(path) if isinstance(item, Problem)]
    assert [problem.line for problem in problems] == [2]


def test_a_nul_character_is_reported_and_never_stored(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Team.txt"
    path.write_bytes(b"01/03/24, 10:00 - Ana Lima: fine\n01/03/24, 10:01 - Bo Chen: bro\x00ken\n")
    items = read(path)
    assert [(item.line, "NUL" in item.message) for item in items if isinstance(item, Problem)] == [(2, True)]
    assert [item.text for item in items if isinstance(item, Event)] == ["fine", "bro\ufffdken"]
