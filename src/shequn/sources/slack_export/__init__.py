"""Slack workspace export, registered as a built-in importer."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import SlackImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [SlackImporter()]
