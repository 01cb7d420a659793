"""The /fission page: totals, inviters with their flags and evidence, channels, campaigns and the
referral tree, in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from fastapi.testclient import TestClient

from cast import at, bob, event
from shequn.domain.events import Account, Kind, Via
from shequn.services.campaigns import create_campaign, parse_tier
from shequn.services.communities import Community
from shequn.services.load_fission import load_fission
from shequn.services.read_referral_tree import read_referral_tree
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.web.app import create_app
from test_fission import story

throwaways = [Account(f"t{n}", f"throwaway {n}") for n in range(12)]


def with_a_burst(db: Database, community: Community) -> None:
    """The fission story, plus twelve silent accounts bob brings with tea-26 within 12 minutes."""
    record_events(db, community, "test", [
        *story(),
        *(
            event(Kind.JOIN, one, via=Via.LINK, inviter=bob, code="tea-26", time_us=at(days=58, minutes=n))
            for n, one in enumerate(throwaways)
        ),
    ])  # fmt: skip
    create_campaign(
        db, community, "Tea 26", "tea-26", at(), at(days=90), [parse_tier("3:tin of tea:50")], at()
    )


@pytest.fixture
def client(db_url: str, db: Database, community: Community) -> Iterator[TestClient]:
    with_a_burst(db, community)
    with TestClient(create_app(db_url, community.name)) as client:
        yield client


def test_the_page_lists_inviters_flags_channels_campaigns_and_the_tree(client: TestClient) -> None:
    page = client.get("/fission?lang=en")
    assert page.status_code == 200
    text = page.text
    assert 'href="/fission"' in text  # in the navigation
    assert "18 people; 17 attributed joins, 1 real, 14 pending" in text
    assert 'data-flag="burst"' in text and "burst of joins" in text and "invitees 12" in text
    assert 'data-code="poster-a"' in text and "Tea 26" in text and "3 real: tin of tea" in text
    assert "<svg" in text and "Referral tree" in text and "bob · 16" in text
    assert "+10 more: 10 people" in text  # bob's 14 invitees: the 4 biggest branches drawn, the rest summed


def test_the_page_speaks_chinese(client: TestClient) -> None:
    text = client.get("/fission", headers={"Accept-Language": "zh-CN"}).text
    assert "邀请树" in text and "集中入群" in text and "入口渠道" in text


def test_a_campaign_narrows_the_page_and_an_unknown_one_is_missing(client: TestClient) -> None:
    text = client.get("/fission", params={"campaign": "tea-26", "lang": "en"}).text
    assert "Fission · Tea 26" in text and "12 attributed joins" in text
    assert 'data-code="poster-a"' not in text
    assert client.get("/fission", params={"campaign": "nope"}).status_code == 404


def test_the_tree_keeps_the_biggest_branches_and_sums_the_rest(db: Database, community: Community) -> None:
    with_a_burst(db, community)
    data = load_fission(db, community)
    [tree] = read_referral_tree(db, community, data, np.ones(len(data.members), dtype=bool), branches=2)
    # alice brought bob; below bob: carol (with frank), dave and 12 throwaways
    assert (tree.name, tree.size, [c.name for c in tree.children]) == ("alice", 16, ["bob"])
    [bob_node] = tree.children
    assert (bob_node.size, bob_node.children[0].name, bob_node.children[0].size) == (16, "carol", 2)
    assert (bob_node.hidden_branches, bob_node.hidden_people) == (12, 12)
