"""Telegram HTML, by property: generated chats rendered into paginated pages the way Telegram
Desktop writes them read back to the events they were made from; random and mutated pages never
fail but as they should."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import SPLICES, read_all, spliced, survives
from shequn.domain.events import Account, Event, Kind, Via
from shequn.sources.importer import Problem
from shequn.sources.telegram_html.importer import TelegramHtmlImporter

DATA = Path(__file__).parent / "data" / "telegram_html"
CHAT = "茶友会 & friends"
TELEGRAM = TelegramHtmlImporter()
START = 1_700_000_000  # 2023-11-14T22:13:20Z
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Names as people choose them, minus what an HTML export cannot tell apart: the list separators of
# service lines, surrounding spaces, and the names Telegram gives deleted accounts.
_UNTELLABLE = (",", " and ", " via @", " invited ", " removed ", " joined group by ", " to the voice chat")
NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12).filter(
    lambda name: name == name.strip() and not any(part in name for part in _UNTELLABLE)
    and not name.startswith("Deleted") and name not in (CHAT, "group photo")
)  # fmt: skip
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.just("\n"), max_size=40).map(
    str.strip
)


@dataclass(frozen=True)
class Step:
    kind: str  # message, link, request, invite, leave, removal
    actor: int
    others: tuple[int, ...] = ()
    text: str = ""
    reply: int | None = None  # an earlier message step
    gap: int = 1


@st.composite
def chats(draw: st.DrawFn) -> tuple[list[str], list[Step], int, int]:
    names = draw(st.lists(NAME, min_size=2, max_size=5, unique=True))
    someone = st.integers(0, len(names) - 1)
    steps = [
        Step("message", draw(someone), text=draw(TEXT))
    ]  # a dated message first: service lines take its time
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(
            st.sampled_from(
                ["message", "message", "message", "link", "request", "invite", "leave", "removal"]
            )
        )
        actor = draw(someone)
        others: tuple[int, ...] = ()
        if kind in ("invite", "removal"):
            pool = [index for index in range(len(names)) if index != actor]
            count = 1 if kind == "removal" else draw(st.integers(1, 3))
            others = tuple(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=count, unique=True)))
        elif kind == "link":
            others = tuple(draw(st.lists(someone, max_size=1)))
        messages = [index for index, step in enumerate(steps) if step.kind == "message"]
        reply = draw(st.sampled_from([None, *messages])) if kind == "message" else None
        steps.append(Step(kind, actor, others, draw(TEXT), reply, draw(st.integers(0, 200))))
    return names, steps, draw(st.sampled_from([480, -300, 0, 345])), draw(st.integers(1, 4))


def times(steps: list[Step]) -> list[int]:
    """Seconds of each step; all on one day, so a service line takes the time of the message before it."""
    moments, moment = [], START
    for step in steps:
        moment += step.gap
        moments.append(moment)
    return moments


def render(names: list[str], steps: list[Step], offset_min: int, per_page: int, folder: Path) -> None:
    moments, pages, page, previous = times(steps), [], [], None
    page_of: dict[int, int] = {}
    for number, (step, moment) in enumerate(zip(steps, moments, strict=True), start=1):
        if len(page) == per_page:
            pages.append(page)
            page, previous = [], None
        wall = datetime.fromtimestamp(moment, UTC) + timedelta(minutes=offset_min)
        if not page:
            page.append(_service(-len(pages) - 1, wall.strftime("%-d %B %Y")))
        if step.kind == "message":
            href = None if step.reply is None else _href(step.reply + 1, page_of[step.reply + 1], len(pages))
            joined = previous == step.actor and step.reply is None
            page.append(_message(number, wall, offset_min, names[step.actor], step.text, joined, href))
            previous = step.actor
        else:
            page.append(_service(number, _sentence(names, step)))
            previous = None
        page_of[number] = len(pages)
    pages.append(page)
    for index, body in enumerate(pages):
        name = "messages.html" if index == 0 else f"messages{index + 1}.html"
        (folder / name).write_text(_page("".join(body)), encoding="utf-8")


def _href(number: int, page: int, current: int) -> str:
    if page == current:
        return f"#go_to_message{number}"
    return f"messages{'' if page == 0 else page + 1}.html#go_to_message{number}"


def _sentence(names: list[str], step: Step) -> str:
    actor, others = escape(names[step.actor]), [escape(names[other]) for other in step.others]
    listed = (
        others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1] if others else ""
    )
    return {
        "link": f"{actor} joined group by link from {others[0] if others else escape(CHAT)}",
        "request": f"{actor} joined group by request",
        "invite": f"{actor} invited {listed}",
        "leave": f"{actor} removed {actor}",
        "removal": f"{actor} removed {listed}",
    }[step.kind]


def _div(classes: str, body: str, **attributes: str) -> str:
    """A div the way Telegram Desktop writes one: its content on lines of its own."""
    extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f'\n <div class="{classes}"{extra}>\n{body}\n </div>\n'


def _service(number: int, html: str) -> str:
    return _div("message service", _div("body details", html), id=f"message{number}")


def _message(
    number: int, wall: datetime, offset_min: int, sender: str, text: str, joined: bool, href: str | None
) -> str:
    sign, size = ("+" if offset_min >= 0 else "-"), abs(offset_min)
    title = wall.strftime("%d.%m.%Y %H:%M:%S") + f" UTC{sign}{size // 60:02d}:{size % 60:02d}"
    body = _div("pull_right date details", f"{wall:%H:%M}", title=title)
    body += "" if joined else _div("from_name", escape(sender))
    body += _div("reply_to details", f'In reply to <a href="{href}">this message</a>') if href else ""
    body += _div("text", escape(text).replace("\n", "<br>")) if text else ""
    classes = "message default clearfix" + (" joined" if joined else "")
    return _div(classes, _div("body", body), id=f"message{number}")


def _page(history: str) -> str:
    header = _div("page_header", _div("content", _div("text bold", escape(CHAT))))
    body = _div("page_wrap", header + _div("page_body chat_page", _div("history", history)))
    return (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8"/>\n</head>\n<body>{body}</body>\n</html>\n'
    )


def expected(names: list[str], steps: list[Step], offset_min: int) -> list[Event]:
    people = [Account(None, name) for name in names]
    events, moment = [], START
    for number, (step, moment) in enumerate(zip(steps, times(steps), strict=True), start=1):
        if step.kind == "message":
            last = moment
        key = f"telegram:{CHAT}:{number}"
        base = {"platform": "telegram", "group": CHAT, "group_name": CHAT, "utc_offset_min": offset_min}
        base |= {"time_us": (moment if step.kind == "message" else last) * 10**6, "actor": people[step.actor]}
        if step.kind != "message":
            base["ref"] = str(number)
        if step.kind == "message":
            reply = (
                {}
                if step.reply is None
                else {"reply_to": str(step.reply + 1), "target": people[steps[step.reply].actor]}
            )
            events.append(
                Event(key=key, kind=Kind.MESSAGE, ref=str(number), text=step.text or None, **reply, **base)
            )
        elif step.kind == "link":
            inviter = people[step.others[0]] if step.others else None
            events.append(Event(key=key, kind=Kind.JOIN, via=Via.LINK, inviter=inviter, **base))
        elif step.kind == "request":
            events.append(Event(key=key, kind=Kind.JOIN, via=Via.REQUEST, **base))
        elif step.kind == "invite":
            for index, other in enumerate(step.others):
                invited = base | {"actor": people[other], "inviter": people[step.actor]}
                events.append(
                    Event(
                        key=key if index == 0 else f"{key}:{index}", kind=Kind.JOIN, via=Via.ADDED, **invited
                    )
                )
        elif step.kind == "leave":
            events.append(Event(key=key, kind=Kind.LEAVE, **base))
        else:
            events.append(Event(key=key, kind=Kind.REMOVAL, target=people[step.others[0]], **base))
    return events


def ordered(items: list[Event] | list[Event | Problem]) -> list[Event | Problem]:
    return sorted(items, key=lambda item: item.key if isinstance(item, Event) else "")


@SETTINGS
@given(chat=chats())
def test_rendered_pages_read_back_to_their_events(
    tmp_path_factory: pytest.TempPathFactory, chat: tuple[list[str], list[Step], int, int]
) -> None:
    names, steps, offset_min, per_page = chat
    folder = tmp_path_factory.mktemp("export")
    render(names, steps, offset_min, per_page, folder)
    assert ordered(read_all(TELEGRAM, folder)) == ordered(expected(names, steps, offset_min))


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_in_a_page_never_fail_but_as_a_source_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("random")
    head = (DATA / "langchain_messages.html").read_bytes()[
        :900
    ]  # a real page opening, so the file is claimed
    (folder / "messages.html").write_bytes(head + data)
    survives(lambda: read_all(TELEGRAM, folder), str(folder))


SAMPLES = [
    DATA / "langchain_messages.html",
    DATA / "two_pages" / "messages.html",
    DATA / "two_pages" / "messages2.html",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sample=st.sampled_from(SAMPLES), splices=SPLICES)
def test_mutated_pages_never_fail_but_as_a_source_error(
    tmp_path_factory: pytest.TempPathFactory, sample: Path, splices: list[tuple[str, float, bytes]]
) -> None:
    folder = tmp_path_factory.mktemp("mutated")
    (folder / "messages.html").write_bytes(spliced(sample.read_bytes(), splices))
    survives(lambda: read_all(TELEGRAM, folder), str(folder))
