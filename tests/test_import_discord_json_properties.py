"""Generated conversations written as DiscordChatExporter JSON read back as themselves; damaged files
never crash the reader."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import damaged_json, read_bytes, survives
from shequn.domain.events import Account, AccountKind, Event, Kind, Via
from shequn.sources.discord_json.importer import DiscordImporter

DATA = Path(__file__).parent / "data" / "discord_json"
CHANNEL = "910000000000000001"
PEOPLE = [
    Account("100000000000000001", "Alice 王"),
    Account("100000000000000002", "Bob"),
    Account("100000000000000003", "卡罗尔 🍵"),
    Account("100000000000000009", "HelperBot", AccountKind.BOT),
]
DISCORD = DiscordImporter()
TOLERANT = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@dataclass(frozen=True)
class Said:
    """One thing that happened in the channel, before it is written as DCE JSON."""

    kind: str  # "message", "join", "added", "left", "removed", "renamed"
    who: int
    time_us: int
    offset: int
    text: str = ""
    other: int = 0  # whom an add or a removal is about
    reply_to: int | None = None  # the index of an earlier message
    mentions: tuple[int, ...] = ()


times = st.integers(978_307_200_000_000, 4_102_444_800_000_000)  # 2001 .. 2100
offsets = st.integers(-12 * 4, 14 * 4).map(lambda quarters: quarters * 15)
texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
person = st.integers(0, len(PEOPLE) - 1)
channel_names = texts.map(str.strip).filter(lambda name: name not in ("", "."))


@st.composite
def conversations(draw: st.DrawFn) -> list[Said]:
    said: list[Said] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(
            st.sampled_from(["message", "message", "message", "join", "added", "left", "removed", "renamed"])
        )
        messages = [index for index, item in enumerate(said) if item.kind == "message"]
        reply_to = draw(st.none() | st.sampled_from(messages)) if messages and kind == "message" else None
        replied = said[reply_to].who if reply_to is not None else None
        others = [index for index in range(len(PEOPLE)) if index != replied]
        mentions = draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
        text = draw(channel_names if kind == "renamed" else texts)
        said.append(Said(
            kind, draw(person), draw(times), draw(offsets), text, draw(person), reply_to,
            tuple(mentions) if kind == "message" else (),
        ))  # fmt: skip
    return said


def user(index: int) -> dict[str, Any]:
    account = PEOPLE[index]
    bot = account.kind is AccountKind.BOT
    return {
        "id": account.id, "name": f"user{index}", "discriminator": "0000", "nickname": account.name,
        "color": None, "isBot": bot, "roles": [], "avatarUrl": "",
    }  # fmt: skip


def snowflake(index: int) -> str:
    return str(1_200_000_000_000_000_000 + index)


def stamp(time_us: int, offset: int) -> str:
    zone = timezone(timedelta(minutes=offset))
    return (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=time_us)).astimezone(zone).isoformat()


def rendered(said: list[Said]) -> str:
    """The conversation as DiscordChatExporter writes it."""
    messages = []
    for index, item in enumerate(said):
        message: dict[str, Any] = {
            "id": snowflake(index), "type": _TYPES[item.kind], "timestamp": stamp(item.time_us, item.offset),
            "timestampEdited": None, "callEndedTimestamp": None, "isPinned": False, "content": item.text,
            "author": user(item.who), "attachments": [], "embeds": [], "stickers": [], "reactions": [],
            "mentions": [user(other) for other in item.mentions],
        }  # fmt: skip
        if item.kind in ("added", "removed"):
            message["mentions"] = [user(item.other)]
        if item.kind == "left":
            message["mentions"] = [user(item.who)]
        if item.kind == "renamed":
            message["content"] = f"Changed the channel name: {item.text}"
        if item.reply_to is not None:
            message["type"] = "Reply"
            reference = {"type": "Default", "messageId": snowflake(item.reply_to), "channelId": CHANNEL}
            message["reference"] = reference | {"guildId": "1"}
        messages.append(message)
    header = {"guild": {"id": "1", "name": "Acme", "iconUrl": ""},
              "channel": {"id": CHANNEL, "type": "GuildTextChat", "categoryId": None, "category": None,
                          "name": "general", "topic": None},
              "dateRange": {"after": None, "before": None}}  # fmt: skip
    return json.dumps(
        {**header, "messages": messages, "messageCount": len(messages)}, ensure_ascii=False, indent=2
    )


_TYPES = {"message": "Default", "join": "GuildMemberJoin", "added": "RecipientAdd", "left": "RecipientRemove",
          "removed": "RecipientRemove", "renamed": "ChannelNameChange"}  # fmt: skip


_KINDS = {"message": Kind.MESSAGE, "join": Kind.JOIN, "added": Kind.JOIN, "left": Kind.LEAVE,
          "removed": Kind.REMOVAL, "renamed": Kind.GROUP_RENAMED}  # fmt: skip


def expected(said: list[Said]) -> list[Event]:
    found = []
    for index, item in enumerate(said):
        ref = snowflake(index)
        actor, other = PEOPLE[item.who], PEOPLE[item.other]
        if item.kind == "removed" and other == actor:
            item = Said("left", item.who, item.time_us, item.offset)
        fields: dict[str, Any] = {
            "message": {
                "actor": actor, "ref": ref, "text": item.text,
                "mentions": tuple(PEOPLE[other] for other in item.mentions),
                "reply_to": None if item.reply_to is None else snowflake(item.reply_to),
                "target": None if item.reply_to is None else PEOPLE[said[item.reply_to].who],
            },
            "join": {"actor": actor, "via": Via.IMPORT},
            "added": {"actor": other, "inviter": actor, "via": Via.ADDED},
            "left": {"actor": actor},
            "removed": {"actor": actor, "target": other},
            "renamed": {"actor": actor, "text": item.text, "group_name": f"Acme / #{item.text}"},
        }[item.kind]  # fmt: skip
        fields.setdefault("group_name", "Acme / #general")
        found.append(Event(
            key=f"discord:{CHANNEL}:{ref}", kind=_KINDS[item.kind], platform="discord",
            group=CHANNEL, time_us=item.time_us, utc_offset_min=item.offset, **fields,
        ))  # fmt: skip
    return found


@TOLERANT
@given(said=conversations())
def test_a_generated_conversation_reads_back_as_itself(tmp_path: Path, said: list[Said]) -> None:
    assert read_bytes(DISCORD, tmp_path / "export.json", rendered(said).encode()) == expected(said)


@TOLERANT
@given(data=st.binary(max_size=400))
def test_random_bytes_are_refused_or_read_never_crash(tmp_path: Path, data: bytes) -> None:
    header = b'{"guild": {"id": "1"}, "channel": {"id": "2"}, '
    survives(lambda: read_bytes(DISCORD, tmp_path / "noise.json", header + data), "noise.json")


@TOLERANT
@given(seed=st.integers(0, 2**32), sample=st.sampled_from(sorted(DATA.glob("*.json"))))
def test_a_mutated_export_is_refused_or_read_never_crashes(tmp_path: Path, seed: int, sample: Path) -> None:
    data = damaged_json(sample.read_bytes(), random.Random(seed))
    survives(lambda: read_bytes(DISCORD, tmp_path / "mutated.json", data), "mutated.json")
