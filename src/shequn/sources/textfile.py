"""Reading exported text whose encoding the exporter did not declare: sniffed from the first bytes.

Chinese chat tools write UTF-8 (with or without a BOM), UTF-16 (Windows "Unicode"), or, on older
Windows machines, the ANSI code page GB18030. The choice is made once, from the head of the file.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import IO

from .files import SourceFile

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Decoding errors are replaced by U+FFFD and counted, so a reader of a stream decoded ahead of the
# record being parsed (csv over a TextIOWrapper) can tell that some record it is about to read
# holds a replacement, and report that record instead of failing the whole file.
REPLACE_AND_COUNT = "shequn-replace-and-count"
_replacements = [0]


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    _replacements[0] += 1
    return "\ufffd", error.end  # type: ignore[attr-defined]


codecs.register_error(REPLACE_AND_COUNT, _replace_and_count)


def replacements_so_far() -> int:
    """How many undecodable byte runs every stream opened with REPLACE_AND_COUNT has met so far."""
    return _replacements[0]


def sniff_encoding(head: bytes) -> str:
    """The encoding of a text export, judged from its first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    sample = head[:4096]
    if sample and sample.count(0) * 4 >= len(sample):  # ASCII in UTF-16 without a BOM
        return "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3 and _more_damage_than_text(head[:-4]):
            return "gb18030"
    return "utf-8"


def _more_damage_than_text(head: bytes) -> bool:
    """Read as UTF-8, GB18030 text is damage nearly every Chinese character, while a UTF-8 file
    with a damaged byte or two is still mostly good characters."""
    text = head.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - damaged
    return damaged > wide


def head_text(file: SourceFile, size: int = 16 * 1024) -> str:
    """The first characters of a file, in its sniffed encoding, for detecting its format."""
    head = file.head(size)
    return head.decode(sniff_encoding(head), errors="replace").lstrip("\ufeff")


def open_text(file: SourceFile, newline: str | None = "") -> tuple[IO[str], str]:
    """The whole file as text in its sniffed encoding (undecodable bytes become U+FFFD, counted)."""
    encoding = sniff_encoding(file.head(64 * 1024))
    stream = io.TextIOWrapper(file.open(), encoding=encoding, errors=REPLACE_AND_COUNT, newline=newline)
    return stream, encoding


def line_batches(file: SourceFile) -> Iterator[tuple[int, list[str | None]]]:
    """The file's lines in batches: (number of the batch's first line, its lines without their
    line ends). A line whose bytes are not in the file's encoding, or that holds a NUL character
    (which is no text and which no database stores), is None. Only LF ends a line; a
    CR before it is dropped.

    Large chunks are decoded and split in one call each, so a line costs no Python-level work here;
    only a chunk that fails to decode is taken apart line by line to find the damaged lines.
    """
    encoding = sniff_encoding(file.head(64 * 1024))
    if encoding.startswith("utf-16"):
        yield from _utf16_batches(file)
        return
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    number, rest = 1, b""
    with file.open() as stream:
        while chunk := stream.read(_CHUNK):
            chunk, rest = _whole_lines(rest + chunk)
            if chunk:
                lines = _decoded(chunk, codec, strip_bom=number == 1)
                yield number, lines
                number += len(lines)
        if rest:
            yield number, _decoded(rest + b"\n", codec, strip_bom=number == 1)


UNREADABLE_LINE = "bytes that are not text in the file's encoding, or a NUL character"
_CHUNK = 1 << 20
_LONGEST_LINE = 16 << 20  # no chat line is this long; beyond it a file without line ends is cut


def _whole_lines(data: bytes) -> tuple[bytes, bytes]:
    end = data.rfind(b"\n") + 1
    if end == 0 and len(data) > _LONGEST_LINE:
        return data + b"\n", b""
    return data[:end], data[end:]


def _decoded(chunk: bytes, codec: str, strip_bom: bool) -> list[str | None]:
    """The lines of a chunk that ends with LF."""
    if strip_bom and chunk.startswith(codecs.BOM_UTF8):
        chunk = chunk[len(codecs.BOM_UTF8) :]
    try:
        text = chunk.decode(codec)
    except UnicodeDecodeError:
        return [_line_or_none(raw, codec) for raw in chunk.split(b"\n")[:-1]]
    lines: list[str | None] = list(text.replace("\r\n", "\n").split("\n"))
    lines.pop()  # the empty string after the final LF
    if "\x00" in text:
        lines = [None if line is not None and "\x00" in line else line for line in lines]
    return lines


def _line_or_none(raw: bytes, codec: str) -> str | None:
    try:
        line = raw.decode(codec).removesuffix("\r")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in line else line


def _utf16_batches(file: SourceFile) -> Iterator[tuple[int, list[str | None]]]:
    """UTF-16 cannot be split into lines as bytes; a line holding U+FFFD is reported as undecodable
    once the decoder has replaced something in this file."""
    start = replacements_so_far()
    stream, _ = open_text(file, newline="\n")
    number = 1
    with stream:
        while lines := stream.readlines(_CHUNK):
            damaged = replacements_so_far() > start
            batch = [_utf16_line(line, damaged) for line in lines]
            yield number, batch
            number += len(batch)


def _utf16_line(line: str, damaged: bool) -> str | None:
    line = line.rstrip("\r\n").lstrip("\ufeff")
    return None if (damaged and "\ufffd" in line) or "\x00" in line else line
