"""The text of CSV files as people's tools save them: UTF-8 (with or without a BOM) or GB18030.

Excel in a Chinese locale saves "CSV" in the system code page, GBK, of which GB18030 is a superset.
The file says nothing about which it is, so the first line that is not plain ASCII decides: UTF-8 if
it reads as UTF-8 (GBK text almost never does), else GB18030. The lines before it are ASCII, which
both encodings read alike, so nothing read before the decision is read wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from ..files import SourceError

BOM = b"\xef\xbb\xbf"


def decoded_lines(stream: IO[bytes], file_name: str) -> Iterator[str]:
    """Each line of the file as text, line ending kept (the csv module needs it)."""
    numbered = enumerate(stream, 1)
    encoding, number = "ascii", 0
    try:
        for number, raw in numbered:
            if number == 1 and raw.startswith(BOM):
                encoding, raw = "utf-8", raw[len(BOM) :]
            elif not raw.isascii():
                encoding = encoding_of(raw)
            yield raw.decode(encoding)
            if encoding != "ascii":
                break
        for number, raw in numbered:  # noqa: B007 - the error below names the line
            yield raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{file_name}: line {number}: expected {encoding.upper()} text (the encoding the file's first "
            f"lines are in), found bytes that are not (at byte {error.start + 1}: {error.reason}); "
            "save the whole file as UTF-8"
        ) from None


def encoding_of(line: bytes) -> str:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"
