"""The analytics pages: figures, cohorts, stages and funnel, the report, in both languages."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from shequn.services.communities import Community
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.web.app import create_app
from shequn.web.i18n import LOCALES
from test_metrics_analytics import STORY


@pytest.fixture
def client(db_url: str, db: Database, community: Community) -> Iterator[TestClient]:
    record_events(db, community, "test", STORY)
    with TestClient(create_app(db_url, community.name)) as client:
        yield client


def test_the_figures_page_shows_the_headline_and_the_groups(client: TestClient) -> None:
    page = client.get("/metrics?lang=en")
    assert page.status_code == 200, page.text[:500]
    assert 'data-figure="members">4<' in page.text and 'data-figure="lurkers">1<' in page.text
    assert "Tea lovers" in page.text and page.text.count("<svg") == 2


def test_the_cohorts_and_stages_pages_draw_their_charts(client: TestClient) -> None:
    cohorts = client.get("/cohorts?lang=zh").text
    assert "按首次入群周的留存" in cohorts and 'class="cell"' in cohorts
    stages = client.get("/stages?lang=en").text
    assert "Lurker" in stages and "qr-poster" in stages and 'class="bar"' in stages


def test_one_group_can_be_looked_at_alone(client: TestClient) -> None:
    assert 'data-figure="members">4<' in client.get("/metrics?group=Tea%20lovers&lang=en").text
    assert client.get("/metrics?group=nope").status_code in (404, 503)


def test_the_report_downloads_as_one_file(client: TestClient) -> None:
    report = client.get("/report?lang=en").text
    assert report.startswith("<!doctype html>") and report.count("<svg") == 5


def test_the_analytics_messages_exist_in_both_languages() -> None:
    english, chinese = (
        json.loads((LOCALES / lang / "analytics.json").read_text("utf-8")) for lang in ("en", "zh")
    )
    assert set(english) == set(chinese)
