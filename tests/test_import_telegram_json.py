"""Telegram Desktop JSON exports: real 2021 samples, chat-miner's files, hand-written modern and
full-account exports, and every refusal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from importing import Store, at, events_of, read, run, stored
from shequn.domain.events import Account, AccountKind, Event, Kind, Media, Via
from shequn.sources.files import SourceError, SourceFile
from shequn.sources.importer import Problem
from shequn.sources.telegram_json import layout
from shequn.sources.telegram_json.importer import TelegramJsonImporter, looks_like_export

DATA = Path(__file__).parent / "data" / "telegram_json"
PRIVATE_GROUP = DATA / "tcp_private_group_2021.json"
MIGRATED = DATA / "tcp_public_supergroup_migrated_2021.json"
CHANNEL = DATA / "tcp_private_channel_2021.json"
MODERN = DATA / "modern_supergroup.json"
MINIFIED = DATA / "modern_supergroup_minified.json"
ACCOUNT = DATA / "account_export.json"
CHATMINER = DATA / "chatminer"
TELEGRAM = TelegramJsonImporter()

alice, bob, carol = Account("1001", "Alice"), Account("1002", "Bob"), Account("1003", "Carol")
eve, frank, grace = Account("1005", "Eve"), Account("1006", "Frank"), Account("1007", "Grace")
ben = Account("9999999999", "Ben")


def by_key(events: list[Event]) -> dict[str, Event]:
    return {event.key: event for event in events}


def written(tmp_path: Path, document: Any, name: str = "result.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# The real 2021 exports from telegram-chat-parser: numeric ids, no date_unixtime


def test_the_private_group_sample_is_a_creation_two_founders_and_a_message() -> None:
    found = events_of(TELEGRAM, PRIVATE_GROUP)
    assert [(event.kind, event.key) for event in found] == [
        (Kind.MESSAGE, "telegram:9999999999:321551"),
        (Kind.GROUP_CREATED, "telegram:9999999999:321550"),
        (Kind.JOIN, "telegram:9999999999:321550:1"),
        (Kind.JOIN, "telegram:9999999999:321550:2"),
    ]
    message, created, ben_joined, bot_joined = found
    assert message == Event(
        key="telegram:9999999999:321551",
        kind=Kind.MESSAGE,
        platform="telegram",
        group="9999999999",
        group_name="test",
        time_us=at("2021-03-18T15:20:37"),
        utc_offset_min=480,
        actor=ben,
        ref="321551",
        text="asdsf",
    )
    assert (created.actor, created.text, created.time_us) == (ben, "test", at("2021-03-18T15:20:24"))
    assert (ben_joined.actor, ben_joined.via) == (ben, Via.FOUNDER)
    assert (bot_joined.actor, bot_joined.via) == (Account(None, "BenBot"), Via.FOUNDER)


def test_a_date_without_unixtime_is_read_in_the_import_zone() -> None:
    message = events_of(TELEGRAM, PRIVATE_GROUP, zone=ZoneInfo("Europe/Berlin"))[0]
    assert message.time_us == at("2021-03-18T15:20:37", ZoneInfo("Europe/Berlin"))
    assert message.utc_offset_min == 60


def test_the_migrated_supergroup_keeps_its_negative_pre_migration_ids() -> None:
    found = events_of(TELEGRAM, MIGRATED)
    assert [(event.kind, event.key) for event in found] == [
        (Kind.MESSAGE, "telegram:9888888888:-999678449"),
        (Kind.GROUP_CREATED, "telegram:9888888888:-999678450"),
        (Kind.JOIN, "telegram:9888888888:-999678450:1"),
        (Kind.JOIN, "telegram:9888888888:-999678450:2"),
    ]
    assert found[0].ref == "-999678449"
    assert found[0].actor == ben


def test_a_channel_posts_as_itself_and_its_pins_are_dropped() -> None:
    found = events_of(TELEGRAM, CHANNEL)
    channel = Account("channel10036995664", "test", AccountKind.SYSTEM)
    assert [(event.kind, event.ref, event.text, event.media) for event in found] == [
        (Kind.GROUP_CREATED, "1", "test", None),
        (Kind.MESSAGE, "2", "test channel", None),
        (Kind.MESSAGE, "3", "reply in test channel", None),
        (Kind.MESSAGE, "5", "Poll question", Media.POLL),
        (Kind.MESSAGE, "6", "quiz poll", Media.POLL),
        (Kind.MESSAGE, "7", "reply to quiz", None),
    ]
    assert {event.actor for event in found} == {channel}
    reply = by_key(found)["telegram:10036995664:3"]
    assert (reply.reply_to, reply.target) == ("2", channel)


# chat-miner's test files: what its tests expect, we have too


def chatminer_expectations() -> list[tuple[int, str, str]]:
    """chat-miner's expected (time, author, text). Its times are wall times in its author's zone:
    1544006350 is 10:39:10 UTC, which target.json gives as 11:39:10, Berlin time in December."""
    target = json.loads((CHATMINER / "target.json").read_text(encoding="utf-8"))
    berlin = ZoneInfo("Europe/Berlin")
    return [(at(row["timestamp"], berlin), row["author"], row["message"]) for row in target]


@pytest.mark.parametrize("name", ["test_single_export.json", "test_batch_export.json"])
def test_every_message_chat_miner_expects_is_imported(name: str) -> None:
    found = [
        (event.time_us, event.actor.name if event.actor else None, event.text)
        for event in events_of(TELEGRAM, CHATMINER / name)
    ]
    # chat-miner joins rich-text parts with a space; Telegram writes spaces as parts of their own, so
    # shequn joins parts as they are, and the comparison ignores whitespace.
    squeeze = {(time_us, author, "".join((text or "").split())) for time_us, author, text in found}
    for time_us, author, text in chatminer_expectations():
        assert (time_us, author, "".join(text.split())) in squeeze
    assert ("Minimal Message" in {text for _, _, text in found}) and len(found) == 2


def test_chat_miner_files_without_ids_get_content_keys_and_a_named_group() -> None:
    single, batch = (
        events_of(TELEGRAM, CHATMINER / "test_single_export.json"),
        events_of(TELEGRAM, CHATMINER / "test_batch_export.json"),
    )
    assert {event.group for event in single} == {"test_single_export"}
    assert {event.group for event in batch} == {"Chatname"}
    assert all(event.ref is None and event.key.startswith("telegram:Chatname:") for event in batch)
    assert {
        event.group for event in events_of(TELEGRAM, CHATMINER / "test_single_export.json", group_name="Tea")
    } == {"Tea"}


# A modern export: string ids, unixtimes, rich text, every service action


def test_the_modern_export_reads_to_exactly_its_events() -> None:
    found = events_of(TELEGRAM, MODERN)
    kinds = [event.kind for event in found]
    assert len(found) == 20
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        Kind.MESSAGE: 7,
        Kind.JOIN: 7,
        Kind.LEAVE: 1,
        Kind.REMOVAL: 1,
        Kind.GROUP_CREATED: 1,
        Kind.GROUP_RENAMED: 1,
        Kind.REACTION: 2,
    }
    assert {event.group for event in found} == {"1500000001"}
    assert {event.utc_offset_min for event in found} == {480}


def test_rich_text_is_flattened_and_its_mentions_resolved() -> None:
    message = by_key(events_of(TELEGRAM, MODERN))["telegram:1500000001:4"]
    assert message.text == "thanks Alice and @bob_tea!"
    assert message.mentions == (Account("1001"), Account(None, "@bob_tea"))
    assert (message.actor, message.time_us) == (carol, at("2024-05-01T09:06:30"))


def test_a_reply_targets_the_author_of_the_message_it_answers() -> None:
    reply = by_key(events_of(TELEGRAM, MODERN))["telegram:1500000001:5"]
    assert (reply.reply_to, reply.target, reply.actor) == ("4", carol, alice)
    assert reply.text == "多行\n第二行 🍵"
    assert reply.edited is True


def test_the_epoch_zero_edit_of_old_exports_is_not_an_edit() -> None:
    assert by_key(events_of(TELEGRAM, MODERN))["telegram:1500000001:16"].edited is False


def test_invited_names_resolve_to_the_accounts_that_later_speak_under_them() -> None:
    found = by_key(events_of(TELEGRAM, MODERN))
    carol_joined, dave_joined = found["telegram:1500000001:3"], found["telegram:1500000001:3:1"]
    assert (carol_joined.actor, carol_joined.via, carol_joined.inviter) == (carol, Via.ADDED, alice)
    assert (dave_joined.actor, dave_joined.via, dave_joined.inviter) == (
        Account(None, "Dave"),
        Via.ADDED,
        alice,
    )


def test_joins_by_link_name_their_inviter_unless_the_link_is_the_groups_own() -> None:
    found = by_key(events_of(TELEGRAM, MODERN))
    by_bob, by_group = found["telegram:1500000001:6"], found["telegram:1500000001:7"]
    assert (by_bob.actor, by_bob.via, by_bob.inviter) == (eve, Via.LINK, bob)
    assert (by_group.actor, by_group.via, by_group.inviter) == (frank, Via.LINK, None)
    by_request = found["telegram:1500000001:8"]
    assert (by_request.actor, by_request.via) == (grace, Via.REQUEST)


def test_a_member_who_removes_themselves_has_left() -> None:
    found = by_key(events_of(TELEGRAM, MODERN))
    left, removed = found["telegram:1500000001:11"], found["telegram:1500000001:10"]
    assert (left.kind, left.actor, left.target) == (Kind.LEAVE, bob, None)
    assert (removed.kind, removed.actor, removed.target) == (Kind.REMOVAL, alice, eve)


def test_creation_and_renames_carry_the_groups_titles() -> None:
    found = by_key(events_of(TELEGRAM, MODERN))
    created, renamed = found["telegram:1500000001:1"], found["telegram:1500000001:12"]
    assert (created.actor, created.text, created.group_name) == (alice, "Tea lovers", "Tea lovers")
    assert (renamed.actor, renamed.text, renamed.group_name) == (alice, "Tea lovers 2", "Tea lovers 2")
    founders = [found["telegram:1500000001:1:1"], found["telegram:1500000001:1:2"]]
    assert [(event.actor, event.via) for event in founders] == [(alice, Via.FOUNDER), (bob, Via.FOUNDER)]


def test_deleted_accounts_and_the_group_itself_are_system_accounts() -> None:
    found = by_key(events_of(TELEGRAM, MODERN))
    assert found["telegram:1500000001:9"].actor == Account("1008", "Deleted Account", AccountKind.SYSTEM)
    post = found["telegram:1500000001:13"]
    assert post.actor == Account("channel1500000001", "Tea lovers 2", AccountKind.SYSTEM)
    assert post.media is Media.PHOTO


def test_reactions_name_who_reacted_to_whom_and_when() -> None:
    found = by_key(events_of(TELEGRAM, MODERN))
    reaction = found["telegram:1500000001:14:reaction:1001:👍"]
    assert (reaction.kind, reaction.actor, reaction.target, reaction.reply_to) == (
        Kind.REACTION,
        alice,
        grace,
        "14",
    )
    assert (reaction.text, reaction.time_us, reaction.utc_offset_min) == (
        "👍",
        at("2024-05-03T12:10:00"),
        480,
    )
    assert found["telegram:1500000001:14"].media is Media.STICKER


def test_a_minified_export_reads_to_the_same_events_as_the_laid_out_one() -> None:
    assert events_of(TELEGRAM, MINIFIED) == events_of(TELEGRAM, MODERN)


@pytest.mark.parametrize("block", [7, 64, 333, 1024, 4096])
def test_the_fast_reader_cuts_runs_right_wherever_its_blocks_end(
    monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    expected = events_of(TELEGRAM, MODERN) + events_of(TELEGRAM, ACCOUNT)

    def no_fallback(*args: object) -> None:
        raise AssertionError("the fast reader gave up on a file in Telegram's own layout")

    monkeypatch.setattr(layout, "BLOCK_BYTES", block)
    monkeypatch.setattr(layout, "_outline_items", no_fallback)
    assert events_of(TELEGRAM, MODERN) + events_of(TELEGRAM, ACCOUNT) == expected


def test_old_numeric_and_new_prefixed_ids_give_the_same_handles(tmp_path: Path) -> None:
    stamp = {"date": "2021-03-18T15:20:37", "text": "hi"}
    chat = {"name": "g", "type": "private_supergroup", "id": 42, "messages": [
        {"id": 1, "type": "message", "from": "Ann", "from_id": 1234, **stamp},
        {"id": 2, "type": "message", "from": "Ann", "from_id": "user1234", **stamp},
        {"id": 3, "type": "message", "from": "g", "from_id": 42, **stamp},
        {"id": 4, "type": "message", "from": "g", "from_id": "channel42", **stamp},
        {"id": 5, "type": "message", "from": "Other", "from_id": "channel77", **stamp},
    ]}  # fmt: skip
    actors = [event.actor for event in events_of(TELEGRAM, written(tmp_path, chat))]
    assert actors[0] == actors[1] == Account("1234", "Ann")
    assert actors[2] == actors[3] == Account("channel42", "g", AccountKind.SYSTEM)
    assert actors[4] == Account("channel77", "Other")


def test_a_bot_chat_marks_its_bot(tmp_path: Path) -> None:
    chat = {"name": "TeaBot", "type": "bot_chat", "id": 555, "messages": [
        {"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "from": "TeaBot", "from_id": "user555",
         "text": "hi"},
    ]}  # fmt: skip
    assert events_of(TELEGRAM, written(tmp_path, chat))[0].actor == Account("555", "TeaBot", AccountKind.BOT)


# A full-account export: every chat, left ones too, the owner's @username


def test_a_full_account_export_imports_every_chat_including_left_ones() -> None:
    found = events_of(TELEGRAM, ACCOUNT)
    assert [(event.group, event.group_name, event.kind) for event in found] == [
        ("1002", "Bob", Kind.MESSAGE),
        ("1002", "Bob", Kind.MESSAGE),
        ("1500000001", "Tea lovers 2", Kind.MESSAGE),
        ("1600000002", "Tea News", Kind.GROUP_CREATED),
        ("1600000002", "Tea News", Kind.MESSAGE),
    ]
    assert (found[1].target, found[1].reply_to) == (bob, "101")


def test_the_owners_username_resolves_to_the_owners_id() -> None:
    post = events_of(TELEGRAM, ACCOUNT)[-1]
    assert post.mentions == (Account("1001"),)
    assert post.text == "hello @alice_tea"


# Detection


def test_it_claims_telegram_exports_and_nothing_else(tmp_path: Path) -> None:
    def detected(path: Path) -> bool:
        return looks_like_export(SourceFile(path, None, path.stat().st_size))

    assert all(detected(path) for path in [PRIVATE_GROUP, MIGRATED, CHANNEL, MODERN, MINIFIED, ACCOUNT])
    assert detected(CHATMINER / "test_single_export.json") and detected(CHATMINER / "test_batch_export.json")
    discord = {"guild": {"id": "1"}, "messages": [{"id": "1", "type": "Default", "timestamp": "2024-01-01"}]}
    matrix = {"room_name": "x", "messages": [{"type": "m.room.message", "sender": "@a:b"}]}
    for other in ({"foo": 1}, [1, 2], discord, matrix):
        assert not detected(written(tmp_path, other, "other.json"))
    (tmp_path / "notes.txt").write_text("messages: [hello]")
    assert not detected(tmp_path / "notes.txt")


# Damaged files


def test_a_truncated_export_is_refused_naming_the_file_and_where(tmp_path: Path) -> None:
    data = MODERN.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as refused:
        read(TELEGRAM, path)
    message = str(refused.value)
    assert str(path) in message and "truncated" in message and "after message #" in message


def test_a_file_cut_after_its_messages_is_refused_too(tmp_path: Path) -> None:
    data = MODERN.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: data.rindex(b"]") + 1])
    with pytest.raises(SourceError, match=r"cut\.json: parse error: premature EOF \(near byte"):
        read(TELEGRAM, path)


def test_broken_json_inside_a_message_is_refused_with_the_message(tmp_path: Path) -> None:
    data = MODERN.read_text(encoding="utf-8").replace('"text": "I was here"', '"text": I was here"')
    path = tmp_path / "broken.json"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken\.json: .*after message #8 of chat 'Tea lovers 2'"):
        read(TELEGRAM, path)


def bad_records(tmp_path: Path) -> Path:
    data = MODERN.read_text(encoding="utf-8")
    data = data.replace('"date_unixtime": "1714615380"', '"date_unixtime": "soon"')  # message 9
    data = data.replace(
        '"from": "Grace",\n   "from_id": "user1007",\n   "file"', '"file"'
    )  # message 14: no sender
    path = tmp_path / "bad.json"
    path.write_text(data, encoding="utf-8")
    return path


def test_unreadable_messages_are_problems_naming_their_line(tmp_path: Path) -> None:
    found = read(TELEGRAM, bad_records(tmp_path))
    problems = [item for item in found if isinstance(item, Problem)]
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [
        (145, "message #9 of chat 'Tea lovers 2'"),
        (None, "message #14 (id 14) of chat 'Tea lovers 2'"),
    ]
    assert "date_unixtime" in problems[0].message and "no sender" in problems[1].message
    assert len([item for item in found if isinstance(item, Event)]) == 20 - 1 - 3


def test_without_skip_bad_a_bad_record_imports_nothing(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"bad\.json:145: message #9 .*nothing was imported"):
        run(store, bad_records(tmp_path))
    assert stored(store) == []


def test_with_skip_bad_the_good_records_import_and_the_bad_are_reported(store: Store, tmp_path: Path) -> None:
    summary = run(store, bad_records(tmp_path), skip_bad=True)
    assert summary.added == 16 and len(summary.problems) == 2
    assert summary.problems[0].startswith(f"{tmp_path / 'bad.json'}:145: message #9")


def test_a_file_that_is_not_an_export_is_refused(store: Store, tmp_path: Path) -> None:
    path = written(tmp_path, {"foo": [1, 2, 3]}, "other.json")
    with pytest.raises(SourceError, match="not a chat export shequn recognises"):
        run(store, path)
    with pytest.raises(SourceError, match=r"other\.json: no chat found; expected a Telegram Desktop export"):
        run(store, path, format="telegram_json")


def test_a_file_forced_as_telegram_json_that_is_not_json_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "binary.json"
    path.write_bytes(b"\x00\x01garbage")
    with pytest.raises(SourceError, match=r"binary\.json: lexical error: .*near byte"):
        run(store, path, format="telegram_json")
    assert stored(store) == []


# The store: re-imports and overlapping exports


def test_importing_the_same_export_twice_adds_nothing(store: Store) -> None:
    first, second = run(store, MODERN), run(store, MODERN)
    assert (first.added, second.added, second.skipped) == (20, 0, 20)
    assert (first.messages, first.joins, first.leaves, first.removals) == (7, 7, 1, 1)


def test_a_later_overlapping_export_adds_only_the_new_part(store: Store, tmp_path: Path) -> None:
    chat = json.loads(MODERN.read_text(encoding="utf-8"))
    earlier = dict(chat, messages=chat["messages"][:9])
    assert run(store, written(tmp_path, earlier, "earlier.json")).added == 12
    assert run(store, MODERN).added == 8


def test_stored_events_list_with_their_offsets_and_accounts(store: Store) -> None:
    run(store, MODERN)
    rows = {row["ref"]: row for row in stored(store) if row["kind"] == "message"}
    reply = rows["5"]
    assert reply["time"] == "2024-05-01T09:07:00+08:00"
    assert (reply["actor"], reply["actor_account"], reply["target"], reply["reply_to"]) == (
        "Alice",
        "1001",
        "Carol",
        "4",
    )
    assert {row["group"] for row in stored(store)} == {"Tea lovers 2"}
