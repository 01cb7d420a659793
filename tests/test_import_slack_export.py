"""Slack workspace exports: the real archive and the hand-made folder read to exactly their events;
damage is refused with the file and the message."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from importing import read, run, stored
from shequn.domain.events import Account, AccountKind, Event, Kind, Media, Via
from shequn.sources.files import SourceError, collect_files
from shequn.sources.importer import Problem
from shequn.sources.slack_export.importer import SlackImporter

DATA = Path(__file__).parent / "data" / "slack_export"
ARCHIVE = DATA / "slack-export-viewer_testarchive.zip"
HANDMADE = DATA / "handmade"
SLACK = SlackImporter()
HAMZA = Account("U0BMQB6JE", "hamza")
ALICE = Account("U0ALICE01", "Alice 王")
BOB = Account("U0BOB0002", "Bob Li")
CAROL = Account("U0CAROL03", "carol")


def by_key(path: Path) -> dict[str, Event]:
    return {event.key: event for event in read(SLACK, path) if isinstance(event, Event)}


def copy_of(tmp_path: Path) -> Path:
    return Path(shutil.copytree(HANDMADE, tmp_path / "export"))


def day_file(export: Path, name: str = "town-square/2024-03-01.json") -> tuple[Path, list[Any]]:
    path = export / name
    return path, json.loads(path.read_text(encoding="utf-8"))


# Golden: the real archive


def test_the_real_archive_is_one_export_of_its_workspace_files() -> None:
    [bundle] = SLACK.bundles(collect_files([ARCHIVE]))
    assert (bundle.name, len(bundle.files)) == (str(ARCHIVE), 20)  # all but the two folder entries


def test_the_real_archive_reads_to_exactly_its_events() -> None:
    found = read(SLACK, ARCHIVE)
    assert Counter(event.kind for event in found if isinstance(event, Event)) == {
        Kind.MESSAGE: 147, Kind.JOIN: 8, Kind.GROUP_CREATED: 2, Kind.REACTION: 1,
    }  # fmt: skip
    assert [item for item in found if isinstance(item, Problem)] == []


def test_slacks_channel_join_inviter_becomes_the_joins_inviter(store: Any) -> None:
    summary = run(store, ARCHIVE)
    assert (summary.added, summary.joins, summary.groups, summary.members) == (158, 8, 2, 4)
    joins = [event for event in stored(store, "join") if event["group"] == "#enrique"]
    assert [(event["actor"], event["inviter"], event["via"], event["time"]) for event in joins] == [
        ("hamza", None, "founder", "2016-01-15T13:55:18.000002+08:00"),
        ("abilinski", "hamza", "added", "2016-01-15T13:55:18.000003+08:00"),
        ("doubledeez", "hamza", "added", "2016-01-15T13:55:18.000004+08:00"),
        ("heroeshannibal", "hamza", "added", "2016-01-15T13:55:18.000005+08:00"),
    ]
    assert {event["inviter_id"] for event in joins[1:]} == {joins[0]["actor_id"]}


def test_a_message_renders_its_mentions_as_names_and_keeps_them() -> None:
    message = by_key(ARCHIVE)["slack:C0JGLMMNX:1452837352.000006"]
    assert message == Event(
        key="slack:C0JGLMMNX:1452837352.000006", kind=Kind.MESSAGE, platform="slack", group="C0JGLMMNX",
        group_name="#enrique", time_us=1_452_837_352_000_006, utc_offset_min=480, actor=HAMZA,
        ref="1452837352.000006",
        text="@abilinski: Created an issue for a setup.py so that it can be installed to a standard place",
        mentions=(Account("U0BMYT2FL", "abilinski"),),
    )  # fmt: skip


def test_an_integrations_message_is_a_bots_and_says_its_attachments_fallback() -> None:
    message = by_key(ARCHIVE)["slack:C0JGLMMNX:1454892394.000004"]
    assert message.actor == Account("B0JL6RASU", None, AccountKind.BOT)
    assert message.text == (
        "[enrique:master] 1 new commit (https://github.com/mesos-magellan/enrique/commit/"
        "ed1acbe9837b5ddf91e93606b604df3c2b4e128f) by Anthony Bilinski"
    )


def test_files_comments_reactions_and_edits_of_the_real_archive() -> None:
    events = by_key(ARCHIVE)
    upload = events["slack:C0JL6CGQ2:1459052866.000012"]
    assert (upload.actor, upload.media, upload.mentions) == (
        Account("U0BMS113R", "doubledeez"),
        Media.FILE,
        (),
    )
    assert events["slack:C0JL6CGQ2:1459106048.000018"].actor == Account(
        "U0BMS113R", "doubledeez"
    )  # comment.user
    assert events["slack:C0JL6CGQ2:1458972985.000010"].edited
    reaction = events["slack:C0JGLMMNX:1459154014.000018:reaction:botman:U0BMYT2FL"]
    assert (reaction.actor.name, reaction.target, reaction.text, reaction.reply_to) == (
        "abilinski", Account("B0JL6RASU", None, AccountKind.BOT), ":botman:", "1459154014.000018",
    )  # fmt: skip


# Golden: the hand-made folder


def test_the_handmade_export_reads_every_kind_it_holds() -> None:
    found = read(SLACK, HANDMADE)
    assert [item for item in found if isinstance(item, Problem)] == []
    kinds = Counter(event.kind for event in found if isinstance(event, Event))
    assert kinds == {
        Kind.MESSAGE: 12, Kind.JOIN: 5, Kind.LEAVE: 2, Kind.REACTION: 3, Kind.GROUP_CREATED: 3,
        Kind.GROUP_RENAMED: 1,
    }  # fmt: skip


def test_joins_say_founder_inviter_or_nothing_about_how() -> None:
    events = by_key(HANDMADE)
    joins = [
        events[f"slack:C0GENERAL:{ts}"]
        for ts in ("1709251200.000100", "1709251260.000200", "1709254800.000300")
    ]
    assert [(join.actor, join.via, join.inviter) for join in joins] == [
        (ALICE, Via.FOUNDER, None), (BOB, Via.ADDED, ALICE), (CAROL, Via.IMPORT, None),
    ]  # fmt: skip
    private = events["slack:G0SECRET1:1709337660.000200"]
    assert (private.kind, private.actor, private.via, private.inviter, private.group_name) == (
        Kind.JOIN, ALICE, Via.ADDED, BOB, "#secret",
    )  # fmt: skip


def test_markup_becomes_the_words_slack_shows() -> None:
    welcome = by_key(HANDMADE)["slack:C0GENERAL:1709254900.000400"]
    assert welcome.text == "Welcome @Bob Li and @carol! See #town-square & our site (https://example.com) <3"
    assert welcome.mentions == (BOB, CAROL)


def test_a_thread_reply_answers_the_threads_first_message_and_its_author() -> None:
    events = by_key(HANDMADE)
    parent, reply = events["slack:C0GENERAL:1709255000.000500"], events["slack:C0GENERAL:1709255100.000600"]
    assert (parent.reply_to, parent.text) == (None, "谢谢 🎉\nsecond line")
    assert (reply.reply_to, reply.target, reply.actor) == ("1709255000.000500", BOB, CAROL)


def test_leaves_renames_tombstones_and_unknown_users() -> None:
    events = by_key(HANDMADE)
    leave = events["slack:C0GENERAL:1709337700.000200"]
    assert (leave.kind, leave.actor) == (Kind.LEAVE, CAROL)
    rename = events["slack:C0GENERAL:1709337600.000100"]
    assert (rename.kind, rename.actor, rename.text, rename.group_name) == (
        Kind.GROUP_RENAMED, ALICE, "town-square", "#town-square",
    )  # fmt: skip
    tombstone = events["slack:C0GENERAL:1709337800.000300"]
    assert (tombstone.deleted, tombstone.text, tombstone.actor.kind) == (True, None, AccountKind.BOT)
    assert events["slack:C0GENERAL:1709337900.000400"].actor == Account("U0ZED0009", "Zed")
    assert "slack:C0GENERAL:1709255200.000700" not in events  # a topic change is no event
    assert "slack:C0GENERAL:1709338100.000600" not in events  # nor is a pin


def test_uploads_integrations_and_edits_of_the_handmade_export() -> None:
    events = by_key(HANDMADE)
    upload = events["slack:C0GENERAL:1709255300.000800"]
    assert (upload.media, upload.text) == (Media.PHOTO, None)
    bot = events["slack:C0GENERAL:1709255400.000900"]
    assert (bot.actor, bot.text) == (
        Account("B0DEPLOY1", "deploybot", AccountKind.BOT),
        "Deployed v1.2 (https://example.com/v1.2)",
    )
    assert events["slack:C0GENERAL:1709255500.001000"].edited


def test_a_dm_is_a_group_named_after_its_two_people() -> None:
    created = by_key(HANDMADE)["slack:D0DM00001:created"]
    assert (created.kind, created.actor, created.group_name, created.time_us) == (
        Kind.GROUP_CREATED, None, "Alice 王 & Bob Li", 1_709_337_600_000_000,
    )  # fmt: skip


# End to end: again, and overlapping


def test_importing_the_same_export_twice_adds_nothing(store: Any) -> None:
    first, again = run(store, ARCHIVE), run(store, ARCHIVE)
    assert (first.added, again.added, again.skipped) == (158, 0, 158)


def test_a_later_overlapping_export_adds_only_the_new_part(store: Any, tmp_path: Path) -> None:
    early = copy_of(tmp_path / "early")
    (early / "town-square" / "2024-03-02.json").unlink()
    assert run(store, early).added == 21
    later = run(store, HANDMADE)
    assert (later.added, later.skipped) == (5, 21)  # day two of #town-square is new


def test_the_zip_and_its_unpacked_folder_are_the_same_export(store: Any, tmp_path: Path) -> None:
    with zipfile.ZipFile(ARCHIVE) as archive:
        archive.extractall(tmp_path / "unpacked")
    assert run(store, ARCHIVE).added == 158
    assert run(store, tmp_path / "unpacked").added == 0


# Refusals


def test_day_files_without_the_workspace_lists_are_not_an_export(tmp_path: Path) -> None:
    export = copy_of(tmp_path)
    for name in ("channels.json", "groups.json", "dms.json"):
        (export / name).unlink()
    assert SLACK.bundles(collect_files([export])) == []


def test_a_cut_short_day_file_names_the_file_and_message_and_imports_nothing(
    store: Any, tmp_path: Path
) -> None:
    export = copy_of(tmp_path)
    path, _ = day_file(export)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('"1709254900.000400"')], encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"2024-03-01\.json: the JSON is damaged or cut short after message 3"
    ):
        run(store, export)
    assert stored(store) == []


def test_a_message_without_a_ts_stops_the_import_naming_it(store: Any, tmp_path: Path) -> None:
    export = copy_of(tmp_path)
    path, messages = day_file(export)
    messages[4]["ts"] = 1709255000.0005
    path.write_text(json.dumps(messages), encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"2024-03-01\.json:5: message 5: expected a ts like '1452837318\.000002'"
    ):
        run(store, export)
    summary = run(store, export, skip_bad=True)
    assert summary.added == 25
    assert summary.problems == [
        f"{path}:5: message 5: expected a ts like '1452837318.000002', found 1709255000.0005"
    ]


def test_a_folder_the_lists_do_not_name_is_a_problem(store: Any, tmp_path: Path) -> None:
    export = copy_of(tmp_path)
    (export / "stray").mkdir()
    (export / "stray" / "2024-03-01.json").write_text("[]", encoding="utf-8")
    summary = run(store, export, skip_bad=True)
    assert summary.problems == [
        f"{export / 'stray' / '2024-03-01.json'}: folder 'stray' is not a conversation the export lists; "
        "expected one of channels.json, groups.json, mpims.json, dms.json to list it and give its channel id"
    ]
