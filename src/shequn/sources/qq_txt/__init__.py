"""QQ 消息管理器 text exports."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import QQTextImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [QQTextImporter()]
