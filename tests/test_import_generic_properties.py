"""Generated events written in the generic layouts read back as themselves; damaged files never crash."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import SHANGHAI, read_bytes, survives
from shequn.domain.clock import from_time_us
from shequn.domain.events import ORDER_KINDS, Account, AccountKind, Event, Kind, Media, Via
from shequn.domain.validation import EARLIEST_US, LATEST_US, problems
from shequn.sources.generic.importer import GenericImporter
from shequn.sources.generic.parser import FIELDS

GENERIC = GenericImporter()
DATA = Path(__file__).parent / "data" / "generic"
_GROUP_KINDS = {
    Kind.GROUP_CREATED,
    Kind.GROUP_RENAMED,
    Kind.JOIN,
    Kind.LEAVE,
    Kind.REMOVAL,
    Kind.MESSAGE,
    Kind.REACTION,
}
_NEEDS_TARGET = {Kind.REMOVAL, Kind.IDENTITY_MERGED, Kind.IDENTITY_UNMERGED}
_NEEDS_ACTOR = set(Kind) - {Kind.GROUP_CREATED, Kind.GROUP_RENAMED, Kind.REMOVAL}
_json = msgspec.json.Encoder(decimal_format="number")

# Generated events


def _characters(*, line_breaks: bool) -> st.SearchStrategy[str]:
    """Any character an event may hold: NUL is refused by validation (tested in test_store.py)."""
    excluded = "\x00" if line_breaks else "\x00\n\r"
    return st.characters(exclude_categories=["Cs"], exclude_characters=excluded)


text = st.text(_characters(line_breaks=True), min_size=1, max_size=30)  # Chinese, emoji, lines, anything
word = st.text(_characters(line_breaks=True), min_size=1, max_size=12).map(str.strip).filter(bool)
identifier = word.filter(lambda value: not value.startswith("~"))
names = st.sampled_from(["王芳", "李雷", "Wang Wei", "José 🍵", "韩梅梅（工作号）"]) | word


PLATFORMS = ["wechat", "qq", "telegram", "acme-shop"]


@st.composite
def accounts(draw: st.DrawFn, home: str) -> Account:
    """An account on the event's platform `home`, or now and then on another one."""
    account_id = draw(st.none() | identifier | st.integers(1, 10**12).map(str))
    name = draw(names) if account_id is None else draw(st.none() | names)
    elsewhere = draw(st.none() | st.sampled_from([other for other in PLATFORMS if other != home]))
    return Account(account_id, name, draw(st.sampled_from(AccountKind)), elsewhere)


@st.composite
def events(draw: st.DrawFn, kinds: st.SearchStrategy[Kind] | None = None) -> Event:
    kind = draw(st.sampled_from(Kind) if kinds is None else kinds)
    group = draw(identifier) if kind in _GROUP_KINDS else draw(st.none() | identifier)
    order = kind in ORDER_KINDS
    home = draw(st.sampled_from(PLATFORMS))
    return Event(
        key=draw(word),
        kind=kind,
        platform=home,
        group=group,
        group_name=draw(st.none() | word) if group else None,
        time_us=draw(st.integers(EARLIEST_US, LATEST_US - 1)),
        utc_offset_min=draw(st.none() | st.integers(-16 * 60, 16 * 60)),
        actor=draw(accounts(home)) if kind in _NEEDS_ACTOR else draw(st.none() | accounts(home)),
        target=draw(accounts(home)) if kind in _NEEDS_TARGET else draw(st.none() | accounts(home)),
        inviter=draw(st.none() | accounts(home)),
        text=draw(st.none() | text),
        ref=draw(word) if order else draw(st.none() | word),
        reply_to=draw(st.none() | word),
        mentions=tuple(draw(st.lists(accounts(home), max_size=3))),
        media=draw(st.none() | st.sampled_from(Media)),
        via=draw(st.none() | st.sampled_from(Via)),
        code=draw(st.none() | word),
        amount_fen=draw(st.integers(0, 10**12)) if order else None,
        product=draw(st.none() | word),
        edited=draw(st.booleans()),
        deleted=draw(st.booleans()),
    )


# A renderer: the layout as a third party would write it, choosing among the forms it allows


def record(event: Event, rng: random.Random, as_csv: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "key": event.key, "kind": event.kind.value, "platform": event.platform, "group": event.group,
        "group_name": event.group_name, "text": event.text, "ref": event.ref, "reply_to": event.reply_to,
        "media": event.media, "via": event.via, "code": event.code, "product": event.product,
        "edited": _flag(event.edited, rng), "deleted": _flag(event.deleted, rng),
    }  # fmt: skip
    for role in ("actor", "target", "inviter"):
        fields |= _account(role, getattr(event, role), event.platform, rng)
    fields |= (
        _time(event, rng)
        | _amount(event.amount_fen, rng)
        | {"mentions": _mentions(event.mentions, rng, as_csv)}
    )
    if as_csv:
        return {name: "" if value is None else str(value) for name, value in fields.items()}
    return {name: value for name, value in fields.items() if value is not None}


def _flag(value: bool, rng: random.Random) -> Any:
    return rng.choice([value, "yes" if value else "no", "TRUE" if value else "false", int(value)])


def _account(role: str, account: Account | None, home: str, rng: random.Random) -> dict[str, Any]:
    if account is None:
        return {}
    kind = account.kind.value if account.kind is not AccountKind.PERSON or rng.random() < 0.5 else None
    platform = account.platform or (home if rng.random() < 0.2 else None)  # naming its own is allowed
    return {
        f"{role}_id": _id(account.id, rng), f"{role}_name": account.name, f"{role}_kind": kind,
        f"{role}_platform": platform,
    }  # fmt: skip


def _id(value: str | None, rng: random.Random) -> Any:
    if value and value.isascii() and value.isdigit() and str(int(value)) == value and rng.random() < 0.5:
        return int(value)  # JSON Lines may write a numeric id as a number
    return value


def _time(event: Event, rng: random.Random) -> dict[str, Any]:
    seconds = Decimal(event.time_us) / 1_000_000
    if event.utc_offset_min is None:
        return {"time_unix": rng.choice([seconds, str(seconds)])}
    if event.utc_offset_min == 480 and rng.random() < 0.3:
        return {"time": from_time_us(event.time_us, SHANGHAI).replace(tzinfo=None).isoformat(sep=" ")}
    zone = timezone(timedelta(minutes=event.utc_offset_min))
    return {"time": from_time_us(event.time_us, zone).isoformat()}


def _amount(fen: int | None, rng: random.Random) -> dict[str, Any]:
    if fen is None:
        return {}
    if rng.random() < 0.5:
        return {"amount_fen": fen}
    yuan = Decimal(fen) / 100
    return {"amount_yuan": rng.choice([yuan, str(yuan), f"{fen // 100}.{fen % 100:02d}"])}


def _mentions(mentioned: tuple[Account, ...], rng: random.Random, as_csv: bool) -> Any:
    if not mentioned:
        return None
    plain_ids = all(m.id and (m.name, m.platform, m.kind) == (None, None, "person") for m in mentioned)
    separable = all(";" not in (m.id or "") and not (m.id or "").startswith("[") for m in mentioned)
    if plain_ids and separable and (as_csv or rng.random() < 0.5):
        return ";".join(m.id or "" for m in mentioned)
    objects = [_mention_object(m) for m in mentioned]
    return _json.encode(objects).decode() if as_csv else objects


def _mention_object(mentioned: Account) -> dict[str, str]:
    fields = {"id": mentioned.id, "name": mentioned.name, "kind": mentioned.kind.value}
    return {key: value for key, value in (fields | {"platform": mentioned.platform}).items() if value}


def as_csv(items: list[Event], rng: random.Random, delimiter: str) -> str:
    columns = rng.sample(FIELDS, len(FIELDS))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter, extrasaction="raise", restval="")
    writer.writeheader()
    writer.writerows(record(event, rng, as_csv=True) for event in items)
    return out.getvalue()


def as_jsonl(items: list[Event], rng: random.Random) -> str:
    return "".join(_json.encode(record(event, rng, as_csv=False)).decode() + "\n" for event in items)


# Reading


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generic")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), min_size=1, max_size=8), st.randoms(use_true_random=False), st.sampled_from(",;\t"))
def test_generated_events_written_as_csv_read_back_as_themselves(
    folder: Path, items: list[Event], rng: random.Random, delimiter: str
) -> None:
    encoding = rng.choice(["utf-8", "utf-8-sig"])
    body = as_csv(items, rng, delimiter).encode(encoding)
    assert list(read_bytes(GENERIC, folder / "events.csv", body)) == items


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_generated_events_written_as_json_lines_read_back_as_themselves(
    folder: Path, items: list[Event], rng: random.Random
) -> None:
    assert list(read_bytes(GENERIC, folder / "events.jsonl", as_jsonl(items, rng).encode())) == items


@pytest.mark.parametrize("kind", list(Kind))
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_kind_reads_back_from_both_layouts(folder: Path, kind: Kind, data: st.DataObject) -> None:
    event = data.draw(events(st.just(kind)))
    rng = data.draw(st.randoms(use_true_random=False))
    assert problems(event) == []
    assert list(read_bytes(GENERIC, folder / "kind.csv", as_csv([event], rng, ",").encode())) == [event]
    assert list(read_bytes(GENERIC, folder / "kind.jsonl", as_jsonl([event], rng).encode())) == [event]


# Fuzzing: whatever the bytes, the reader yields events and problems or raises SourceError


def only_events_problems_or_a_source_error(path: Path, data: bytes) -> None:
    survives(lambda: read_bytes(GENERIC, path, data), str(path), valid_events=True)


SAMPLES = {suffix: (DATA / f"community{suffix}").read_bytes() for suffix in (".csv", ".jsonl")}


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=8) | st.sampled_from([b'"', b",", b"\n", b"{", b"\xff"])
            )
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=300)
@given(
    st.sampled_from([".csv", ".jsonl"]).flatmap(
        lambda suffix: st.tuples(st.just(suffix), mutated(SAMPLES[suffix]))
    )
)
def test_mutated_examples_never_crash_the_reader(folder: Path, case: tuple[str, bytes]) -> None:
    suffix, data = case
    only_events_problems_or_a_source_error(folder / f"mutated{suffix}", data)


@settings(max_examples=200)
@given(st.sampled_from([".csv", ".jsonl", ".txt"]), st.binary(max_size=400))
def test_random_bytes_never_crash_the_reader(folder: Path, suffix: str, data: bytes) -> None:
    only_events_problems_or_a_source_error(folder / f"random{suffix}", data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "name", "kind", "x"]), inner)
    ),
    max_leaves=6,
)
field_values = (
    st.sampled_from(
        [
            "2026-03-01T09:00:00+08:00",
            "2026/3/1 9:00",
            "1772326800",
            "12.50",
            "¥5,000",
            "join",
            "order_paid",
            "wechat",
            "a;b",
            "[1, {}]",
        ]
    )
    | json_values
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=10), min_size=1, max_size=5))
def test_records_of_random_values_are_events_or_problems(folder: Path, records: list[dict[str, Any]]) -> None:
    only_events_problems_or_a_source_error(
        folder / "values.jsonl", b"".join(_json.encode(item) + b"\n" for item in records)
    )
    cells = [
        {
            name: value if isinstance(value, str) else _json.encode(value).decode()
            for name, value in item.items()
        }
        for item in records
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, restval="")
    writer.writeheader()
    writer.writerows(cells)
    only_events_problems_or_a_source_error(folder / "values.csv", out.getvalue().encode())


def test_a_time_on_the_last_microsecond_of_the_range_and_a_fraction_of_a_second_read_exactly(
    folder: Path,
) -> None:
    moment = datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=UTC).isoformat()
    line = f'{{"key": "k", "kind": "check_in", "platform": "qq", "time": "{moment}", "actor_id": "1"}}\n'
    (event,) = read_bytes(GENERIC, folder / "edge.jsonl", line.encode())
    assert isinstance(event, Event) and event.time_us == LATEST_US - 1 and event.utc_offset_min == 0
