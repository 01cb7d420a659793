"""What the importer tests share: reading an export the way `shequn import` finds it, a fresh store
to import into, and the fuzzers' damage and verdict.

Everything reads in Asia/Shanghai (+08:00 all year), the zone of the community the store holds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from shequn.domain.clock import to_time_us
from shequn.domain.events import Event
from shequn.domain.validation import problems
from shequn.services.communities import Community, create_community
from shequn.services.import_files import ImportRequest, ImportSummary, import_files
from shequn.services.list_events import list_events
from shequn.sources.files import Bundle, SourceError, collect_files
from shequn.sources.importer import Importer, ImportOptions, Problem
from shequn.store import Database, open_store
from shequn.store.event_reads import EventFilter

SHANGHAI = ZoneInfo("Asia/Shanghai")
Store = tuple[Database, Community]


def at(text: str, zone: ZoneInfo = SHANGHAI) -> int:
    """time_us of a wall-clock time written without an offset, read in `zone`."""
    return to_time_us(datetime.fromisoformat(text).replace(tzinfo=zone))


# Reading with one importer


def read(importer: Importer, path: Path, **options: Any) -> list[Event | Problem]:
    """What `importer` reads from the export at `path`: the one bundle it claims there, or, where it
    claims none (a file that is not its format, forced as with --format), the files as they are."""
    files = collect_files([path])
    bundles = importer.bundles(files) or [Bundle(tuple(files))]
    assert len(bundles) == 1, bundles
    return list(importer.read(bundles[0], ImportOptions(**({"zone": SHANGHAI} | options))))


def read_all(importer: Importer, path: Path, **options: Any) -> list[Event | Problem]:
    """What `importer` reads from every bundle it claims under `path`."""
    found: list[Event | Problem] = []
    for bundle in importer.bundles(collect_files([path])):
        found.extend(importer.read(bundle, ImportOptions(**({"zone": SHANGHAI} | options))))
    return found


def events_of(importer: Importer, path: Path, **options: Any) -> list[Event]:
    """The events `importer` reads from `path`, which must hold no record it cannot read."""
    found = read(importer, path, **options)
    assert [item for item in found if isinstance(item, Problem)] == []
    return [item for item in found if isinstance(item, Event)]


def read_bytes(importer: Importer, path: Path, data: bytes, **options: Any) -> list[Event | Problem]:
    """What `importer` reads from `data` written to `path`."""
    path.write_bytes(data)
    return read(importer, path, **options)


def written(folder: Path, name: str, body: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(body.encode(encoding))
    return path


# Importing into a store


def new_store(folder: Path) -> Store:
    """A fresh SQLite store in `folder` holding the community acme, in Asia/Shanghai."""
    db = open_store(str(folder / "x.db"), create=True)
    return db, create_community(db, "acme", "Asia/Shanghai")


def run(store: Store, *paths: Path, **request: Any) -> ImportSummary:
    """`shequn import PATHS` into the store, reading times in Asia/Shanghai."""
    db, community = store
    return import_files(db, community, ImportRequest(paths=list(paths), zone=SHANGHAI, **request))


def stored(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """The store's events (of one kind), as `shequn events` lists them."""
    return list(list_events(store[0], store[1], EventFilter(kinds=(kind,) if kind else ())))


# Fuzzing: whatever the bytes, a reader yields events and problems or raises SourceError


def survives(read: Callable[[], Iterable[Event | Problem]], named: str, valid_events: bool = False) -> None:
    """Reading ends in events and problems, or in a SourceError whose message holds `named` (the
    file's name or path): never in anything else. With `valid_events`, every event must also be
    one validation accepts."""
    try:
        found = list(read())
    except SourceError as error:
        assert named in str(error)
        return
    for item in found:
        assert isinstance(item, Problem) or (
            isinstance(item, Event) and (not valid_events or problems(item) == [])
        ), item


def damaged_json(data: bytes, rng: random.Random) -> bytes:
    """Flipped, deleted and inserted bytes and JSON tokens, or a truncation."""
    changed = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(changed) or 1)
        choice = rng.random()
        if choice < 0.3:
            changed[at : at + 1] = bytes([rng.randrange(256)])
        elif choice < 0.5:
            del changed[at : at + rng.randint(1, 30)]
        elif choice < 0.8:
            changed[at:at] = rng.choice([b"null", b"1", b'"x"', b"[]", b"{}", b"true", b"\xff", b'"\\ud800"'])
        else:
            del changed[at:]
    return bytes(changed)


# (position, what, byte): a byte flipped, 8 bytes deleted or the byte inserted 3 times at the
# position (modulo the length), or the data cut there.
_WHAT = st.sampled_from(["flip", "delete", "insert", "truncate"])
EDITS = st.lists(st.tuples(st.integers(0, 10**6), _WHAT, st.integers(0, 255)), min_size=1, max_size=4)


def edited(data: bytes, edits: list[tuple[int, str, int]]) -> bytes:
    for position, what, byte in edits:
        data = _edit(data, position % len(data), what, byte) or b"x"
    return data


def _edit(data: bytes, position: int, what: str, byte: int) -> bytes:
    if what == "flip":
        return data[:position] + bytes([data[position] ^ (byte or 1)]) + data[position + 1 :]
    if what == "delete":
        return data[:position] + data[position + 8 :]
    if what == "insert":
        return data[:position] + bytes([byte]) * 3 + data[position:]
    return data[:position]


# (what, where as a fraction of the length, noise): a byte flipped by the noise's first, as many
# bytes deleted as the noise is long, the noise inserted, or the data cut there.
SPLICES = st.lists(
    st.tuples(_WHAT, st.floats(0, 1), st.binary(min_size=1, max_size=8)), min_size=1, max_size=4
)


def spliced(data: bytes, splices: list[tuple[str, float, bytes]]) -> bytes:
    changed = bytearray(data)
    for what, where, noise in splices:
        if not changed:
            break
        at = int(where * (len(changed) - 1))
        if what == "flip":
            changed[at] ^= noise[0] or 1
        elif what == "delete":
            del changed[at : at + len(noise)]
        elif what == "insert":
            changed[at:at] = noise
        else:
            del changed[at:]
    return bytes(changed)
