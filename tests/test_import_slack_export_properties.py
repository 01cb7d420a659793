"""Generated channel histories written as a Slack export read back as themselves; damaged exports
never crash the reader."""

from __future__ import annotations

import json
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import damaged_json, read_all, survives
from shequn.domain.events import Account, Event, Kind, Via
from shequn.sources.slack_export.importer import SlackImporter

HANDMADE = Path(__file__).parent / "data" / "slack_export" / "handmade"
PEOPLE = [Account("U0ALICE01", "Alice 王"), Account("U0BOB0002", "Bob"), Account("U0CAROL03", "卡罗尔 🍵")]
CHANNEL, CREATED = "C0GENERAL", 978_307_200  # created 2001-01-01, a day before anything generated happens
SLACK = SlackImporter()
TOLERANT = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@dataclass(frozen=True)
class Happened:
    kind: str  # "message", "join", "leave", "rename"
    who: int
    ts: str
    words: tuple[str | int, ...] = ()  # plain text, or the index of a person mentioned
    inviter: int | None = None
    reply_to: int | None = None  # index of an earlier message
    reactions: tuple[tuple[str, tuple[int, ...]], ...] = ()
    name: str = ""


plain = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20)
person = st.integers(0, len(PEOPLE) - 1)
words = st.lists(plain | person, min_size=1, max_size=4).map(tuple)
reactions = st.lists(
    st.tuples(st.sampled_from(["+1", "tada", "茶"]), st.lists(person, min_size=1, max_size=3).map(tuple)),
    max_size=2,
)
channel_names = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


@st.composite
def histories(draw: st.DrawFn) -> list[Happened]:
    moments = sorted(
        draw(st.lists(st.integers(979_000_000_000_000, 4_100_000_000_000_000), max_size=12, unique=True))
    )
    history: list[Happened] = []
    for moment in moments:
        ts = f"{moment // 1_000_000}.{moment % 1_000_000:06d}"
        kind = draw(st.sampled_from(["message", "message", "message", "join", "leave", "rename"]))
        earlier = [index for index, item in enumerate(history) if item.kind == "message"]
        history.append(Happened(
            kind, draw(person), ts, draw(words), draw(st.none() | person),
            draw(st.none() | st.sampled_from(earlier)) if earlier else None,
            tuple(draw(reactions)) if kind == "message" else (), draw(channel_names),
        ))  # fmt: skip
    return history


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def record(item: Happened, history: list[Happened]) -> dict[str, Any]:
    """One message object as Slack writes it in a day file."""
    raw: dict[str, Any] = {"type": "message", "user": PEOPLE[item.who].id, "ts": item.ts}
    if item.kind == "message":
        raw["text"] = "".join(
            f"<@{PEOPLE[part].id}>" if isinstance(part, int) else escaped(part) for part in item.words
        )
        if item.reply_to is not None:
            parent = history[item.reply_to]
            raw |= {"thread_ts": parent.ts, "parent_user_id": PEOPLE[parent.who].id}
        if item.reactions:
            raw["reactions"] = [
                {"name": emoji, "users": [PEOPLE[who].id for who in users], "count": len(users)}
                for emoji, users in item.reactions
            ]
    elif item.kind == "join":
        raw |= {"subtype": "channel_join", "text": f"<@{PEOPLE[item.who].id}> has joined the channel"}
        if item.inviter is not None:
            raw["inviter"] = PEOPLE[item.inviter].id
    elif item.kind == "leave":
        raw |= {"subtype": "channel_leave", "text": f"<@{PEOPLE[item.who].id}> has left the channel"}
    else:
        raw |= {"subtype": "channel_name", "name": item.name, "old_name": "general", "text": "renamed"}
    return raw


def rendered(history: list[Happened], root: Path) -> Path:
    """The history as a workspace export folder, cut into day files by UTC date."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "general").mkdir(parents=True)
    users = [
        {"id": account.id, "name": f"user{index}", "profile": {"display_name": account.name}}
        for index, account in enumerate(PEOPLE)
    ]
    (root / "users.json").write_text(json.dumps(users, ensure_ascii=False), encoding="utf-8")
    channel = {
        "id": CHANNEL,
        "name": "general",
        "created": str(CREATED),
        "creator": PEOPLE[0].id,
        "members": [],
    }
    (root / "channels.json").write_text(json.dumps([channel]), encoding="utf-8")
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in history:
        day = datetime.fromtimestamp(int(item.ts.split(".")[0]), UTC).date().isoformat()
        days[day].append(record(item, history))
    for day, messages in days.items():
        (root / "general" / f"{day}.json").write_text(
            json.dumps(messages, ensure_ascii=False, indent=4), encoding="utf-8"
        )
    return root


def expected(history: list[Happened]) -> list[Event]:
    found = [event("created", CREATED * 1_000_000, Kind.GROUP_CREATED, actor=PEOPLE[0], text="#general")]
    for item in history:
        actor, time_us = PEOPLE[item.who], int(item.ts.replace(".", ""))
        if item.kind == "message":
            found.extend(message_events(item, history, actor, time_us))
        elif item.kind == "join":
            inviter = None if item.inviter is None else PEOPLE[item.inviter]
            found.append(
                event(
                    item.ts,
                    time_us,
                    Kind.JOIN,
                    actor=actor,
                    inviter=inviter,
                    via=Via.ADDED if inviter else Via.IMPORT,
                )
            )
        elif item.kind == "leave":
            found.append(event(item.ts, time_us, Kind.LEAVE, actor=actor))
        else:
            found.append(
                event(
                    item.ts,
                    time_us,
                    Kind.GROUP_RENAMED,
                    actor=actor,
                    text=item.name,
                    group_name=f"#{item.name}",
                )
            )
    return found


def message_events(item: Happened, history: list[Happened], actor: Account, time_us: int) -> list[Event]:
    text = "".join(f"@{PEOPLE[part].name}" if isinstance(part, int) else part for part in item.words)
    mentioned = dict.fromkeys(
        PEOPLE[part] for part in item.words if isinstance(part, int) and PEOPLE[part] != actor
    )
    parent = history[item.reply_to] if item.reply_to is not None else None
    found = [event(
        item.ts, time_us, Kind.MESSAGE, actor=actor, ref=item.ts, text=text, mentions=tuple(mentioned),
        reply_to=parent.ts if parent else None, target=PEOPLE[parent.who] if parent else None,
    )]  # fmt: skip
    for emoji, users in item.reactions:
        for who in dict.fromkeys(users):
            key = f"{item.ts}:reaction:{emoji}:{PEOPLE[who].id}"
            found.append(
                event(
                    key,
                    time_us,
                    Kind.REACTION,
                    actor=PEOPLE[who],
                    target=actor,
                    reply_to=item.ts,
                    text=f":{emoji}:",
                )
            )
    return found


def event(key: str, time_us: int, kind: Kind, **fields: Any) -> Event:
    fields.setdefault("group_name", "#general")
    return Event(
        key=f"slack:{CHANNEL}:{key}", kind=kind, platform="slack", group=CHANNEL, time_us=time_us,
        utc_offset_min=480, **fields,
    )  # fmt: skip


@TOLERANT
@given(history=histories())
def test_a_generated_history_reads_back_as_itself(tmp_path: Path, history: list[Happened]) -> None:
    found = read_all(SLACK, rendered(history, tmp_path / "export"))
    assert sorted(found, key=lambda item: item.key) == sorted(expected(history), key=lambda item: item.key)


@TOLERANT
@given(
    data=st.binary(max_size=300),
    target=st.sampled_from(["users.json", "channels.json", "town-square/2024-03-01.json"]),
)
def test_random_bytes_in_any_file_are_refused_or_read_never_crash(
    tmp_path: Path, data: bytes, target: str
) -> None:
    root = Path(shutil.copytree(HANDMADE, tmp_path / "export", dirs_exist_ok=True))
    (root / target).write_bytes(data)
    survives(lambda: read_all(SLACK, root), target.rpartition("/")[2])


@TOLERANT
@given(seed=st.integers(0, 2**32))
def test_a_mutated_export_is_refused_or_read_never_crashes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    shutil.rmtree(tmp_path / "export", ignore_errors=True)
    root = Path(shutil.copytree(HANDMADE, tmp_path / "export"))
    victim = rng.choice(sorted(root.rglob("*.json")))
    victim.write_bytes(damaged_json(victim.read_bytes(), rng))
    survives(lambda: read_all(SLACK, root), victim.name)
