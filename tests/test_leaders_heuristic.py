"""The conversation heuristic: in a format without replies, a turn that starts within five minutes of
someone else's answers them. Tested through a WhatsApp export, which records no replies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np

from graph_chats import telegram_export
from importing import SHANGHAI
from shequn.metrics.interactions import Layer, answers
from shequn.services.communities import Community
from shequn.services.import_files import ImportRequest, import_files
from shequn.services.read_interactions import read_interactions
from shequn.store import Database
from shequn.store.interactions import member_names_txn

CHAT = """\
01/03/26, 09:00 - Alice: hello
01/03/26, 09:02 - Bob: hi alice
01/03/26, 09:03 - Bob: how are you
01/03/26, 09:20 - Carol: anyone here?
01/03/26, 09:24 - Dave: yes @Carol
01/03/26, 09:29 - Carol: great
01/03/26, 09:35 - Alice: see you
"""


def imported(db: Database, community: Community, path: Path) -> Counter[tuple[str, str, str]]:
    import_files(db, community, ImportRequest(paths=[path], zone=SHANGHAI))
    found = read_interactions(db, community)
    names = member_names_txn(db, community.id, sorted(set(found.source) | set(found.target)))
    return Counter(
        (names[source], names[target], Layer(layer).name.lower())
        for source, target, layer in zip(found.source, found.target, found.layer, strict=True)
    )


def test_a_whatsapp_turn_answers_the_turn_just_before_it(
    db: Database, community: Community, tmp_path: Path
) -> None:
    path = tmp_path / "WhatsApp Chat with Tea lovers.txt"
    path.write_text(CHAT, encoding="utf-8")
    assert imported(db, community, path) == Counter({
        ("Bob", "Alice", "answer"): 1,  # two messages, one turn, two minutes after Alice
        ("Dave", "Carol", "answer"): 1,  # 4 minutes after Carol (who spoke 17 after Bob: no answer)
        ("Dave", "Carol", "mention"): 1,
        ("Carol", "Dave", "answer"): 1,  # five minutes: still an answer; Alice's six minutes are not
    })  # fmt: skip


def test_groups_that_record_replies_get_no_guessed_answers(
    db: Database, community: Community, tmp_path: Path
) -> None:
    talkative = nx.Graph([(0, 1, {"weight": 2}), (1, 2, {"weight": 2})])  # replies and mentions
    found = imported(db, community, telegram_export(talkative, tmp_path / "result.json"))
    assert {layer for _, _, layer in found} == {"reply", "mention"}


def test_answers_never_cross_groups() -> None:
    group = np.array([1, 1, 2, 2])
    author = np.array([10, 11, 12, 10])
    time_us = np.array([0, 1, 2, 3])
    found = answers(group, author, time_us, window_us=10)
    assert list(zip(found.source, found.target, found.group, strict=True)) == [(11, 10, 1), (10, 12, 2)]
