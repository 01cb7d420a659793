"""Matrix room events: Element's "Export chat" JSON, or raw /messages, /context and /state responses."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...domain.events import Event
from ..files import Bundle, SourceFile, single_files
from ..importer import ImportOptions, Problem
from .parser import read_export, shape
from .room import BadRecord, RoomReader


def looks_like_events(file: SourceFile) -> bool:
    return shape(file.head_text()) is not None


class MatrixImporter:
    name = "matrix_events"
    title = "Matrix room events (Element export or server responses)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        return single_files(files, looks_like_events)

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        for file in bundle.files:
            yield from _read_file(file, options)


def _read_file(file: SourceFile, options: ImportOptions) -> Iterator[Event | Problem]:
    export, items = read_export(file)
    room_name = export.room_name or options.group_name
    reader = RoomReader(options.zone, room_name, room=options.group_name or export.room_name)
    if export.whole_page:
        page = list(items)
        reader.read_ahead(raw for _, raw in page)
        items = iter(page)
    for number, raw in items:
        try:
            yield from reader.events(raw)
        except BadRecord as bad:
            yield Problem(file.name, number, f"event {number}: {bad}")
