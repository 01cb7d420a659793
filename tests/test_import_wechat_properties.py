"""WeChat exports, generated: chats written in each tool's layout read back as themselves, and no
input, however mangled, makes the reader fail with anything but a clear SourceError."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import EDITS, SHANGHAI, edited, read, read_bytes, survives
from shequn.domain.clock import to_time_us
from shequn.domain.events import Account, Event, Kind, Media, Via
from shequn.sources.importer import Problem
from shequn.sources.wechat.importer import WeChatImporter
from shequn.sources.wechat.memotrace_txt import HEADER

START = datetime(2022, 1, 1, tzinfo=SHANGHAI)
TITLE, ROOM = "测试群", "20220101@chatroom"
WECHAT = WeChatImporter()
DATA = Path(__file__).parent / "data" / "wechat"
SAMPLES = [
    DATA / "产品内测群_utf8.csv",
    DATA / "产品内测群.txt",
    DATA / "pywxdump" / "12345678@chatroom_0_5000.csv",
]

# Names cannot hold the words or quotes of a notice; texts hold Chinese, emoji, commas, quotes and
# several lines, but no line that looks like a TXT header or ends a reply ("引用:").
NAME_CHARS = "王李张小明红芳梅雷AaBbXx😀·_- "
WORD_CHARS = "你好今天上新品茶叶价格谢谢ABCxyz0123456789 ,.!?，。！？😀🍵\"'()[]:="
MEDIA = {"photo": Media.PHOTO, "voice": Media.VOICE, "sticker": Media.STICKER, "video": Media.VIDEO}


@dataclass(frozen=True)
class Person:
    wxid: str
    name: str


@dataclass(frozen=True)
class Line:
    """One row of the chat: a message (`text`/`media`), or a notice (`notice` names its kind)."""

    seconds: int
    person: Person
    text: str = ""
    media: str | None = None
    mentioned: Person | None = None
    notice: str | None = None  # "invite", "qr", "removal", "rename", "recall"
    others: tuple[Person, ...] = ()  # the invitees, the one who joined by QR, the one removed
    title: str | None = None


@dataclass
class Chat:
    people: list[Person]
    lines: list[Line] = field(default_factory=list)


def texts() -> st.SearchStrategy[str]:
    line = st.text(WORD_CHARS, min_size=1, max_size=16).filter(lambda text: text.strip() != "")
    inner = st.lists(st.one_of(line, line, st.just("")), min_size=1, max_size=4)
    return inner.map(lambda lines: "\n".join(lines).strip("\n")).filter(
        lambda text: text != "" and not any(HEADER.match(part) for part in text.split("\n"))
    )


@st.composite
def chats(draw: st.DrawFn) -> Chat:
    names = draw(st.lists(st.text(NAME_CHARS, min_size=1, max_size=8).map(str.strip).filter(bool),
                          min_size=2, max_size=5, unique=True))  # fmt: skip
    chat = Chat([Person(f"wxid_{index}a{len(name)}", name) for index, name in enumerate(names)])
    for _ in range(draw(st.integers(1, 10))):
        seconds, person = draw(st.integers(0, 2 * 365 * 86_400)), draw(st.sampled_from(chat.people))
        others = tuple(draw(st.lists(st.sampled_from(chat.people), min_size=1, max_size=2, unique=True)))
        choice = draw(
            st.sampled_from(
                ["text", "text", "text", "media", "mention", "invite", "qr", "removal", "rename", "recall"]
            )
        )
        if choice == "text":
            chat.lines.append(Line(seconds, person, draw(texts())))
        elif choice == "media":
            chat.lines.append(Line(seconds, person, media=draw(st.sampled_from(sorted(MEDIA)))))
        elif choice == "mention":
            chat.lines.append(
                Line(seconds, person, f"@{others[0].name}\u2005{draw(texts())}", mentioned=others[0])
            )
        else:
            title = draw(st.text("新群名ABC2024", min_size=1, max_size=6)) if choice == "rename" else None
            chat.lines.append(
                Line(
                    seconds,
                    person,
                    notice=choice,
                    others=others[:1] if choice != "invite" else others,
                    title=title,
                )
            )
    return chat


def local(seconds: int) -> str:
    return f"{START + timedelta(seconds=seconds):%Y-%m-%d %H:%M:%S}"


def notice_text(line: Line) -> str:
    actor, other = line.person.name, line.others[0].name if line.others else ""
    return {
        "invite": f'"{actor}"邀请"{"、".join(person.name for person in line.others)}"加入了群聊',
        "qr": f'"{other}"通过扫描"{actor}"分享的二维码加入群聊',
        "removal": f'"{actor}"将"{other}"移出了群聊',
        "rename": f'"{actor}"修改群名为“{line.title}”',
        "recall": f'"{actor}" 撤回了一条消息',
    }[line.notice or ""]


# The three renderers, each in its tool's layout


def memotrace_csv(chat: Chat) -> bytes:
    codes = {"photo": (3, "<msg><img /></msg>"), "voice": (34, "<msg><voicemsg /></msg>"),
             "sticker": (47, "<msg><emoji /></msg>"), "video": (43, "<msg><videomsg /></msg>")}  # fmt: skip
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(
        [
            "localId",
            "TalkerId",
            "Type",
            "SubType",
            "IsSender",
            "CreateTime",
            "Status",
            "StrContent",
            "StrTime",
            "Remark",
            "NickName",
            "Sender",
        ]
    )
    for number, line in enumerate(chat.lines, 1):
        created = int((START + timedelta(seconds=line.seconds)).timestamp())
        if line.notice:
            writer.writerow(
                [number, 3, 10000, 0, 0, created, 2, notice_text(line), local(line.seconds), "", "", ""]
            )
            continue
        code, content = codes[line.media] if line.media else (1, line.text)
        who = line.person
        writer.writerow(
            [number, 3, code, 0, 0, created, 2, content, local(line.seconds), who.name, who.name, who.wxid]
        )
    return out.getvalue().encode("utf-8-sig")


def memotrace_txt(chat: Chat) -> bytes:
    placeholders = {"photo": "[图片]", "voice": "[语音]", "sticker": "[表情包]", "video": "[视频]"}
    blocks = []
    for line in chat.lines:
        if line.notice:
            blocks.append(f"{local(line.seconds)} {notice_text(line)}\n\n")
        else:
            body = placeholders[line.media] if line.media else line.text
            blocks.append(f"{local(line.seconds)} {line.person.name}\n{body}\n\n")
    return "".join(blocks).encode("utf-8")


def pywxdump_csv(chat: Chat) -> bytes:
    names = {
        "photo": ("图片", "图片"),
        "voice": ("语音", "语音时长：3.00秒"),
        "sticker": ("动画表情", "表情"),
        "video": ("视频", "视频"),
    }
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(
        ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"]
    )
    for number, line in enumerate(chat.lines, 1):
        server_id = str(7_000_000_000_000_000_000 + number)
        if line.notice:
            writer.writerow(
                [number, server_id, "系统通知", 0, "未知", ROOM, notice_text(line), "", local(line.seconds)]
            )
            continue
        type_name, msg = names[line.media] if line.media else ("文本", line.text)
        writer.writerow(
            [number, server_id, type_name, 0, line.person.wxid, ROOM, msg, "", local(line.seconds)]
        )
    return out.getvalue().encode("utf-8")


def users_json(chat: Chat) -> bytes:
    users: dict[str, Any] = {
        person.wxid: {"wxid": person.wxid, "nickname": person.name, "remark": ""} for person in chat.people
    }
    users[ROOM] = {"wxid": ROOM, "nickname": TITLE}
    return json.dumps(users, ensure_ascii=False).encode("utf-8")


# What each layout must read back


@dataclass(frozen=True)
class Layout:
    name: str
    has_ids: bool  # the layout names senders by wxid (TXT only by display name)
    knows_everyone: bool  # users.json says who every name is, spoken or not


def expected(chat: Chat, layout: Layout) -> Counter[tuple[Any, ...]]:
    spoke = {line.person for line in chat.lines if not line.notice}
    group = ROOM if layout.name == "pywxdump" else TITLE

    def account(person: Person, known: bool) -> Account:
        return Account(person.wxid, person.name) if layout.has_ids and known else Account(None, person.name)

    def named(person: Person) -> Account:
        return account(person, person in spoke or layout.knows_everyone)

    found: Counter[tuple[Any, ...]] = Counter()
    title, spoken_so_far = TITLE, set()
    blank = {
        "target": None,
        "inviter": None,
        "via": None,
        "text": None,
        "media": None,
        "deleted": False,
        "mentions": (),
    }
    for line in chat.lines:
        time_us = to_time_us(START + timedelta(seconds=line.seconds))

        def add(
            kind: Kind, actor: Account | None, title: str = title, time_us: int = time_us, **fields: Any
        ) -> None:
            found[(kind, group, title, time_us, actor, *(blank | fields).values())] += 1

        if line.notice in ("invite", "qr"):
            via = Via.ADDED if line.notice == "invite" else Via.CODE
            for joiner in line.others:
                add(Kind.JOIN, named(joiner), inviter=named(line.person), via=via)
        elif line.notice == "removal":
            add(Kind.REMOVAL, named(line.person), target=named(line.others[0]))
        elif line.notice == "rename":
            title = line.title or title
            add(Kind.GROUP_RENAMED, named(line.person), title=title, text=line.title)
        elif line.notice == "recall":
            add(Kind.MESSAGE, named(line.person), deleted=True)
        else:
            spoken_so_far.add(line.person)
            mentions = ()
            if line.mentioned:
                known = line.mentioned in spoken_so_far or layout.knows_everyone
                mentions = (account(line.mentioned, known),)
            add(Kind.MESSAGE, account(line.person, True), text=line.text or None,
                media=MEDIA.get(line.media or ""), mentions=mentions)  # fmt: skip
    return found


def got(events: list[Event]) -> Counter[tuple[Any, ...]]:
    return Counter(
        (
            event.kind,
            event.group,
            event.group_name,
            event.time_us,
            event.actor,
            event.target,
            event.inviter,
            event.via,
            event.text,
            event.media,
            event.deleted,
            event.mentions,
        )
        for event in events
    )


LAYOUTS: dict[str, tuple[Layout, Callable[[Chat], bytes], str]] = {
    "memotrace_csv": (Layout("memotrace_csv", True, False), memotrace_csv, f"{TITLE}_utf8.csv"),
    "memotrace_txt": (Layout("memotrace_txt", False, False), memotrace_txt, f"{TITLE}.txt"),
    "pywxdump": (Layout("pywxdump", True, True), pywxdump_csv, f"{ROOM}_0_5000.csv"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wechat")


@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
@settings(
    deadline=None,
    max_examples=120,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(chat=chats())
def test_generated_chats_written_in_each_layout_read_back_as_themselves(
    folder: Path, layout_name: str, chat: Chat
) -> None:
    layout, render, file_name = LAYOUTS[layout_name]
    export = folder / layout_name
    export.mkdir(exist_ok=True)
    for old in export.iterdir():
        old.unlink()
    (export / file_name).write_bytes(render(chat))
    if layout_name == "pywxdump":
        (export / "users.json").write_bytes(users_json(chat))
    found = read(WECHAT, export)
    events = [item for item in found if isinstance(item, Event)]
    assert [item for item in found if isinstance(item, Problem)] == []
    assert got(events) == expected(chat, layout)
    assert len({event.key for event in events}) == len(events)


def only_events_problems_or_a_source_error(path: Path, data: bytes) -> None:
    survives(lambda: read_bytes(WECHAT, path, data), str(path), valid_events=True)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.suffix)
@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_mutated_samples_never_crash_the_reader(
    folder: Path, sample: Path, edits: list[tuple[int, str, int]]
) -> None:
    data = edited(sample.read_bytes(), edits)
    only_events_problems_or_a_source_error(folder / f"mutated{sample.suffix}", data)


@pytest.mark.parametrize(
    "prefix",
    [
        b"",
        b"\xef\xbb\xbflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n",
        b"id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n",
        b"2024-05-01 10:00:00 ",
    ],
)
@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=500))
def test_random_bytes_never_crash_the_reader(folder: Path, prefix: bytes, data: bytes) -> None:
    only_events_problems_or_a_source_error(folder / "random.csv", prefix + data)


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.text(
            '0123456789,"\n<>/sysmsg revokemsg邀请加入了群聊你将移出修改群名为“”撤回了一条消息、文本系统通知',
            max_size=40,
        ),
        max_size=6,
    )
)
def test_rows_made_of_the_formats_own_pieces_never_crash_the_reader(folder: Path, rows: list[str]) -> None:
    header = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n"
    only_events_problems_or_a_source_error(
        folder / "pieces.csv", (header + "\r\n".join(rows)).encode("utf-8")
    )
