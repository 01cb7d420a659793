"""WhatsApp's "Export chat" .txt as an importer: detection by the first line, then two passes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

from ...domain.events import Event
from ..files import Bundle, SourceError, SourceFile, reading_progress, single_files
from ..importer import ImportOptions, Problem
from .headers import EXAMPLE, is_header_line
from .parser import ChatParser
from .prescan import Survey, survey
from .textstream import text_pieces

# The names WhatsApp gives an export, per locale: the chat's title is the part after the prefix.
_EXPORT_NAME = re.compile(
    r"(?:WhatsApp[ _-]Chat[ _](?:with|mit|-)|Chat[ _]de[ _]WhatsApp[ _]con"
    r"|Conversa[ _](?:do|no)[ _]WhatsApp[ _]com|Discussion[ _]WhatsApp[ _]avec)[ _](?P<title>.+)"
    r"|与(?P<zh_title>.+)的[ _]?WhatsApp[ _]?聊天"
)
_COPY_NUMBER = re.compile(r" ?\(\d+\)$")  # "WhatsApp Chat with Family (1).txt", a second download


class WhatsAppTxtImporter:
    name = "whatsapp_txt"
    title = 'WhatsApp "Export chat" text file (Android or iOS)'

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        return single_files(files, _looks_like_export)

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        for file in bundle.files:
            found = _survey(file)
            group = options.group_name or group_from_file_name(file)
            parser = ChatParser(file.name, group, group, options.zone, found)
            with file.open() as stream:
                yield from parser.events(text_pieces(stream, file.name))


def group_from_file_name(file: SourceFile) -> str:
    """The chat's title as the export's file name gives it: "WhatsApp Chat with Family.txt" and
    "WhatsApp Chat - Family.zip!_chat.txt" are both "Family"; any other file, its name."""
    path = PurePosixPath(file.member) if file.member else PurePosixPath(file.path.name)
    stem = path.stem
    if file.member and stem.lower() in ("_chat", "chat"):
        stem = PurePosixPath(file.path.name).stem
    stem = _COPY_NUMBER.sub("", stem)
    found = _EXPORT_NAME.fullmatch(stem)
    title = (found["title"] or found["zh_title"]) if found else stem
    return title.strip() or stem


def _looks_like_export(file: SourceFile) -> bool:
    first = next((line for line in file.head_text().split("\n") if line.strip()), "")
    return is_header_line(first.rstrip("\r"))


def _survey(file: SourceFile) -> Survey:
    """The survey of the whole file, read without moving the import's progress bar (the bar
    counts the parsing pass)."""
    token = reading_progress.set(None)
    try:
        with file.open() as stream:
            found = survey(stream)
    finally:
        reading_progress.reset(token)
    if not found.has_header:
        lines = file.head_text(4096).splitlines()
        number, first = next(((n, line) for n, line in enumerate(lines, 1) if line.strip()), (1, ""))
        raise SourceError(
            f"{file.name}: line {number}: expected a WhatsApp message header like {EXAMPLE}, "
            f"found {first[:80]!r}; this is not a WhatsApp chat export"
        )
    return found
