"""WeChat exports: WeChatMsg / 留痕 CSV and TXT, PyWxDump CSV."""

from __future__ import annotations

from ...plugins import hookimpl
from ..importer import Importer
from .importer import WeChatImporter


@hookimpl
def shequn_importers() -> list[Importer]:
    return [WeChatImporter()]
