"""What every importer is: a named format that finds its exports among files and reads them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Protocol

from ..domain.events import Event
from .files import Bundle, SourceFile


@dataclass(frozen=True)
class ImportOptions:
    zone: tzinfo  # for times the format writes without an offset
    group_name: str | None = None  # names the group where the format does not


@dataclass(frozen=True)
class Problem:
    """A record that cannot be read; the rest of the file still can be."""

    file: str
    line: int | None  # 1-based line, or record number where the format has no lines
    message: str  # what was found and what was expected

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class Importer(Protocol):
    """A chat-export format. `bundles` claims, by content, the files it can read (one export per
    bundle); `read` yields the events of one bundle, and a `Problem` for each record it cannot read.
    A file so damaged that nothing after the damage can be trusted raises `SourceError` instead."""

    name: str  # as given to --format, e.g. "telegram_json"
    title: str  # for people, e.g. "Telegram Desktop export (JSON)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]: ...

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]: ...
