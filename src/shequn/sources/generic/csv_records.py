"""The CSV layout: a header row naming the columns, then one record per row, streamed."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import tzinfo
from itertools import chain
from typing import IO, TYPE_CHECKING

from ...domain.events import Event
from ..files import SourceError
from ..importer import Problem
from .encoding import decoded_lines
from .parser import REQUIRED_FIELDS, RecordError, event_from, problem_at, unknown_fields

if TYPE_CHECKING:
    from _csv import Reader

# Excel writes ',' or, where the decimal mark is a comma, ';'; "Text (Tab delimited)" writes tabs.
DELIMITERS = (",", "\t", ";")


def delimiter_of(header: str) -> str | None:
    """The delimiter with which a line reads as a header naming the key and kind columns, if any."""
    for delimiter in DELIMITERS:
        try:
            names = {cell.strip().lower() for cell in next(csv.reader([header], delimiter=delimiter))}
        except (csv.Error, StopIteration):
            continue
        if {"key", "kind"} <= names:
            return delimiter
    return None


def read_csv(
    stream: IO[bytes], file_name: str, zone: tzinfo, default_group: str | None
) -> Iterator[Event | Problem]:
    lines = decoded_lines(stream, file_name)
    blank = 0
    for header in lines:
        if header.strip():
            break
        blank += 1
    else:
        raise SourceError(
            f"{file_name}: the file is empty; expected a header row naming the columns ({_EXAMPLE})"
        )
    delimiter = delimiter_of(header) or ","
    reader = csv.reader(chain([header], lines), delimiter=delimiter, strict=True)
    columns = _columns(_next_row(reader, file_name, blank + 1) or [], f"{file_name}: line {blank + 1}")
    yield from _records(reader, columns, file_name, blank, zone, default_group)


_EXAMPLE = "e.g. key,kind,platform,group,time,actor_id,actor_name,text"


def _columns(cells: list[str], place: str) -> list[str]:
    """The header's column names, lower-cased; '' for a column with no name (Excel leaves those)."""
    names = [cell.strip().lower() for cell in cells]
    named = [name for name in names if name]
    complaint = unknown_fields(named, "column")
    if complaint:
        raise SourceError(f"{place}: {complaint}")
    doubled = sorted({name for name in named if named.count(name) > 1})
    if doubled:
        raise SourceError(f"{place}: the column {doubled[0]!r} appears twice in the header")
    missing = [name for name in REQUIRED_FIELDS if name not in named]
    if "time" not in named and "time_unix" not in named:
        missing.append("time (or time_unix)")
    if missing:
        raise SourceError(
            f"{place}: the header has no column {', '.join(missing)}; expected a header like {_EXAMPLE}"
        )
    return names


def _records(
    reader: Reader, columns: list[str], file_name: str, blank: int, zone: tzinfo, group: str | None
) -> Iterator[Event | Problem]:
    width = len(columns)
    while True:
        line = reader.line_num + blank + 1
        row = _next_row(reader, file_name, line)
        if row is None:
            return
        record = {name: cell for name, cell in zip(columns, row, strict=False) if cell}
        if not record:
            continue  # a blank line, or a row of empty cells
        if len(row) != width:
            yield Problem(file_name, line, f"{len(row)} cells, but the header names {width} columns")
        elif "" in record:
            yield Problem(file_name, line, f"{record['']!r} is under a column the header does not name")
        else:
            try:
                yield event_from(record, zone, group)
            except RecordError as error:
                yield problem_at(file_name, line, error)


def _next_row(reader: Reader, file_name: str, line: int) -> list[str] | None:
    """The next row, None at the end; broken quoting stops the file, as row boundaries are lost."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        raise SourceError(
            f"{file_name}: line {line}: broken CSV ({error}); expected cells separated as in the header, "
            'each quoted with " if it holds one; nothing after this can be trusted'
        ) from None
