"""Telegram Desktop HTML exports: the paginated `messages*.html` of one chat."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import TelegramHtmlImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [TelegramHtmlImporter()]
