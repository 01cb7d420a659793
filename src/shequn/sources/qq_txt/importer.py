"""QQ 消息管理器 → 导出 → 文本文件(*.txt): detection by content, and reading."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...domain.events import Event
from ..files import Bundle, SourceFile, single_files
from ..importer import ImportOptions, Problem
from ..textfile import head_text
from .headers import parse_header
from .parser import read_qq_text

_FILE_HEADER = "消息记录（此消息记录为文本格式"


class QQTextImporter:
    name = "qq_txt"
    title = "QQ 消息管理器 text export (.txt)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        return single_files(files, _looks_like_qq)

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        for file in bundle.files:
            yield from read_qq_text(file, options)


def _looks_like_qq(file: SourceFile) -> bool:
    head = head_text(file, 8 * 1024)
    if _FILE_HEADER in head or ("\n消息分组:" in head and "\n消息对象:" in head):
        return True
    # Without the file header, the first line must be a header naming a QQ number or e-mail
    # address: WeChat's TXT headers look the same but never carry an id.
    header = parse_header(head.lstrip().partition("\n")[0].rstrip("\r"))
    return header is not None and header.account.id is not None
