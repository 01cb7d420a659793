"""DiscordChatExporter JSON: the hand-made exports read to exactly their events; damage is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from importing import read, run, stored
from shequn.domain.events import Account, AccountKind, Event, Kind, Media, Via
from shequn.sources.discord_json.importer import DiscordImporter
from shequn.sources.files import SourceError, collect_files
from shequn.sources.importer import Problem

DATA = Path(__file__).parent / "data" / "discord_json"
GUILD = DATA / "guild_channel.json"
GROUP_DM = DATA / "group_dm_old_layout.json"
DISCORD = DiscordImporter()
CHANNEL = "910000000000000001"
ALICE = Account("100000000000000001", "Alice 王")
BOB = Account("100000000000000002", "Bob")
CAROL = Account("100000000000000003", "卡罗尔")
DAVE = Account("100000000000000004", "dave")


def rewritten(tmp_path: Path, source: Path, change: Any) -> Path:
    """A copy of an export with its parsed JSON changed by `change(document)`."""
    document = json.loads(source.read_text(encoding="utf-8"))
    change(document)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / source.name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def message_event(ref: str, time_us: int, actor: Account, **fields: Any) -> Event:
    return Event(
        key=f"discord:{CHANNEL}:{ref}", kind=Kind.MESSAGE, platform="discord", group=CHANNEL,
        group_name="Acme 社区 / #general", time_us=time_us, utc_offset_min=480, actor=actor, ref=ref,
        **fields,
    )  # fmt: skip


# Golden: the server channel


def test_a_server_channel_reads_to_exactly_its_events() -> None:
    found = read(DISCORD, GUILD)
    assert [
        (event.kind, event.key.removeprefix(f"discord:{CHANNEL}:"))
        for event in found
        if isinstance(event, Event)
    ] == [
        (Kind.JOIN, "1200000000000000001"),
        (Kind.MESSAGE, "1200000000000000002"),
        (Kind.REACTION, "1200000000000000002:reaction:❤️:100000000000000002"),
        (Kind.REACTION, "1200000000000000002:reaction:❤️:100000000000000003"),
        (Kind.REACTION, "1200000000000000002:reaction:930000000000000001:100000000000000002"),
        (Kind.MESSAGE, "1200000000000000003"),
        (Kind.MESSAGE, "1200000000000000004"),
        (Kind.MESSAGE, "1200000000000000005"),
        (Kind.MESSAGE, "1200000000000000006"),
        (Kind.MESSAGE, "1200000000000000009"),
        (Kind.MESSAGE, "1200000000000000010"),
    ]
    assert len(found) == 11  # the pin and "started a thread" make no event, and nothing is a problem


def test_a_message_keeps_its_offset_edit_mentions_and_lines() -> None:
    message = read(DISCORD, GUILD)[1]
    assert message == message_event(
        "1200000000000000002", 1_709_254_865_500_000, ALICE, text="欢迎 @卡罗尔! Welcome 🎉\nsecond line",
        mentions=(CAROL,), edited=True,
    )  # fmt: skip


def test_a_server_join_says_only_that_the_person_joined() -> None:
    join = read(DISCORD, GUILD)[0]
    assert isinstance(join, Event)
    assert (join.kind, join.actor, join.via, join.inviter, join.time_us) == (
        Kind.JOIN, CAROL, Via.IMPORT, None, 1_709_254_800_123_000,
    )  # fmt: skip


def test_a_reply_answers_its_message_and_its_ping_is_not_a_mention() -> None:
    reply = read(DISCORD, GUILD)[5]
    assert reply == message_event(
        "1200000000000000003", 1_709_254_990_000_000, CAROL, text="谢谢!", target=ALICE,
        reply_to="1200000000000000002",
    )  # fmt: skip


def test_a_reply_that_also_names_its_target_keeps_the_mention() -> None:
    reply = read(DISCORD, GUILD)[9]
    assert isinstance(reply, Event)
    assert (reply.target, reply.reply_to, reply.mentions) == (ALICE, "1200000000000000002", (ALICE, CAROL))


def test_reactions_are_recorded_only_for_the_people_the_export_lists() -> None:
    reactions = [
        event for event in read(DISCORD, GUILD) if isinstance(event, Event) and event.kind is Kind.REACTION
    ]
    assert [(event.actor, event.target, event.text, event.reply_to) for event in reactions] == [
        (BOB, ALICE, "❤️", "1200000000000000002"),
        (CAROL, ALICE, "❤️", "1200000000000000002"),
        (BOB, ALICE, ":acme:", "1200000000000000002"),
    ]  # the bot's message has a count of 4 and no users: no reaction events


def test_attachments_stickers_and_embeds_become_media() -> None:
    events = {event.ref: event for event in read(DISCORD, GUILD) if isinstance(event, Event) and event.ref}
    assert events["1200000000000000004"].media is Media.PHOTO
    assert events["1200000000000000005"].media is Media.STICKER
    bot = events["1200000000000000006"]
    assert (bot.media, bot.actor) == (Media.LINK, Account("100000000000000009", "HelperBot", AccountKind.BOT))


def test_a_forward_is_not_a_reply_and_carries_the_forwarded_words() -> None:
    forward = read(DISCORD, GUILD)[-1]
    assert isinstance(forward, Event)
    assert (forward.reply_to, forward.target, forward.text) == (None, None, "forwarded words")


# Golden: the group DM in the older layout


def test_a_group_dm_reads_its_adds_leaves_removals_and_rename() -> None:
    found = [event for event in read(DISCORD, GROUP_DM) if isinstance(event, Event)]
    assert [
        (event.kind, event.actor, event.target, event.inviter, event.via, event.text) for event in found
    ] == [
        (Kind.JOIN, DAVE, None, ALICE, Via.ADDED, None),
        (Kind.GROUP_RENAMED, ALICE, None, None, None, "weekend plans"),
        (Kind.MESSAGE, DAVE, None, None, None, "hi all"),
        (Kind.LEAVE, DAVE, None, None, None, None),
        (Kind.REMOVAL, ALICE, BOB, None, None, None),
    ]  # the call and the add that names nobody make no event
    assert {(event.group, event.group_name, event.utc_offset_min) for event in found} == {
        ("950000000000000001", "weekend plans", -300)
    }
    assert found[0].time_us == 1_674_001_800_000_000  # 2023-01-17 19:30 at -05:00


# End to end through the store


def test_both_exports_import_end_to_end(store: Any) -> None:
    summary = run(store, DATA)
    assert [export["format"] for export in summary.exports] == ["discord_json", "discord_json"]
    assert (summary.added, summary.messages, summary.joins, summary.leaves, summary.removals) == (
        16,
        8,
        2,
        1,
        1,
    )
    assert summary.ignored == [str(DATA / "README.md")]
    join = next(event for event in stored(store) if event["kind"] == "join" and event["inviter"])
    assert (join["actor"], join["inviter"], join["via"], join["time"]) == (
        "dave",
        "Alice 王",
        "added",
        "2023-01-17T19:30:00-05:00",
    )


def test_importing_the_same_export_twice_adds_nothing(store: Any) -> None:
    first = run(store, GUILD)
    again = run(store, GUILD)
    assert (first.added, again.added, again.skipped) == (11, 0, 11)


def test_a_later_overlapping_export_adds_only_the_new_messages(store: Any, tmp_path: Path) -> None:
    early = rewritten(
        tmp_path / "early", GUILD, lambda document: document.update(messages=document["messages"][:5])
    )
    late = rewritten(
        tmp_path / "late", GUILD, lambda document: document.update(messages=document["messages"][3:])
    )
    assert run(store, early).added == 8  # a join, 4 messages, 3 reactions
    assert run(store, late).added == 3  # of the 7 messages in the later export, only 3 are new


# Refusals


def test_a_file_that_is_not_an_export_is_not_claimed(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"messages": [], "name": "a Telegram chat?"}', encoding="utf-8")
    assert DISCORD.bundles(collect_files([other])) == []


def test_a_file_forced_as_discord_without_a_header_is_refused_by_name(store: Any, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"messages": []}', encoding="utf-8")
    with pytest.raises(SourceError, match=r"other\.json: expected a DiscordChatExporter header"):
        run(store, other, format="discord_json")


def test_a_cut_short_export_names_the_file_and_the_last_good_message_and_imports_nothing(
    store: Any, tmp_path: Path
) -> None:
    data = GUILD.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: data.index(b'"id": "1200000000000000004"')])
    with pytest.raises(SourceError, match=r"cut\.json: the JSON is damaged or cut short after message 3"):
        run(store, cut)
    assert stored(store) == []


def bad_timestamp(document: dict[str, Any]) -> None:
    document["messages"][2]["timestamp"] = "yesterday"


def test_a_message_that_cannot_be_read_stops_the_import_naming_it(store: Any, tmp_path: Path) -> None:
    bad = rewritten(tmp_path, GUILD, bad_timestamp)
    with pytest.raises(
        SourceError, match=r"guild_channel\.json:3: message 3: expected a timestamp like .*'yesterday'"
    ):
        run(store, bad)
    assert stored(store) == []


def test_with_skip_bad_the_good_messages_import_and_the_bad_one_is_reported(
    store: Any, tmp_path: Path
) -> None:
    bad = rewritten(tmp_path, GUILD, bad_timestamp)
    summary = run(store, bad, skip_bad=True)
    assert summary.added == 10
    assert summary.problems == [
        f"{bad}:3: message 3: expected a timestamp like 2023-01-17T19:33:07.489+00:00, found 'yesterday'"
    ]


def test_a_message_without_an_author_is_a_problem_of_its_own(tmp_path: Path) -> None:
    bad = rewritten(tmp_path, GUILD, lambda document: document["messages"][0].pop("author"))
    problems = [item for item in read(DISCORD, bad) if isinstance(item, Problem)]
    assert [(problem.line, problem.message) for problem in problems] == [
        (1, "message 1: expected an author with an id, found nothing")
    ]
