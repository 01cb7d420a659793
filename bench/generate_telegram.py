"""A large, realistic Telegram Desktop export, written the way Telegram Desktop lays it out.

    python bench/generate_telegram.py OUT.json [MESSAGES] [--account]
    python bench/generate_telegram.py OUT_FOLDER [MESSAGES] --html

JSON: one `result.json` (a single chat, or with `--account` a full-account export holding it).
HTML: `messages.html`, `messages2.html`... of 1,000 messages each, in one folder.

Streams to disk, so a multi-gigabyte file costs no memory. Seeded: the same arguments give the
same bytes. Messages are mostly plain text, with rich text (bold, mentions by id and by @username),
replies, photos, stickers, edits, reactions, and a sprinkling of joins, invites and leaves.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from itertools import islice
from pathlib import Path
from typing import Any

FIRST_UNIXTIME = 1_672_531_200  # 2023-01-01T00:00:00Z
EXPORTER_OFFSET_S = 8 * 3600  # the exporting PC's wall time is UTC+8
PEOPLE = 5_000
WORDS = (
    "hello", "tea", "order", "shipped", "你好", "今天", "发货", "了吗", "谢谢", "🍵", "🎉", "price",
    "discount", "when", "group", "link", "thanks", "great", "好的", "明天", "见", "please", "check",
    "the", "photo", "这个", "多少钱", "ok", "👍", "sure", "没问题", "coupon", "code",
)  # fmt: skip
CHAT_ID = 1_234_567_890


def write_export(path: Path, messages: int, account: bool = False, seed: int = 7) -> None:
    """Write a single-chat export (or, with `account`, a full-account export of that chat)."""
    pad = "   " if account else ""
    with path.open("w", encoding="utf-8") as out:
        out.write(_account_head() if account else "{")
        out.write(
            f'\n{pad} "name": "Tea lovers",\n{pad} "type": "private_supergroup",\n{pad} "id": {CHAT_ID},'
        )
        out.write(f'\n{pad} "messages": [')
        for number, message in enumerate(_messages(messages, random.Random(seed))):
            out.write(("\n" if number == 0 else ",\n") + _layout(message, len(pad) + 2))
        out.write(f"\n{pad} ]\n{pad}}}")
        out.write("\n  ]\n }\n}" if account else "")


def _account_head() -> str:
    return (
        '{\n "about": "Here is the data you requested.",\n "personal_information": {\n  "user_id": 1,\n'
        '  "first_name": "Person",\n  "last_name": "1",\n  "phone_number": "+86 000",\n'
        '  "username": "@person1"\n },\n "chats": {\n  "about": "This page lists all chats.",\n'
        '  "list": [\n   {'
    )


def _layout(message: dict[str, Any], indent: int) -> str:
    """One message in Telegram Desktop's layout: one space per nesting level."""
    text = json.dumps(message, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * indent).join((" " * indent, ""))


def _messages(count: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    moment = FIRST_UNIXTIME
    for message_id in range(1, count + 1):
        moment += rng.randint(0, 40)
        body = _service(rng) if rng.random() < 0.01 else _message(message_id, moment, rng)
        head = {
            "id": message_id,
            "type": body.pop("type"),
            "date": _wall(moment),
            "date_unixtime": str(moment),
        }
        yield head | body | {"text_entities": _entities(body["text"])}


def _wall(unixtime: int) -> str:
    return datetime.fromtimestamp(unixtime + EXPORTER_OFFSET_S, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _person(rng: random.Random) -> tuple[str, str]:
    number = rng.randint(1, PEOPLE)
    return f"Person {number}", f"user{number}"


def _message(message_id: int, moment: int, rng: random.Random) -> dict[str, Any]:
    name, handle = _person(rng)
    body: dict[str, Any] = {"type": "message"}
    if rng.random() < 0.01:
        body |= {"edited": _wall(moment + 60), "edited_unixtime": str(moment + 60)}
    body |= {"from": name, "from_id": handle}
    if message_id > 1 and rng.random() < 0.1:
        body["reply_to_message_id"] = rng.randint(max(1, message_id - 500), message_id - 1)
    roll = rng.random()
    if roll < 0.05:
        body |= {"photo": "photos/photo@01.jpg", "width": 1280, "height": 960}
    elif roll < 0.07:
        body |= {"file": "stickers/s.webp", "media_type": "sticker", "sticker_emoji": "👍"}
    body["text"] = (
        _rich_text(rng) if rng.random() < 0.08 else " ".join(rng.choices(WORDS, k=rng.randint(1, 12)))
    )
    if rng.random() < 0.02:
        other, other_handle = _person(rng)
        recent = [{"from": other, "from_id": other_handle, "date": _wall(moment + 30)}]
        body["reactions"] = [{"type": "emoji", "count": 1, "emoji": "❤", "recent": recent}]
    return body


def _entities(text: str | list[Any]) -> list[dict[str, Any]]:
    """Newer exports repeat the text as a list of typed parts."""
    parts = [text] if isinstance(text, str) else text
    return [{"type": "plain", "text": part} if isinstance(part, str) else part for part in parts if part]


def _rich_text(rng: random.Random) -> list[Any]:
    name, handle = _person(rng)
    return [
        "hi ",
        {"type": "mention_name", "text": name, "user_id": int(handle[4:])},
        ", see ",
        {"type": "bold", "text": "this"},
        " and ",
        {"type": "mention", "text": f"@person{rng.randint(1, PEOPLE)}"},
    ]


def _service(rng: random.Random) -> dict[str, Any]:
    name, handle = _person(rng)
    other, _ = _person(rng)
    action = rng.choice(("join_group_by_link", "invite_members", "remove_members", "join_group_by_request"))
    body: dict[str, Any] = {"type": "service", "actor": name, "actor_id": handle, "action": action}
    if action == "join_group_by_link":
        body["inviter"] = other
    elif action in ("invite_members", "remove_members"):
        body["members"] = [name if rng.random() < 0.3 and action == "remove_members" else other]
    return body | {"text": ""}


def write_html_export(folder: Path, messages: int, seed: int = 7) -> None:
    """The same messages as `write_export`, as HTML pages of 1,000 messages."""
    folder.mkdir(parents=True, exist_ok=True)
    stream = _messages(messages, random.Random(seed))
    for page in range((messages + 999) // 1000):
        name = "messages.html" if page == 0 else f"messages{page + 1}.html"
        with (folder / name).open("w", encoding="utf-8") as out:
            out.write(_HTML_HEAD)
            previous = None
            for message in islice(stream, 1000):
                out.write(_html_message(message, previous))
                previous = message.get("from_id")
            out.write("\n</div>\n</div>\n</div>\n</body>\n</html>\n")


def _div(classes: str, body: str, **attributes: str) -> str:
    extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f'\n<div class="{classes}"{extra}>\n{body}\n</div>\n'


_HTML_HEAD = (
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8"/>\n<title>Exported Data</title>\n</head>\n'
    '<body onload="CheckLocation();">\n<div class="page_wrap">'
    + _div("page_header", _div("content", _div("text bold", "Tea lovers")))
    + '<div class="page_body chat_page">\n<div class="history">\n'
)


def _html_message(message: dict[str, Any], previous: str | None) -> str:
    number = message["id"]
    if message["type"] == "service":
        said = f"{escape(message['actor'])} joined group by request"
        return _div("message service", _div("body details", said), id=f"message{number}")
    joined = message["from_id"] == previous
    wall = datetime.fromisoformat(message["date"])
    text = message["text"]
    if not isinstance(text, str):
        text = "".join(part if isinstance(part, str) else part["text"] for part in text)
    body = _div("pull_right date details", f"{wall:%H:%M}", title=f"{wall:%d.%m.%Y %H:%M:%S} UTC+08:00")
    body += "" if joined else _div("from_name", escape(message["from"]))
    if "reply_to_message_id" in message:
        link = f'<a href="#go_to_message{message["reply_to_message_id"]}">this message</a>'
        body += _div("reply_to details", f"In reply to {link}")
    body += _div("text", escape(text))
    classes = "message default clearfix" + (" joined" if joined else "")
    return _div(classes, _div("body", body), id=f"message{number}")


def main(argv: list[str]) -> None:
    args = [arg for arg in argv if not arg.startswith("--")]
    count = int(args[1]) if len(args) > 1 else 1_000_000
    if "--html" in argv:
        write_html_export(Path(args[0]), count)
    else:
        write_export(Path(args[0]), count, account="--account" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
