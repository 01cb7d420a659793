"""Known networks rendered as real chat exports, for the leader and circle tests.

`telegram_export` writes a graph as the `result.json` Telegram Desktop writes for one supergroup
(docs/formats/telegram_json.md): every vertex a user who says hello, every edge a conversation whose
weight is its number of exchanges. In an exchange one member posts, the other replies to it
(`reply_to_message_id`), and the first answers back: by replying in even exchanges and, in odd ones, by
a message that @mentions the other (a `mention_name` text entity with their user id). So each
exchange is one interaction each way, half of the answers through each layer shequn reads.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx

FIRST_UNIXTIME = 1_714_525_200  # 2024-05-01T01:00:00Z
EXPORTER_OFFSET_S = 8 * 3600  # the exporting PC's clock is at UTC+8
STEP_S = 5  # seconds between messages
CHAT_ID = 1_500_000_777
FIRST_USER = 5_000_001


def user_ids(graph: nx.Graph) -> dict[Hashable, int]:
    """Each vertex's Telegram user id, in the order of the sorted vertex names."""
    return {node: FIRST_USER + i for i, node in enumerate(sorted(graph.nodes(), key=str))}


def display_name(node: Hashable) -> str:
    return f"node {node}" if isinstance(node, int) else str(node)


def telegram_export(graph: nx.Graph, path: Path, title: str = "Known network") -> Path:
    """Write `graph` as a Telegram Desktop single-chat export at `path`; returns the path."""
    messages = list(_messages(graph, user_ids(graph)))
    head = {"name": title, "type": "private_supergroup", "id": CHAT_ID}
    body = ",\n".join(_layout(message) for message in messages)
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without the closing brace
    path.write_text(f'{text},\n "messages": [\n{body}\n ]\n}}\n', encoding="utf-8")
    return path


def _layout(message: dict[str, Any]) -> str:
    """One message as Telegram Desktop indents it: one space per level, items at two."""
    text = json.dumps(message, ensure_ascii=False, indent=1)
    return "  " + text.replace("\n", "\n  ")


def _messages(graph: nx.Graph, ids: dict[Hashable, int]) -> Iterator[dict[str, Any]]:
    number = 0

    def said(node: Hashable, text: str | list[Any], reply_to: int | None = None) -> dict[str, Any]:
        nonlocal number
        number += 1
        moment = FIRST_UNIXTIME + number * STEP_S
        message: dict[str, Any] = {
            "id": number,
            "type": "message",
            "date": _wall(moment),
            "date_unixtime": str(moment),
            "from": display_name(node),
            "from_id": f"user{ids[node]}",
        }
        if reply_to is not None:
            message["reply_to_message_id"] = reply_to
        return message | {"text": text, "text_entities": _entities(text)}

    for node in sorted(graph.nodes(), key=str):
        yield said(node, "hello everyone")
    for u, v, data in sorted(graph.edges(data=True), key=lambda edge: (str(edge[0]), str(edge[1]))):
        for exchange in range(int(data.get("weight", 1))):
            opener = said(u, f"what do you think, {display_name(v)}?")
            yield opener
            answer = said(v, "I agree", reply_to=opener["id"])
            yield answer
            if exchange % 2 == 0:
                yield said(u, "thanks", reply_to=answer["id"])
            else:
                mention = {"type": "mention_name", "text": display_name(v), "user_id": ids[v]}
                yield said(u, ["thanks ", mention, "!"])


def _wall(unixtime: int) -> str:
    return datetime.fromtimestamp(unixtime + EXPORTER_OFFSET_S, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _entities(text: str | list[Any]) -> list[dict[str, Any]]:
    parts = [text] if isinstance(text, str) else text
    return [{"type": "plain", "text": part} if isinstance(part, str) else part for part in parts if part]
