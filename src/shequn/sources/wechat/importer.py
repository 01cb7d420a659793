"""WeChat exports from WeChatMsg / 留痕 (CSV, TXT) and PyWxDump (CSV): detection and reading."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from enum import Enum

from ...domain.events import Event
from ..files import Bundle, SourceError, SourceFile
from ..importer import ImportOptions, Problem
from ..localtime import LocalClock
from ..textfile import head_text
from . import memotrace_csv, memotrace_txt, pywxdump_csv
from .parser import WeChatAssembler
from .records import Record

USERS_FILE = "users.json"
_PAGE = re.compile(r"(?P<chat>.+)_(?P<start>\d+)_(?P<end>\d+)\.csv", re.I)


class Layout(Enum):
    MEMOTRACE_CSV = "WeChatMsg CSV"
    MEMOTRACE_TXT = "WeChatMsg TXT"
    PYWXDUMP_CSV = "PyWxDump CSV"


def layout_of(file: SourceFile) -> Layout | None:
    head = head_text(file, 4096)
    first = head.partition("\n")[0].rstrip("\r")
    if first.startswith(",".join(memotrace_csv.COLUMNS[:6])):
        return Layout.MEMOTRACE_CSV
    if first.startswith(",".join(pywxdump_csv.COLUMNS) + ","):
        return Layout.PYWXDUMP_CSV
    first_text = next((line.rstrip("\r") for line in head.splitlines() if line.strip()), "")
    return Layout.MEMOTRACE_TXT if memotrace_txt.HEADER.fullmatch(first_text) else None


class WeChatImporter:
    name = "wechat"
    title = "WeChat: WeChatMsg/留痕 CSV or TXT, PyWxDump CSV"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        """One bundle per WeChatMsg file; one per PyWxDump chat (its pages and the users.json
        beside them), since a name in a notice may be spoken on another page."""
        found: list[Bundle] = []
        pages: dict[tuple[str, str], list[tuple[int, SourceFile]]] = {}
        users: dict[str, SourceFile] = {}
        for file in files:
            if file.relative.name == USERS_FILE:
                users[_folder(file)] = file
                continue
            layout = layout_of(file)
            if layout is Layout.PYWXDUMP_CSV:
                page = _PAGE.fullmatch(file.relative.name)
                chat, start = (
                    (page.group("chat"), int(page.group("start"))) if page else (file.relative.stem, 0)
                )
                pages.setdefault((_folder(file), chat), []).append((start, file))
            elif layout is not None:
                found.append(Bundle((file,)))
        for (folder, _), numbered in pages.items():
            chat_files = [file for _, file in sorted(numbered, key=lambda page: (page[0], page[1].name))]
            extra = [users[folder]] if folder in users else []
            found.append(Bundle(tuple(chat_files + extra)))
        return found

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        directory = yield from _directory(bundle)
        chats = [file for file in bundle.files if file.relative.name != USERS_FILE]
        if not chats:
            raise SourceError(
                f"{bundle.name}: users.json alone holds no messages; import the CSV files beside it"
            )
        first = layout_of(chats[0])
        # PyWxDump names the chat by its id; its title, if anywhere, is in users.json
        title = None if first is Layout.PYWXDUMP_CSV else _stem(chats[0], first)
        assembler = WeChatAssembler(options.group_name or title, directory)
        clock = LocalClock(options.zone)
        for file in chats:
            yield from assembler.feed(_records(file, layout_of(file), options, clock, directory))
        yield from assembler.finish()


def _directory(bundle: Bundle) -> Generator[Problem, None, pywxdump_csv.Directory]:
    """PyWxDump's users.json from the bundle, if it holds one that can be read."""
    for file in bundle.files:
        if file.relative.name == USERS_FILE:
            loaded = pywxdump_csv.load_directory(file)
            if isinstance(loaded, Problem):
                yield loaded
            else:
                return loaded
    return pywxdump_csv.Directory()


def _records(
    file: SourceFile,
    layout: Layout | None,
    options: ImportOptions,
    clock: LocalClock,
    directory: pywxdump_csv.Directory,
) -> Iterator[Record | Problem]:
    group = options.group_name or _stem(file, layout)
    if layout is Layout.MEMOTRACE_CSV:
        return memotrace_csv.MemoTraceCsv(file, group, clock).records()
    if layout is Layout.MEMOTRACE_TXT:
        return memotrace_txt.MemoTraceTxt(file, group, clock).records()
    if layout is Layout.PYWXDUMP_CSV:
        return pywxdump_csv.PyWxDumpCsv(file, group, clock, directory).records()
    raise SourceError(
        f"{file.name}: line 1: not a WeChat export; expected a CSV header "
        f"'{','.join(memotrace_csv.COLUMNS)},…' (WeChatMsg) or "
        f"'{','.join(pywxdump_csv.COLUMNS)},msg,src,CreateTime' (PyWxDump), "
        "or a TXT line like '2023-05-01 12:00:00 Name' (WeChatMsg)"
    )


def _stem(file: SourceFile, layout: Layout | None) -> str:
    """The chat's name from its file: WeChatMsg names files `{remark}_utf8.csv` and `{remark}.txt`."""
    name = file.relative.name
    if layout is Layout.PYWXDUMP_CSV and (page := _PAGE.fullmatch(name)):
        return page.group("chat")
    stem = file.relative.stem
    return stem[: -len("_utf8")] if stem.endswith("_utf8") else stem


def _folder(file: SourceFile) -> str:
    return f"{file.path}!{file.relative.parent}" if file.member else str(file.path.parent)
