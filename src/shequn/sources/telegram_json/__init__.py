"""Telegram Desktop JSON exports (`result.json`): single chats and whole accounts."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import TelegramJsonImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [TelegramJsonImporter()]
