"""Telegram Desktop "Export chat history" in HTML: `messages.html`, `messages2.html`... in one folder."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

from ...domain.events import Event
from ..files import Bundle, SourceFile
from ..importer import ImportOptions, Problem
from .parser import read_pages

_PAGE_NUMBER = re.compile(r"messages(\d*)\.html?$", re.IGNORECASE)


class TelegramHtmlImporter:
    name = "telegram_html"
    title = "Telegram Desktop export (HTML)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        """One bundle per folder of chat pages, its pages in reading order."""
        folders: dict[tuple[str, str], list[SourceFile]] = {}
        for file in files:
            if looks_like_page(file):
                folders.setdefault(_folder(file), []).append(file)
        return [Bundle(tuple(sorted(pages, key=_page_order)), _label(pages)) for pages in folders.values()]

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        yield from read_pages(bundle.files, options)


def looks_like_page(file: SourceFile) -> bool:
    head = file.head_text()
    return 'class="page_header"' in head and "chat_page" in head and 'class="history"' in head


def _folder(file: SourceFile) -> tuple[str, str]:
    if file.member is not None:
        return str(file.path), str(PurePosixPath(file.member).parent)
    return str(file.path.parent), ""


def _page_order(file: SourceFile) -> tuple[int, str]:
    """messages.html is page 1, messagesN.html page N; anything else after them, by name."""
    name = file.relative.name
    found = _PAGE_NUMBER.fullmatch(name)
    if found is None:
        return (1 << 30, name)
    return (int(found[1] or 1), name)


def _label(pages: list[SourceFile]) -> str:
    first = min(pages, key=_page_order)
    return first.name if len(pages) == 1 else f"{first.name} (+{len(pages) - 1} pages)"
