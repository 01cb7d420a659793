"""The generic importer: the documented CSV / JSON Lines layout any other source can write."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...domain.events import Event
from ..files import Bundle, SourceFile, single_files
from ..importer import ImportOptions, Problem
from .csv_records import delimiter_of, read_csv
from .encoding import BOM
from .jsonl_records import read_jsonl
from .values import json_values

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})


class GenericImporter:
    name = "generic"
    title = "Generic CSV or JSON Lines (the layout in docs/formats/generic.md)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        return single_files(files, _is_generic)

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        for file in bundle.files:
            reader = read_jsonl if _is_jsonl(file) else read_csv
            with file.open() as stream:
                yield from reader(stream, file.name, options.zone, options.group_name)


def _is_generic(file: SourceFile) -> bool:
    suffix = file.relative.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _first_line_is_record(file)
    if suffix in CSV_SUFFIXES:
        line = _first_line(file)
        return line is not None and delimiter_of(line) is not None
    return False


def _is_jsonl(file: SourceFile) -> bool:
    """Which layout to read: by the name, or for a file given with --format, by its first byte."""
    suffix = file.relative.suffix.lower()
    if suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
        return suffix in JSONL_SUFFIXES
    return file.head(4096).removeprefix(BOM).lstrip().startswith(b"{")


def _first_line_is_record(file: SourceFile) -> bool:
    line = _first_line(file)
    if line is None:
        return False
    try:
        record = json_values.decode(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "kind" in record and "key" in record


def _first_line(file: SourceFile) -> str | None:
    """The first line that is not blank, from the head of the file."""
    for line in file.head_text().split("\n"):
        if line.strip():
            return line
    return None
