"""The generic CSV / JSON Lines layout, for any source without an importer of its own."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import GenericImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [GenericImporter()]
