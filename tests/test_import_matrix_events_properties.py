"""Generated room histories written as an Element export read back as the events they stand for;
damaged files never crash the reader.

The generator plays a room: people are invited and accept or decline, join on their own, talk,
reply and mention, change their names, leave, are kicked or banned, and rename the room. Each step
writes the Matrix events a server would send and, independently, the shequn events it means.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import damaged_json, read_bytes, survives
from shequn.domain.events import Account, Event, Kind, Via
from shequn.sources.matrix_events.importer import MatrixImporter

DATA = Path(__file__).parent / "data" / "matrix_events"
ROOM = "!room:example.org"
USERS = ["@alice:example.org", "@bob:example.org", "@carol:example.org", "@dave:example.org"]
MATRIX = MatrixImporter()
TOLERANT = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ACTIONS = [
    "talk",
    "talk",
    "talk",
    "join",
    "invite",
    "decline",
    "leave",
    "kick",
    "ban",
    "unban",
    "rename",
    "nick",
]
names = st.sampled_from(["Alice 王", "Bob", "卡罗尔 🍵", "Dave", "新名字", "x"])
words = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30).filter(
    lambda text: not text.startswith(">")
)


class Room:
    """The room as the generator plays it: the raw events written, and the events they mean."""

    def __init__(self) -> None:
        self.raw: list[dict[str, Any]] = []
        self.expected: list[Event] = []
        self.membership: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.authors: list[tuple[str, Account]] = []  # (event id, author) of each message
        self.room_name = "Room"

    def write(
        self,
        event_type: str,
        sender: str,
        content: dict[str, Any],
        state_key: str | None = None,
        **unsigned: Any,
    ) -> str:
        event_id = f"$e{len(self.raw)}"
        raw = {
            "type": event_type, "room_id": ROOM, "sender": sender, "content": content, "event_id": event_id,
            "origin_server_ts": 1_709_251_200_000 + len(self.raw) * 1000, "unsigned": {"age": 1, **unsigned},
        }  # fmt: skip
        if state_key is not None:
            raw["state_key"] = state_key
        self.raw.append(raw)
        return event_id

    def mean(self, kind: Kind, **fields: Any) -> None:
        raw = self.raw[-1]
        self.expected.append(Event(
            key=f"matrix:{ROOM}:{raw['event_id']}", kind=kind, platform="matrix", group=ROOM,
            group_name=self.room_name, time_us=raw["origin_server_ts"] * 1000, utc_offset_min=480, **fields,
        ))  # fmt: skip

    def account(self, user: str) -> Account:
        return Account(user, self.names.get(user))

    def member(self, sender: str, user: str, membership: str, name: str | None = None) -> None:
        content: dict[str, Any] = {"membership": membership} | ({"displayname": name} if name else {})
        previous = self.membership.get(user)
        self.write(
            "m.room.member",
            sender,
            content,
            user,
            **({"prev_content": {"membership": previous}} if previous else {}),
        )
        self.membership[user] = membership
        if name:
            self.names[user] = name

    def inside(self) -> list[str]:
        return [user for user in USERS if self.membership.get(user) == "join"]

    def outside(self) -> list[str]:
        return [user for user in USERS if self.membership.get(user) in (None, "leave")]


@st.composite
def rooms(draw: st.DrawFn) -> Room:
    room, founder = Room(), USERS[0]
    room.write("m.room.create", founder, {"creator": founder, "room_version": "10"}, "")
    room.mean(Kind.GROUP_CREATED, actor=room.account(founder), text=room.room_name)
    room.member(founder, founder, "join", draw(names))
    room.mean(Kind.JOIN, actor=room.account(founder), via=Via.FOUNDER)
    for action in draw(st.lists(st.sampled_from(ACTIONS), max_size=15)):
        play(draw, room, action)
    return room


def play(draw: st.DrawFn, room: Room, action: str) -> None:
    inside, outside = room.inside(), room.outside()
    actor = draw(st.sampled_from(inside)) if inside else None
    if action == "talk" and actor:
        talk(draw, room, actor)
    elif action in ("join", "invite", "decline") and outside:
        newcomer = draw(st.sampled_from(outside))
        if action == "join":
            room.member(newcomer, newcomer, "join", draw(names))
            room.mean(Kind.JOIN, actor=room.account(newcomer), via=Via.IMPORT)
        elif actor:
            room.member(actor, newcomer, "invite", draw(names))
            room.member(
                newcomer,
                newcomer,
                "join" if action == "invite" else "leave",
                draw(names) if action == "invite" else None,
            )
            if action == "invite":
                room.mean(Kind.JOIN, actor=room.account(newcomer), via=Via.ADDED, inviter=room.account(actor))
    elif action == "leave" and actor:
        room.member(actor, actor, "leave")
        room.mean(Kind.LEAVE, actor=room.account(actor))
    elif action in ("kick", "ban") and actor and len(inside) > 1:
        target = draw(st.sampled_from([user for user in inside if user != actor]))
        room.member(actor, target, "leave" if action == "kick" else "ban")
        room.mean(Kind.REMOVAL, actor=room.account(actor), target=room.account(target))
    elif (
        action == "unban"
        and actor
        and (banned := [user for user in USERS if room.membership.get(user) == "ban"])
    ):
        room.member(actor, draw(st.sampled_from(banned)), "leave")
    elif action == "rename" and actor:
        room.room_name = draw(names)
        room.write("m.room.name", actor, {"name": room.room_name}, "")
        room.mean(Kind.GROUP_RENAMED, actor=room.account(actor), text=room.room_name)
    elif action == "nick" and actor:
        room.member(actor, actor, "join", draw(names))


def talk(draw: st.DrawFn, room: Room, sender: str) -> None:
    text = draw(words)
    named = draw(st.lists(st.sampled_from(USERS), max_size=2, unique=True))
    replied = draw(st.none() | st.sampled_from(room.authors)) if room.authors else None
    content: dict[str, Any] = {"msgtype": "m.text", "body": text}
    if named:
        pills = " ".join(f'<a href="https://matrix.to/#/{user}">{user}</a>' for user in named)
        content |= {"format": "org.matrix.custom.html", "formatted_body": f"{pills} {text}"}
    if replied:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": replied[0]}}
        content["m.mentions"] = {"user_ids": [replied[1].id]}  # as clients do; not a mention unless named
    event_id = room.write("m.room.message", sender, content)
    author = room.account(sender)
    mentions = tuple(room.account(user) for user in named if user != sender)
    room.mean(Kind.MESSAGE, actor=author, ref=event_id, text=text, mentions=mentions,
              reply_to=replied[0] if replied else None, target=replied[1] if replied else None)  # fmt: skip
    room.authors.append((event_id, author))


def rendered(room: Room) -> bytes:
    header = {
        "room_name": room.room_name,
        "room_creator": "Alice",
        "topic": "",
        "export_date": "01/03/2024",
        "exported_by": "Alice",
    }
    return json.dumps({**header, "messages": room.raw}, ensure_ascii=False, indent=2).encode()


@TOLERANT
@given(room=rooms())
def test_a_generated_room_reads_back_as_the_events_it_stands_for(tmp_path: Path, room: Room) -> None:
    assert read_bytes(MATRIX, tmp_path / "export.json", rendered(room)) == as_exported(room)


def as_exported(room: Room) -> list[Event]:
    """Until the first rename, all the reader knows of the room's name is the export's header: the
    name it has now."""
    renamed = next(
        (index for index, event in enumerate(room.expected) if event.kind is Kind.GROUP_RENAMED), None
    )
    found = []
    for index, event in enumerate(room.expected):
        if renamed is None or index < renamed:
            fields = {field: getattr(event, field) for field in event.__struct_fields__} | {
                "group_name": room.room_name
            }
            if event.kind is Kind.GROUP_CREATED:
                fields["text"] = room.room_name
            event = Event(**fields)
        found.append(event)
    return found


@TOLERANT
@given(
    data=st.binary(max_size=400),
    start=st.sampled_from([b'{"room_name": "x", "messages": [', b"[", b'{"chunk": [']),
)
def test_random_bytes_are_refused_or_read_never_crash(tmp_path: Path, data: bytes, start: bytes) -> None:
    survives(lambda: read_bytes(MATRIX, tmp_path / "noise.json", start + data), "noise.json")


@TOLERANT
@given(seed=st.integers(0, 2**32), sample=st.sampled_from(sorted(DATA.glob("*.json"))))
def test_a_mutated_file_is_refused_or_read_never_crashes(tmp_path: Path, seed: int, sample: Path) -> None:
    data = damaged_json(sample.read_bytes(), random.Random(seed))
    survives(lambda: read_bytes(MATRIX, tmp_path / "mutated.json", data), "mutated.json")
