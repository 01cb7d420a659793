"""Matrix room events, registered as a built-in importer."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import MatrixImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [MatrixImporter()]
