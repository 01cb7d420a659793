"""CSV exports read row by row, with the line each row starts on and rows that cannot be read
reported rather than fatal."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from ..files import SourceError, SourceFile
from ..textfile import open_text, replacements_so_far


def csv_rows(file: SourceFile) -> Iterator[tuple[int, list[str] | None]]:
    """(first line, fields) for the header and each row; fields is None for a row holding bytes
    that are not text in the file's encoding. A CSV whose quoting breaks (a quote that never
    closes swallows everything after it) cannot be trusted past that point: SourceError."""
    stream, _ = open_text(file)
    with stream:
        reader = csv.reader(stream)
        start, line = replacements_so_far(), 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise SourceError(f"{file.name}: line {line}: {error}; expected CSV rows") from None
            damaged = (replacements_so_far() > start and any("\ufffd" in field for field in row)) or any(
                "\x00" in field for field in row
            )
            yield line, None if damaged else row
            line = reader.line_num + 1
