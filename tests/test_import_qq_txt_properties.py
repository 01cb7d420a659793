"""QQ text exports, generated: what is written in the exporter's layout reads back as itself, and no
input, however mangled, makes the reader fail with anything but a clear SourceError."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from importing import EDITS, SHANGHAI, edited, read, read_bytes, survives
from shequn.domain.clock import to_time_us
from shequn.domain.events import Account, Event, Kind, Media, Via
from shequn.sources.qq_txt.headers import parse_header
from shequn.sources.qq_txt.importer import QQTextImporter

SAMPLE = Path(__file__).parent / "data" / "qq_txt" / "two_groups_12h.txt"
START = datetime(2021, 1, 1, tzinfo=SHANGHAI)
SEPARATOR = "=" * 64
QQ = QQTextImporter()

# Names and words that cannot be mistaken for the export's own structure: no name holds the words
# of a system line, and no body line is a header or all '=' (a border).
NAME_CHARS = "王李张小明红芳茶友AaBbZzPM()·_-~😀 "
WORD_CHARS = "你好今天上新品茶叶价格多少谢谢ABCxyz0123456789 ,.!?，。！？😀🍵()[]【】:：=-"


@dataclass(frozen=True)
class Person:
    qq: str
    name: str


@dataclass(frozen=True)
class Line:
    person: Person | None  # None: the system sender announcing that `joiner` joined
    seconds: int
    text: str
    joiner: Person | None = None


def names() -> st.SearchStrategy[str]:
    return st.text(NAME_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)


def bodies() -> st.SearchStrategy[str]:
    line = st.one_of(
        st.text(WORD_CHARS, min_size=1, max_size=20), st.sampled_from(["1", "2019-09-23 18:15:05"])
    )
    line = line.filter(lambda text: not set(text) <= {"=", " "} and parse_header(text) is None)
    lines = st.lists(st.one_of(line, st.just("")), min_size=1, max_size=4).map("\n".join)
    media = st.sampled_from(["[图片]", "[语音]", "[表情]", "[视频]", "[文件]", ""])
    return st.one_of(lines, media).map(str.rstrip)


@st.composite
def sections(draw: st.DrawFn) -> tuple[str, list[Line]]:
    people = [Person(str(10000 + 7 * index + 3), name) for index, name in enumerate(draw(
        st.lists(names(), min_size=1, max_size=5, unique=True)))]  # fmt: skip
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        seconds = draw(st.integers(0, 3 * 365 * 86_400))
        if draw(st.booleans()) or len(lines) == 0:
            lines.append(Line(draw(st.sampled_from(people)), seconds, draw(bodies())))
        else:
            joiner = draw(st.sampled_from(people))
            lines.append(Line(None, seconds, f"{joiner.name}加入本群。", joiner))
    return draw(st.text("茶友会读书群ABC", min_size=1, max_size=8)), lines


def clock(seconds: int, twelve_hour: bool) -> str:
    moment = START + timedelta(seconds=seconds)
    if not twelve_hour:
        return f"{moment:%Y-%m-%d} {moment.hour}:{moment:%M:%S}"
    hour = moment.hour % 12 or 12
    return f"{moment:%Y-%m-%d} {hour}:{moment:%M:%S} {'PM' if moment.hour >= 12 else 'AM'}"


def render(groups: list[tuple[str, list[Line]]], twelve_hour: bool) -> str:
    """The export as QQ writes it: a file header, then per group its header block and messages."""
    out = ["消息记录（此消息记录为文本格式，不支持重新导入）", ""]
    for title, lines in groups:
        out += [SEPARATOR, "消息分组:我的群聊", SEPARATOR, f"消息对象:{title}", SEPARATOR, ""]
        for line in lines:
            who = f"{line.person.name}({line.person.qq})" if line.person else "系统消息(1000000)"
            out += [f"{clock(line.seconds, twelve_hour)} {who}", line.text, ""]
    return "\r\n".join(out) + "\r\n"


def expected(groups: list[tuple[str, list[Line]]]) -> Counter[tuple[object, ...]]:
    found: Counter[tuple[object, ...]] = Counter()
    for title, lines in groups:
        speakers = {line.person for line in lines if line.person}
        for line in lines:
            time_us = to_time_us(START + timedelta(seconds=line.seconds))
            if line.joiner is not None:
                known = line.joiner in speakers
                actor = Account(line.joiner.qq if known else None, line.joiner.name)
                found[(Kind.JOIN, title, time_us, actor, None, None, Via.IMPORT)] += 1
            else:
                assert line.person is not None
                media = {"[图片]": Media.PHOTO, "[语音]": Media.VOICE, "[表情]": Media.STICKER,
                         "[视频]": Media.VIDEO, "[文件]": Media.FILE}.get(line.text)  # fmt: skip
                text = None if media or not line.text else line.text
                account = Account(line.person.qq, line.person.name)
                found[(Kind.MESSAGE, title, time_us, account, text, media, None)] += 1
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("qq")


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(sections(), min_size=1, max_size=3, unique_by=lambda section: section[0]),
    st.booleans(),
    st.sampled_from(["utf-8-sig", "utf-8", "utf-16"]),
)
def test_generated_groups_written_as_a_qq_export_read_back_as_themselves(
    folder: Path, groups: list[tuple[str, list[Line]]], twelve_hour: bool, encoding: str
) -> None:
    first = groups[0][1][0].person
    # A file's clock style is its first header's: a 24-hour file opening with "1:00:00 AM A(1)" is
    # read as 12-hour, as anyone would read it.
    assume(twelve_hour or first is None or not first.name.startswith(("AM ", "PM ")))
    path = folder / "generated.txt"
    path.write_bytes(render(groups, twelve_hour).encode(encoding))
    found = read(QQ, path)
    assert all(isinstance(item, Event) for item in found)
    events = [item for item in found if isinstance(item, Event)]
    got = Counter(
        (event.kind, event.group, event.time_us, event.actor, event.text, event.media, event.via)
        for event in events
    )
    assert got == expected(groups)
    assert len({event.key for event in events}) == len(events)


def only_events_problems_or_a_source_error(path: Path, data: bytes) -> None:
    survives(lambda: read_bytes(QQ, path, data), str(path), valid_events=True)


@settings(deadline=None, max_examples=300)
@given(EDITS)
def test_mutated_samples_never_crash_the_reader(folder: Path, edits: list[tuple[int, str, int]]) -> None:
    only_events_problems_or_a_source_error(folder / "mutated.txt", edited(SAMPLE.read_bytes(), edits))


@settings(deadline=None, max_examples=300)
@given(st.binary(max_size=600))
def test_random_bytes_never_crash_the_reader(folder: Path, data: bytes) -> None:
    only_events_problems_or_a_source_error(folder / "random.txt", data)


@settings(deadline=None, max_examples=200)
@given(
    st.lists(
        st.text(
            "2019-09-23 8:43:38 PM 上午下午AMP【】()<>@.系统消息10000加入本群撤回了一条消息\n\r=", max_size=60
        ),
        max_size=8,
    )
)
def test_text_made_of_the_formats_own_pieces_never_crashes_the_reader(folder: Path, lines: list[str]) -> None:
    only_events_problems_or_a_source_error(folder / "pieces.txt", "\r\n".join(lines).encode("utf-8"))
