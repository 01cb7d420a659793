"""The leaders and circles pages, in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cast import carol, event
from shequn.domain.events import Kind
from shequn.services.communities import Community
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.web.app import create_app
from test_leaders import tiny_community


@pytest.fixture
def client(db_url: str, db: Database, community: Community) -> Iterator[TestClient]:
    tiny_community(db, community)
    record_events(db, community, "test", [event(Kind.GROUP_CREATED, carol, text="Tea lovers")])
    with TestClient(create_app(db_url, community.name)) as client:
        yield client


def test_the_leaders_page_ranks_the_leaders(client: TestClient) -> None:
    page = client.get("/leaders?lang=en")
    assert page.status_code == 200
    text = page.text
    assert text.index(">alice<") < text.index(">carol<") < text.index(">bob<")
    assert "Opinion leaders" in text and "call energy" in text
    assert 'href="/leaders"' in text  # in the navigation


def test_the_leaders_page_speaks_chinese(client: TestClient) -> None:
    text = client.get("/leaders", headers={"Accept-Language": "zh-CN"}).text
    assert "意见领袖" in text and "号召力" in text


def test_a_groups_leaders_and_an_unknown_group(client: TestClient) -> None:
    assert ">alice<" in client.get("/leaders", params={"group": "Tea lovers"}).text
    assert client.get("/leaders", params={"group": "nowhere"}).status_code == 404


def test_the_circles_page_lists_circles_and_bridges(client: TestClient) -> None:
    page = client.get("/circles?lang=en")
    assert page.status_code == 200
    assert "Bridges between circles" in page.text and 'data-circle="1"' in page.text
    assert "圈子" in client.get("/circles?lang=zh").text
