"""Known social networks, rendered as Telegram Desktop exports and imported, give their known leaders."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph_chats import display_name, telegram_export
from importing import SHANGHAI
from shequn.services.communities import Community, create_community
from shequn.services.import_files import ImportRequest, import_files
from shequn.services.read_leaders import LeaderBoard, read_leaders
from shequn.store import Database


def imported_leaders(db: Database, community: Community, graph: nx.Graph, folder: Path) -> LeaderBoard:
    export = telegram_export(graph, folder / "result.json")
    import_files(db, community, ImportRequest(paths=[export], zone=SHANGHAI))
    return read_leaders(db, community, top=None)


def test_the_karate_clubs_instructor_and_officer_rank_top_two(
    db: Database, community: Community, tmp_path: Path
) -> None:
    board = imported_leaders(db, community, nx.karate_club_graph(), tmp_path)
    assert {row.name for row in board.rows[:2]} == {display_name(0), display_name(33)}
    assert board.members == 34


def test_the_medici_are_the_florentine_families_top_bridge(
    db: Database, community: Community, tmp_path: Path
) -> None:
    board = imported_leaders(db, community, nx.florentine_families_graph(), tmp_path)
    bridges = sorted(board.rows, key=lambda row: -row.bridge)
    assert bridges[0].name == "Medici"
    assert bridges[0].bridge > bridges[1].bridge


def test_valjean_ranks_first_in_les_miserables(db: Database, community: Community, tmp_path: Path) -> None:
    board = imported_leaders(db, community, nx.les_miserables_graph(), tmp_path)
    assert board.rows[0].name == "Valjean"


def test_the_same_events_give_the_same_ranks(db: Database, community: Community, tmp_path: Path) -> None:
    """Imported into two communities, scored from scratch in each: the same names, ranks and scores."""
    first = imported_leaders(db, community, nx.les_miserables_graph(), tmp_path)
    other = create_community(db, "acme-again", "Asia/Shanghai")
    again = imported_leaders(db, other, nx.les_miserables_graph(), tmp_path)
    assert again.interactions == first.interactions
    assert [(row.name, row.rank, row.score) for row in again.rows] == [
        (row.name, row.rank, row.score) for row in first.rows
    ]
