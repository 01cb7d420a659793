"""Telegram Desktop HTML exports: langchain's real page, a hand-written two-page export with every
service line, page order, and every refusal."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from importing import Store, events_of, read, run, stored
from shequn.domain.clock import to_time_us
from shequn.domain.events import Account, AccountKind, Event, Kind, Media, Via
from shequn.sources.files import SourceError, SourceFile, collect_files
from shequn.sources.importer import Problem
from shequn.sources.telegram_html.importer import TelegramHtmlImporter

DATA = Path(__file__).parent / "data" / "telegram_html"
LANGCHAIN = DATA / "langchain_messages.html"
TWO_PAGES = DATA / "two_pages"
TELEGRAM = TelegramHtmlImporter()


def named(name: str) -> Account:
    return Account(None, name)


def at(text: str) -> int:
    return to_time_us(datetime.fromisoformat(text))


def by_ref(events: list[Event]) -> dict[str, Event]:
    return {
        event.key.rsplit(":", 1)[-1] if event.key.count(":") == 2 else event.key: event for event in events
    }


def copy_of(tmp_path: Path, folder: Path = TWO_PAGES) -> Path:
    target = tmp_path / "ChatExport_2024-05-03"
    shutil.copytree(folder, target)
    return target


# langchain's page: a real layout with fake names


def test_the_langchain_page_reads_to_exactly_its_four_messages() -> None:
    found = events_of(TELEGRAM, LANGCHAIN)
    jimmeny, batman = named("Jimmeny Marvelton"), named("Batman & Robin")
    assert [(event.ref, event.actor, event.text) for event in found] == [
        ("1", jimmeny, "i refuse to converse with you"),
        ("2", batman, "Hi nemesis"),
        ("3", jimmeny, "we meet again"),
        ("4", jimmeny, "you will not trick me this time"),
    ]
    assert found[0] == Event(
        key="telegram:Jimmeny Marvelton:1",
        kind=Kind.MESSAGE,
        platform="telegram",
        group="Jimmeny Marvelton",
        group_name="Jimmeny Marvelton",
        time_us=at("2023-08-23T13:11:23-08:00"),
        utc_offset_min=-480,
        actor=jimmeny,
        ref="1",
        text="i refuse to converse with you",
    )
    assert found[3].time_us == at("2023-08-23T13:15:53-08:00")


def test_the_group_option_names_the_group_and_its_keys() -> None:
    found = events_of(TELEGRAM, LANGCHAIN, group_name="Nemeses")
    assert {event.group for event in found} == {"Nemeses"}
    assert found[0].key == "telegram:Nemeses:1"


# The hand-written two-page export


def test_the_two_pages_read_to_exactly_their_events() -> None:
    found = events_of(TELEGRAM, TWO_PAGES)
    kinds = [event.kind for event in found]
    assert len(found) == 22
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        Kind.MESSAGE: 10,
        Kind.JOIN: 8,
        Kind.LEAVE: 1,
        Kind.REMOVAL: 1,
        Kind.GROUP_CREATED: 1,
        Kind.GROUP_RENAMED: 1,
    }
    assert {event.group for event in found} == {"Tea lovers"}


def test_a_joined_message_takes_the_sender_before_it_even_across_pages() -> None:
    found = by_ref(events_of(TELEGRAM, TWO_PAGES))
    assert (found["3"].actor, found["3"].text) == (named("Bob"), "anyone here?")
    assert (found["10"].actor, found["10"].text) == (named("Carol"), "still me")


def test_texts_keep_their_line_breaks_and_escapes() -> None:
    assert by_ref(events_of(TELEGRAM, TWO_PAGES))["4"].text == "we are!\nboth of us & more"


def test_replies_name_the_author_even_on_an_earlier_page() -> None:
    found = by_ref(events_of(TELEGRAM, TWO_PAGES))
    assert (found["6"].reply_to, found["6"].target) == ("4", named("Tom and Jerry"))
    assert (found["19"].reply_to, found["19"].target) == ("2", named("Bob"))


def test_mentions_by_name_and_by_username() -> None:
    message = by_ref(events_of(TELEGRAM, TWO_PAGES))["6"]
    assert message.text == "thanks Alice and @bob_tea!"
    assert message.mentions == (named("Alice"), named("@bob_tea"))


def test_the_sender_of_a_forward_is_the_forwarder_and_bots_are_not_part_of_names() -> None:
    found = by_ref(events_of(TELEGRAM, TWO_PAGES))
    assert (found["9"].actor, found["9"].text) == (named("Carol"), "forwarded text")
    assert (found["8"].actor, found["8"].media) == (named("Eve"), Media.PHOTO)


def test_a_deleted_account_is_a_system_account() -> None:
    assert by_ref(events_of(TELEGRAM, TWO_PAGES))["14"].actor == Account(
        None, "Deleted Account", AccountKind.SYSTEM
    )


def test_a_title_without_a_zone_is_read_in_the_import_zone() -> None:
    berlin = by_ref(events_of(TELEGRAM, TWO_PAGES, zone=ZoneInfo("Europe/Berlin")))["14"]
    assert (berlin.time_us, berlin.utc_offset_min) == (at("2024-05-02T10:03:00+02:00"), 120)
    assert by_ref(events_of(TELEGRAM, TWO_PAGES))["12"].utc_offset_min == 480


def test_a_created_group_lists_its_founders_splitting_names_by_who_speaks() -> None:
    found = events_of(TELEGRAM, TWO_PAGES)
    created = next(event for event in found if event.kind is Kind.GROUP_CREATED)
    assert (created.actor, created.text, created.time_us) == (
        named("Alice"),
        "Tea lovers",
        at("2024-05-01T00:00+08:00"),
    )
    founders = [event.actor for event in found if event.via is Via.FOUNDER]
    assert founders == [named("Alice"), named("Bob"), named("Tom and Jerry"), named("Carol")]


def test_service_lines_take_the_time_of_the_message_before_them_that_day() -> None:
    found = {event.key: event for event in events_of(TELEGRAM, TWO_PAGES)}
    invited = found["telegram:Tea lovers:5"]
    assert (invited.actor, invited.via, invited.inviter) == (named("Dave"), Via.ADDED, named("Alice"))
    assert invited.time_us == at("2024-05-01T09:03:00+08:00")
    by_link = found["telegram:Tea lovers:7"]
    assert (by_link.actor, by_link.via, by_link.inviter, by_link.time_us) == (
        named("Eve"), Via.LINK, named("Bob"), at("2024-05-01T09:05:00+08:00"),
    )  # fmt: skip
    first_of_the_day = found["telegram:Tea lovers:11"]
    assert (first_of_the_day.actor, first_of_the_day.inviter) == (named("Frank"), None)
    assert first_of_the_day.time_us == at("2024-05-02T00:00:00+08:00")
    assert found["telegram:Tea lovers:13"].via is Via.REQUEST


def test_removals_leaves_and_renames() -> None:
    found = {event.key: event for event in events_of(TELEGRAM, TWO_PAGES)}
    removal, leave, renamed = (found[f"telegram:Tea lovers:{number}"] for number in (15, 16, 17))
    assert (removal.kind, removal.actor, removal.target) == (Kind.REMOVAL, named("Alice"), named("Eve"))
    assert (leave.kind, leave.actor) == (Kind.LEAVE, named("Bob"))
    assert (renamed.kind, renamed.text, renamed.group_name) == (
        Kind.GROUP_RENAMED,
        "Tea lovers 2",
        "Tea lovers 2",
    )
    assert "telegram:Tea lovers:18" not in found  # a pin has no canonical kind
    assert found["telegram:Tea lovers:19"].group_name == "Tea lovers 2"


# Bundles: one per folder, pages in numeric order


def test_pages_are_read_in_numeric_order(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    page = (folder / "messages2.html").read_text(encoding="utf-8")
    (folder / "messages10.html").write_text(
        page.replace('id="message19"', 'id="message20"'), encoding="utf-8"
    )
    (bundle,) = TELEGRAM.bundles(collect_files([folder]))
    assert [file.relative.name for file in bundle.files] == [
        "messages.html",
        "messages2.html",
        "messages10.html",
    ]


def test_only_chat_pages_are_claimed(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    (folder / "export_results.html").write_text(
        '<div class="page_header">Exported Data</div>', encoding="utf-8"
    )
    (folder / "notes.html").write_text("<html><body>hello</body></html>", encoding="utf-8")
    (bundle,) = TELEGRAM.bundles(collect_files([folder]))
    assert [file.relative.name for file in bundle.files] == ["messages.html", "messages2.html"]


def test_each_folder_is_its_own_chat(tmp_path: Path) -> None:
    copy_of(tmp_path)
    (tmp_path / "other").mkdir()
    shutil.copy(LANGCHAIN, tmp_path / "other" / "messages.html")
    assert len(TELEGRAM.bundles(collect_files([tmp_path]))) == 2


# Damaged pages


def test_a_truncated_page_is_a_problem_naming_its_line(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    page = (folder / "messages2.html").read_text(encoding="utf-8")
    (folder / "messages2.html").write_text(page[: page.index("replying to page one")], encoding="utf-8")
    found = read(TELEGRAM, folder)
    problems = [item for item in found if isinstance(item, Problem)]
    assert [(problem.line, problem.message) for problem in problems] == [
        (186, "the page ends inside message 19; expected the rest of it and </html>")
    ]
    assert len([item for item in found if isinstance(item, Event)]) == 21


def test_a_message_with_a_broken_date_is_a_problem(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    page = (folder / "messages.html").read_text(encoding="utf-8")
    (folder / "messages.html").write_text(
        page.replace('title="01.05.2024 09:05:00', 'title="1st of May'), encoding="utf-8"
    )
    problems = [item for item in read(TELEGRAM, folder) if isinstance(item, Problem)]
    assert len(problems) == 1 and problems[0].file.endswith("messages.html")
    assert (
        "message 6: its date '1st of May UTC+08:00' is not like '23.08.2023 13:11:23 UTC-08:00'"
        in problems[0].message
    )


def test_a_joined_message_with_nothing_before_it_is_a_problem(tmp_path: Path) -> None:
    page = LANGCHAIN.read_text(encoding="utf-8").replace(
        'clearfix" id="message1"', 'clearfix joined" id="message1"'
    )
    (tmp_path / "messages.html").write_text(page, encoding="utf-8")
    problems = [item for item in read(TELEGRAM, tmp_path / "messages.html") if isinstance(item, Problem)]
    assert [(problem.line, problem.message) for problem in problems] == [
        (46, "message 1: a continued message with no message before it to take the sender from")
    ]


def test_without_skip_bad_a_damaged_page_imports_nothing(store: Store, tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    page = (folder / "messages2.html").read_text(encoding="utf-8")
    (folder / "messages2.html").write_text(page[: page.index("replying to page one")], encoding="utf-8")
    with pytest.raises(SourceError, match=r"messages2\.html:186: the page ends inside message 19"):
        run(store, folder)
    assert stored(store) == []
    summary = run(store, folder, skip_bad=True)
    assert (summary.added, len(summary.problems)) == (21, 1)


def test_an_html_file_that_is_not_a_chat_page_is_not_claimed_and_refused_when_forced(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "notes.html"
    path.write_text("<html><body><p>just notes</p></body></html>", encoding="utf-8")
    assert TELEGRAM.bundles([SourceFile(path, None, path.stat().st_size, explicit=True)]) == []
    with pytest.raises(SourceError, match=r"notes\.html: no Telegram chat page found"):
        run(store, path, format="telegram_html")


# The store


def test_importing_the_same_pages_twice_adds_nothing(store: Store) -> None:
    first, second = run(store, TWO_PAGES), run(store, TWO_PAGES)
    assert (first.added, second.added, second.skipped) == (22, 0, 22)
    assert (first.messages, first.joins, first.leaves, first.removals) == (10, 8, 1, 1)


def test_a_later_export_with_more_pages_adds_only_the_new_part(store: Store, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    shutil.copy(TWO_PAGES / "messages.html", earlier / "messages.html")
    assert run(store, earlier).added == 13
    assert run(store, TWO_PAGES).added == 9


def test_stored_html_events_keep_their_offsets(store: Store) -> None:
    run(store, LANGCHAIN)
    rows = stored(store)
    assert [row["time"] for row in rows][:2] == ["2023-08-23T13:11:23-08:00", "2023-08-23T13:13:20-08:00"]
    assert {row["actor_account"] for row in rows} == {"~Jimmeny Marvelton", "~Batman & Robin"}
