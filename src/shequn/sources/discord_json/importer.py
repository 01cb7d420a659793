"""DiscordChatExporter's JSON export: one channel, thread or DM per file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...domain.events import Event
from ..files import Bundle, SourceFile, single_files
from ..importer import ImportOptions, Problem
from .parser import read_export

# DCE writes the guild first and the channel right after it; nothing else starts that way.
_DCE_START = re.compile(r'\A\s*\{\s*"guild"\s*:\s*\{')


def looks_like_export(file: SourceFile) -> bool:
    head = file.head_text()
    return bool(_DCE_START.match(head)) and '"channel"' in head


class DiscordImporter:
    name = "discord_json"
    title = "DiscordChatExporter (JSON)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        return single_files(files, looks_like_export)

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        for file in bundle.files:
            yield from read_export(file, options.zone)
