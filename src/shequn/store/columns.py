"""Loading a community's event log into numpy columns (`metrics.columns.EventColumns`), fast.

One scan of the events table, in storage order (`+community_id` keeps SQLite off the time index,
which would fetch each row from wherever it lies), kinds coded in SQL, nothing joined: accounts come
back as identity ids, and one small query over `identities` gives the lookup that resolves them to
member ids (`EventColumns.member`). Sorting, where a metric needs it, is cheaper in numpy.

- SQLite: through the ADBC driver, which builds Arrow arrays in C, so no Python object is made per
  value (a Python row costs about a microsecond, which at 46 million events is most of a minute).
- PostgreSQL: a server-side cursor, with four values per row, three integers SQL packs and numpy
  unpacks, and one that is NULL except on the few percent of events that need it:

      time_us * 16 + kind code
      (actor + 1) * 2**32 + (group + 1) * 2**11 + (utc_offset_min + 1024, or 0 for none)
      (target, or for a join its inviter) + 1
      a join's entry channel (its code, else how it happened); an order's amount in fen, as text
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from ..domain.events import Kind
from ..metrics.columns import JOIN, KIND_CODES, NO_OFFSET, EventColumns
from .database import Database, StoreError

BATCH = 100_000
# The commonest kinds first: SQLite tries the WHENs in order.
_BY_FREQUENCY = sorted(Kind, key=lambda kind: (kind is not Kind.MESSAGE, kind is not Kind.REACTION))
_KIND_CASE = "CASE kind " + " ".join(f"WHEN '{k.value}' THEN {KIND_CODES[k]}" for k in _BY_FREQUENCY) + " END"
_EVENTS = f"""
SELECT time_us * 16 + {_KIND_CASE},
       (COALESCE(actor_id, -1) + 1) * 4294967296 + (COALESCE(group_id, -1) + 1) * 2048
           + COALESCE(utc_offset_min + 1024, 0),
       COALESCE(CASE WHEN kind = 'join' THEN inviter_id ELSE target_id END, -1) + 1,
       CASE WHEN kind = 'join' THEN COALESCE(code, via, '')
            WHEN kind IN ('order_placed', 'order_paid', 'order_refunded') THEN CAST(amount_fen AS TEXT) END
FROM events WHERE +community_id = ?
"""
# `+community_id`: read the table in storage order. Without the plus, SQLite walks the
# (community_id, time_us) index and fetches each row from wherever it lies: random reads of the
# whole table, many times slower on a log larger than memory.

_ARROW_EVENTS = f"""
SELECT time_us, {_KIND_CASE} AS kind, COALESCE(group_id, -1) AS "group", COALESCE(actor_id, -1) AS actor,
       COALESCE(target_id, -1) AS target, COALESCE(inviter_id, -1) AS inviter,
       COALESCE(utc_offset_min, {NO_OFFSET}) AS utc_offset_min, COALESCE(amount_fen, 0) AS amount_fen,
       CASE WHEN kind = 'join' THEN COALESCE(code, via, '') ELSE '' END AS channel
FROM events WHERE +community_id = ?
"""
# Packing needs identity ids below 2**31 and group ids below 2**21.
_MOST_IDENTITIES, _MOST_GROUPS = 2**31 - 2, 2**21 - 2
_FIELDS = (
    "time_us",
    "kind",
    "group",
    "actor",
    "target",
    "inviter",
    "utc_offset_min",
    "amount_fen",
    "channel",
)


def load_columns(
    db: Database, community_id: int, on_batch: Callable[[int], None] | None = None
) -> EventColumns:
    """Every event of the community as columns; `on_batch` hears how many rows each part held."""
    _check_packable(db)
    if db.dialect.name == "sqlite":
        merged, channels = _load_sqlite_arrow(_sqlite_path(db.url), community_id)
        if on_batch:
            on_batch(len(merged["time_us"]))
    else:
        merged, channels = _load_rows(db, community_id, on_batch)
    return EventColumns(
        time_us=merged["time_us"], kind=merged["kind"].astype(np.int8), group=merged["group"],
        actor=merged["actor"], target=merged["target"], inviter=merged["inviter"],
        utc_offset_min=merged["utc_offset_min"].astype(np.int16), amount_fen=merged["amount_fen"],
        channel=merged["channel"], channels=channels, member_of=member_lookup(db, community_id),
    )  # fmt: skip


def _load_rows(
    db: Database, community_id: int, on_batch: Callable[[int], None] | None
) -> tuple[dict[str, np.ndarray], tuple[str, ...]]:
    channels: dict[str, int] = {}
    batches: list[dict[str, np.ndarray]] = []
    cursor = db.dialect.streaming_cursor(db.connection)
    try:
        cursor.execute(db.dialect.sql(_EVENTS), (community_id,))
        while rows := cursor.fetchmany(BATCH):
            batches.append(_unpack(rows, channels))
            if on_batch:
                on_batch(len(rows))
    finally:
        cursor.close()
    columns = {
        name: np.concatenate([batch[name] for batch in batches]) if batches else np.zeros(0, np.int64)
        for name in _FIELDS
    }
    return columns, tuple(channels)


def _load_sqlite_arrow(path: str, community_id: int) -> tuple[dict[str, np.ndarray], tuple[str, ...]]:
    """The same columns through SQLite's ADBC driver, which hands back Arrow arrays built in C: no
    Python object per value.

    The driver carries its own copy of SQLite, and two copies of SQLite in one process corrupt each
    other's locks (closing one's file releases the other's; the last to close deletes the WAL from
    under the other). So it runs in a forked child, a process of its own as SQLite expects, which
    leaves the columns in .npy files for this process to read back."""
    with tempfile.TemporaryDirectory() as folder:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            channels = pool.submit(_read_with_adbc, path, community_id, folder).result()
        columns = {name: np.load(os.path.join(folder, f"{name}.npy")) for name in _FIELDS}
    return columns, channels


def _read_with_adbc(path: str, community_id: int, folder: str) -> tuple[str, ...]:
    """In the child: read, convert, save each column to `folder`; return the channel names. Every
    column is non-null, so the driver's type guess from the first rows holds for all of them."""
    import adbc_driver_sqlite.dbapi as adbc
    import pyarrow.compute as pc

    with adbc.connect(path) as connection, connection.cursor() as cursor:
        cursor.execute(_ARROW_EVENTS, (community_id,))
        table = cursor.fetch_arrow_table()
    columns = {name: table.column(name).to_numpy() for name in _FIELDS if name != "channel"}
    joins = columns["kind"] == JOIN
    encoded = pc.dictionary_encode(table.column("channel")).combine_chunks()
    del table
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    used = np.unique(codes[joins])
    renumber = np.full(len(encoded.dictionary) + 1, -1, dtype=np.int64)
    renumber[used] = np.arange(len(used))
    columns["channel"] = np.where(joins, renumber[codes], -1)
    for name, values in columns.items():
        np.save(os.path.join(folder, f"{name}.npy"), values)
    names = encoded.dictionary.to_pylist()
    return tuple(str(names[code]) for code in used)


def _sqlite_path(url: str) -> str:
    return url[len("sqlite:///") :] if url.startswith("sqlite:///") else url


def _unpack(rows: list[tuple[object, ...]], channels: dict[str, int]) -> dict[str, np.ndarray]:
    packed_time, packed_actor, packed_other, extras = zip(*rows, strict=True)
    count = len(rows)
    first, second, third = (
        np.fromiter(values, np.int64, count) for values in (packed_time, packed_actor, packed_other)
    )
    kind = first & 15
    offset = second & 2047
    joins = kind == JOIN
    amount = np.zeros(count, dtype=np.int64)
    channel = np.full(count, -1, dtype=np.int64)
    for position in np.flatnonzero(np.isin(kind, _ORDER_CODES)).tolist():
        amount[position] = int(str(extras[position]))
    for position in np.flatnonzero(joins).tolist():
        channel[position] = channels.setdefault(str(extras[position]), len(channels))
    return {
        "time_us": first >> 4,
        "kind": kind,
        "group": ((second >> 11) & (2**21 - 1)) - 1,
        "actor": (second >> 32) - 1,
        "target": np.where(joins, -1, third - 1),
        "inviter": np.where(joins, third - 1, -1),
        "utc_offset_min": np.where(offset == 0, NO_OFFSET, offset - 1024),
        "amount_fen": amount,
        "channel": channel,
    }


_ORDER_CODES = [KIND_CODES[kind] for kind in (Kind.ORDER_PLACED, Kind.ORDER_PAID, Kind.ORDER_REFUNDED)]


def _check_packable(db: Database) -> None:
    identities = db.scalar("SELECT MAX(id) FROM identities") or 0
    groups = db.scalar("SELECT MAX(id) FROM groups") or 0
    if identities > _MOST_IDENTITIES or groups > _MOST_GROUPS:
        raise StoreError(
            f"analytics load at most {_MOST_IDENTITIES:,} accounts and {_MOST_GROUPS:,} groups "
            f"(this database has ids up to {identities:,} and {groups:,})"
        )


def member_lookup(db: Database, community_id: int) -> np.ndarray:
    """identity id -> member id, -1 for bots, system accounts and ids of no identity."""
    rows = db.fetchall(
        "SELECT id, member_id, CASE WHEN kind = 'person' THEN 1 ELSE 0 END FROM identities "
        "WHERE community_id = ?",
        (community_id,),
    )
    lookup = np.full(max((int(row[0]) for row in rows), default=0) + 1, -1, dtype=np.int64)
    for identity, member, person in rows:
        if person:
            lookup[identity] = member
    return lookup
