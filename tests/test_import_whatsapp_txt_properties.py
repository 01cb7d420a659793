"""Generated chats rendered as WhatsApp exports read back to the same events; damaged files only
ever give problems or a SourceError."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequn.domain.clock import to_time_us
from shequn.domain.events import Event, Kind, Via
from shequn.domain.validation import problems
from shequn.sources.files import Bundle, SourceError, collect_files
from shequn.sources.importer import ImportOptions, Problem
from shequn.sources.whatsapp_txt.importer import WhatsAppTxtImporter

ZONE = ZoneInfo("Asia/Shanghai")
SAMPLES = sorted((Path(__file__).parent / "data" / "whatsapp_txt").glob("chatminer_*.txt"))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Record:
    kind: str  # "message", "added", "link", "left", "removed"
    time: datetime
    actor: str
    others: tuple[str, ...] = ()
    text: str = ""


# --- rendering -----------------------------------------------------------------------------------

LAYOUTS = {  # header before the sender; iOS writes system lines as sent by the group, marked U+200E
    "android24": lambda t: f"{t:%d/%m/%y}, {t:%H:%M} - ",
    "android12": lambda t: f"{t.month}/{t.day}/{t:%y}, {t.hour % 12 or 12}:{t:%M}\u202f{t:%p} - ",
    "ios24": lambda t: f"[{t:%d.%m.%y}, {t:%H:%M:%S}] ",
    "ios12": lambda t: f"[{t.month}/{t.day}/{t:%y}, {t.hour % 12 or 12}:{t:%M:%S}\u202f{t:%p}] ",
    "zh": lambda t: f"{t:%Y/%m/%d} {t:%H:%M} - ",
}
LOCALES = {  # added, joined by link, left, removed; the word before a list's last name
    "en": ("{a} added {list}", "{b} joined using this group's invite link", "{b} left", "{a} removed {b}",
           " and "),
    "es": ("{a} añadió a {list}", "{b} se unió usando el enlace de invitación de este grupo",
           "{b} salió del grupo", "{a} eliminó a {b}", " y "),
    "de": ("{a} hat {list} hinzugefügt.", "{b} ist dieser Gruppe über den Einladungslink beigetreten.",
           "{b} hat die Gruppe verlassen.", "{a} hat {b} entfernt.", " und "),
    "pt": ("{a} adicionou {list}", "{b} entrou usando o link de convite deste grupo", "{b} saiu",
           "{a} removeu {b}", " e "),
    "fr": ("{a} a ajouté {list}", "{b} a rejoint ce groupe via le lien d'invitation", "{b} est parti",
           "{a} a retiré {b}", " et "),
    "zh": ("{a}添加了{list}", "{b}通过此群组的邀请链接加入", "{b}退出了群组", "{a}移除了{b}", "和"),
}  # fmt: skip


# Files that mix layouts (edited by hand, or concatenated): layouts that agree on day/month order.
MIXES = {"mixed day first": ["android24", "ios24", "zh"], "mixed month first": ["android12", "ios12", "zh"]}


def layout_of(number: int, layout: str) -> str:
    return MIXES[layout][number % 3] if layout in MIXES else layout


def render(records: list[Record], layout: str, locale: str) -> str:
    added, link, left, removed, last_joiner = LOCALES[locale]
    separator = "、" if locale == "zh" else ", "
    lines = []
    for number, record in enumerate(records):
        layout_here = layout_of(number, layout)
        header = LAYOUTS[layout_here](record.time)
        if record.kind == "message":
            lines.append(f"{header}{record.actor}: {record.text}")
            continue
        names = record.others
        listed = separator.join(names[:-1]) + last_joiner + names[-1] if len(names) > 1 else names[0]
        template = {"added": added, "link": link, "left": left, "removed": removed}[record.kind]
        line = template.format(a=record.actor, b=names[0], list=listed)
        lines.append(f"{header}Family: \u200e{line}" if layout_here.startswith("ios") else f"{header}{line}")
    return "\n".join(lines) + "\n"


def expected(records: list[Record], layout: str) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    for number, record in enumerate(records):
        time = record.time if layout_of(number, layout).startswith("ios") else record.time.replace(second=0)
        time_us = to_time_us(time.replace(tzinfo=ZONE))
        if record.kind == "message":
            found.append((Kind.MESSAGE, time_us, record.actor, record.text, None, None, None))
        elif record.kind == "added":
            found += [
                (Kind.JOIN, time_us, name, None, record.actor, None, Via.ADDED) for name in record.others
            ]
        elif record.kind == "link":
            found.append((Kind.JOIN, time_us, record.others[0], None, None, None, Via.LINK))
        elif record.kind == "left":
            found.append((Kind.LEAVE, time_us, record.others[0], None, None, None, None))
        else:
            found.append((Kind.REMOVAL, time_us, record.actor, None, None, record.others[0], None))
    return found


def observed(events: list[Event]) -> list[tuple[object, ...]]:
    def name(account: object) -> object:
        return getattr(account, "name", None)

    return [
        (e.kind, e.time_us, name(e.actor), e.text, name(e.inviter), name(e.target), e.via) for e in events
    ]  # fmt: skip


# --- generating ------------------------------------------------------------------------------------

NAME_WORDS = [
    "Ana",
    "Bo",
    "Chen",
    "Lima",
    "Priya",
    "O'Neil",
    "Jean-Luc",
    "王",
    "李娜",
    "伟",
    "🌸",
    "+49 151 1234",
]
names = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=2).map(" ".join)
word = st.text(
    alphabet=st.sampled_from(list("abcdefxyzABC0123456789.,!?'-你好谢谢世界😀🎉👍")), min_size=1, max_size=8
)
line = st.tuples(st.sampled_from(list("abcXYZ你好😀")), st.lists(word, max_size=6)).map(
    lambda parts: parts[0] + " ".join(["", *parts[1]]).rstrip()
)
texts = st.lists(line, min_size=1, max_size=3).map("\n".join)


@st.composite
def chats(draw: st.DrawFn) -> list[Record]:
    count = draw(st.integers(1, 25))
    start = draw(st.datetimes(datetime(2010, 1, 1), datetime(2030, 1, 1)))
    steps = draw(st.lists(st.integers(0, 200_000), min_size=count, max_size=count))
    records = []
    for step in steps:
        start += timedelta(seconds=step)
        kind = draw(st.sampled_from(["message"] * 6 + ["added", "link", "left", "removed"]))
        actor, text = draw(names), draw(texts) if kind == "message" else ""
        others = tuple(draw(st.lists(names, min_size=1, max_size=3 if kind == "added" else 1, unique=True)))
        records.append(Record(kind, start.replace(microsecond=0), actor, others, text))
    return records


def read_export(text: str | bytes, forced: bool = False) -> list[Event | Problem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "WhatsApp Chat with Family.txt"
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        importer = WhatsAppTxtImporter()
        bundles = (
            [Bundle(tuple(collect_files([path])))] if forced else importer.bundles(collect_files([path]))
        )
        return [item for bundle in bundles for item in importer.read(bundle, ImportOptions(zone=ZONE))]


@FAST
@given(chats(), st.sampled_from(sorted(LAYOUTS) + sorted(MIXES)), st.sampled_from(sorted(LOCALES)))
def test_a_rendered_chat_reads_back_to_the_same_events(
    records: list[Record], layout: str, locale: str
) -> None:
    items = read_export(render(records, layout, locale))
    assert [item for item in items if isinstance(item, Problem)] == []
    assert observed([item for item in items if isinstance(item, Event)]) == expected(records, layout)


# --- damage ----------------------------------------------------------------------------------------


def only_events_and_problems(data: bytes) -> None:
    try:
        items = read_export(data, forced=True)
    except SourceError:
        return
    for item in items:
        assert isinstance(item, Event | Problem)
        if isinstance(item, Event):
            assert problems(item) == [], item


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_give_only_problems_or_a_source_error(data: bytes) -> None:
    only_events_and_problems(data)


@st.composite
def damaged_samples(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=12) | st.sampled_from([b"\n", b"31/02/24, 25:61 - ", b"["])
            )
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=200, deadline=None)
@given(damaged_samples())
def test_damaged_samples_give_only_problems_or_a_source_error(data: bytes) -> None:
    only_events_and_problems(data)
