"""Telegram JSON, by property: generated chats rendered the way Telegram Desktop writes them read
back to the events they were made from; random and mutated files never fail but as they should."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import SPLICES, read, read_bytes, spliced, survives
from shequn.domain.events import Account, Event, Kind, Via
from shequn.sources.importer import Problem
from shequn.sources.telegram_json.importer import TelegramJsonImporter

DATA = Path(__file__).parent / "data" / "telegram_json"
CHAT_ID, CHAT_NAME = 1_700_000_001, "茶友会 ☕"
START = 1_700_000_000  # 2023-11-14
TELEGRAM = TelegramJsonImporter()
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda name: name != CHAT_NAME
)


@dataclass(frozen=True)
class Person:
    id: int
    name: str

    @property
    def account(self) -> Account:
        return Account(str(self.id), self.name)


@dataclass(frozen=True)
class Step:
    kind: str  # message, link, request, invite, leave, removal
    actor: int  # index into the people
    others: tuple[int, ...] = ()  # inviter; members; the removed
    text: str = ""
    rich: bool = False
    reply: int | None = None  # an earlier step
    gap: int = 1  # seconds after the step before


@st.composite
def chats(draw: st.DrawFn) -> tuple[list[Person], list[Step], int]:
    names = draw(st.lists(NAME, min_size=2, max_size=6, unique=True))
    people = [Person(1000 + index, name) for index, name in enumerate(names)]
    someone = st.integers(0, len(people) - 1)
    steps: list[Step] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["message", "message", "link", "request", "invite", "leave", "removal"]))
        actor = draw(someone)
        others: tuple[int, ...] = ()
        if kind in ("invite", "removal"):
            count = 1 if kind == "removal" else draw(st.integers(1, 3))
            others = tuple(
                draw(
                    st.lists(
                        someone.filter(lambda other, actor=actor: other != actor), min_size=1, max_size=count
                    )
                )
            )
        elif kind == "link":
            others = tuple(draw(st.lists(someone, max_size=1)))
        messages = [index for index, step in enumerate(steps) if step.kind == "message"]
        reply = draw(st.sampled_from([None, *messages]))
        steps.append(
            Step(kind, actor, others, draw(TEXT), draw(st.booleans()), reply, draw(st.integers(0, 86_400)))
        )
    return people, steps, draw(st.sampled_from([480, -300, 0, 345]))


def render(people: list[Person], steps: list[Step], offset_min: int, laid_out: bool) -> str:
    moment, messages = START, []
    for number, step in enumerate(steps, start=1):
        moment += step.gap
        wall = datetime.fromtimestamp(moment, UTC) + timedelta(minutes=offset_min)
        stamp = {"id": number, "date": wall.strftime("%Y-%m-%dT%H:%M:%S"), "date_unixtime": str(moment)}
        messages.append(stamp | _rendered(people, step))
    chat = {"name": CHAT_NAME, "type": "private_supergroup", "id": CHAT_ID, "messages": messages}
    return json.dumps(chat, ensure_ascii=False, indent=1 if laid_out else None)


def _rendered(people: list[Person], step: Step) -> dict[str, Any]:
    actor = people[step.actor]
    if step.kind == "message":
        text: Any = step.text
        if step.rich and len(text) > 1:
            text = [text[:1], {"type": "bold", "text": text[1:]}]
        reply = {} if step.reply is None else {"reply_to_message_id": step.reply + 1}
        return {"type": "message", "from": actor.name, "from_id": f"user{actor.id}", **reply, "text": text}
    service: dict[str, Any] = {"type": "service", "actor": actor.name, "actor_id": f"user{actor.id}"}
    names = [people[other].name for other in step.others]
    extra = {
        "link": {"action": "join_group_by_link", "inviter": names[0] if names else CHAT_NAME},
        "request": {"action": "join_group_by_request"},
        "invite": {"action": "invite_members", "members": names},
        "leave": {"action": "remove_members", "members": [actor.name]},
        "removal": {"action": "remove_members", "members": names},
    }[step.kind]
    return service | extra | {"text": ""}


def expected(people: list[Person], steps: list[Step], offset_min: int) -> list[Event]:
    seen = {step.actor for step in steps}  # who speaks or acts under their id somewhere
    named = [
        person.account if index in seen else Account(None, person.name) for index, person in enumerate(people)
    ]
    events, moment = [], START
    for number, step in enumerate(steps, start=1):
        moment += step.gap
        base = {
            "platform": "telegram",
            "group": str(CHAT_ID),
            "group_name": CHAT_NAME,
            "time_us": moment * 10**6,
        }
        base |= {"utc_offset_min": offset_min, "actor": people[step.actor].account}
        key = f"telegram:{CHAT_ID}:{number}"
        if step.kind != "message":
            base["ref"] = str(number)
        if step.kind == "message":
            reply = (
                {}
                if step.reply is None
                else {"reply_to": str(step.reply + 1), "target": people[steps[step.reply].actor].account}
            )
            events.append(
                Event(key=key, kind=Kind.MESSAGE, ref=str(number), text=step.text or None, **reply, **base)
            )
        elif step.kind == "link":
            inviter = named[step.others[0]] if step.others else None
            events.append(Event(key=key, kind=Kind.JOIN, via=Via.LINK, inviter=inviter, **base))
        elif step.kind == "request":
            events.append(Event(key=key, kind=Kind.JOIN, via=Via.REQUEST, **base))
        elif step.kind == "invite":
            for index, other in enumerate(step.others):
                invited = base | {"actor": named[other], "inviter": people[step.actor].account}
                events.append(
                    Event(
                        key=key if index == 0 else f"{key}:{index}", kind=Kind.JOIN, via=Via.ADDED, **invited
                    )
                )
        elif step.kind == "leave":
            events.append(Event(key=key, kind=Kind.LEAVE, **base))
        else:
            events.append(Event(key=key, kind=Kind.REMOVAL, target=named[step.others[0]], **base))
    return events


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(chat=chats(), laid_out=st.booleans())
def test_a_rendered_chat_reads_back_to_its_events(
    tmp_path: Path, chat: tuple[list[Person], list[Step], int], laid_out: bool
) -> None:
    people, steps, offset_min = chat
    path = tmp_path / "result.json"
    path.write_text(render(people, steps, offset_min, laid_out), encoding="utf-8")
    found = read(TELEGRAM, path)

    def key(item: Event | Problem) -> str:
        return item.key if isinstance(item, Event) else ""

    assert sorted(found, key=key) == sorted(expected(people, steps, offset_min), key=key)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_fail_but_as_a_source_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.json"
    survives(lambda: read_bytes(TELEGRAM, path, data), str(path))


SAMPLES = [
    DATA / name for name in ("modern_supergroup.json", "account_export.json", "tcp_private_channel_2021.json")
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(sample=st.sampled_from(SAMPLES), splices=SPLICES)
def test_mutated_exports_never_fail_but_as_a_source_error(
    tmp_path: Path, sample: Path, splices: list[tuple[str, float, bytes]]
) -> None:
    path = tmp_path / "mutated.json"
    survives(lambda: read_bytes(TELEGRAM, path, spliced(sample.read_bytes(), splices)), str(path))
