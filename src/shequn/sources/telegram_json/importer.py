"""Telegram Desktop "Export chat history" in JSON: one `result.json` per export."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...domain.events import Event
from ..files import Bundle, SourceFile, single_files
from ..importer import ImportOptions, Problem
from .parser import read_export

# A single chat: a "messages" array whose items carry Telegram's own keys.
_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_TELEGRAM_MESSAGE = re.compile(
    r'"type"\s*:\s*"(?:message|service|unsupported)"|"date_unixtime"\s*:|"from_id"\s*:'
)
_CHAT_TYPE = re.compile(
    r'"type"\s*:\s*"(?:saved_messages|replies|personal_chat|bot_chat|\w+_group|\w+_supergroup|\w+_channel)"'
)
# A full-account export: the lists of chats, or the account's own details that precede them.
_ACCOUNT = re.compile(
    r'"(?:left_)?chats"\s*:\s*\{\s*"(?:about|list)"|"personal_information"\s*:\s*\{\s*"user_id"'
)


class TelegramJsonImporter:
    name = "telegram_json"
    title = "Telegram Desktop export (JSON)"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        return single_files(files, looks_like_export)

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        for file in bundle.files:
            yield from read_export(file, options)


def looks_like_export(file: SourceFile) -> bool:
    head = file.head_text().lstrip()
    if not head.startswith("{"):
        return False
    if _ACCOUNT.search(head):
        return True
    opened = _MESSAGES.search(head)
    if opened is None:
        return False
    return bool(_TELEGRAM_MESSAGE.search(head, opened.end()) or _CHAT_TYPE.search(head, 0, opened.start()))
