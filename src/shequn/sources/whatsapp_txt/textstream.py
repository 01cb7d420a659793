"""An export's bytes as large pieces of text: UTF-8 with or without a BOM, any line ending.

Large pieces, not lines, because the parser runs one compiled regex over each piece: a Python loop
per line would cost more than everything else the parser does.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import IO

from ..importer import Problem

PIECE_BYTES = 1 << 20
_utf8 = codecs.getincrementaldecoder("utf-8")


def text_pieces(stream: IO[bytes], file_name: str) -> Iterator[str | Problem]:
    """Decoded text in order, with `\\r\\n` and lone `\\r` line ends read as `\\n`. Bytes that are
    not UTF-8, and NUL characters, become U+FFFD after a `Problem` naming the line of the first in
    a piece."""
    decoder = _utf8()
    lines_before, held_cr, first = 0, "", True
    while True:
        raw = stream.read(PIECE_BYTES)
        final = not raw
        text, bad_at = _decode(decoder, raw, final)
        if bad_at is not None:
            line = lines_before + raw[:bad_at].count(b"\n") + 1
            found = raw[bad_at : bad_at + 4]
            yield Problem(
                file_name,
                line,
                f"found bytes that are not UTF-8 ({found!r}); a WhatsApp export is UTF-8 text",
            )
        if first:
            text, first = text.removeprefix("\ufeff"), False
        text, held_cr = held_cr + text, ""
        if text.endswith("\r") and not final:
            text, held_cr = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\x00" in text:  # damage: no text has NUL characters, and no database stores them
            line = lines_before + text.count("\n", 0, text.index("\x00")) + 1
            yield Problem(file_name, line, "found a NUL character (U+0000); a WhatsApp export is text")
            text = text.replace("\x00", "\ufffd")
        lines_before += text.count("\n")
        if text:
            yield text
        if final:
            return


def _decode(decoder: codecs.IncrementalDecoder, raw: bytes, final: bool) -> tuple[str, int | None]:
    """The text of `raw`, and where in it the first undecodable bytes were (None if there were
    none). The decoder keeps an incomplete character at the end for the next call either way."""
    pending = decoder.getstate()
    try:
        return decoder.decode(raw, final), None
    except UnicodeDecodeError as error:
        lenient = _utf8(errors="replace")
        lenient.setstate(pending)
        text = lenient.decode(raw, final)
        decoder.setstate(lenient.getstate())
        return text, max(0, error.start - len(pending[0]))
