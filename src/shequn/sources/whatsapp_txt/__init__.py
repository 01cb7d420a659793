"""WhatsApp "Export chat" text files (Android and iOS, every locale layout shequn knows)."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import WhatsAppTxtImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [WhatsAppTxtImporter()]
