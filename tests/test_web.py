from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cast import alice, at, bob, carol, dave, eve, event
from shequn.domain.events import Account, AccountKind, Kind
from shequn.services.communities import Community
from shequn.services.read_overview import read_overview
from shequn.services.record_events import record_events
from shequn.store import Database
from shequn.web.app import create_app
from shequn.web.charts import Series, bar_chart, line_chart, nice_ticks
from shequn.web.i18n import LOCALES, catalog, format_number, from_accept_language

welcome_bot = Account("9000", "welcome bot", AccountKind.BOT)
SVG = "{http://www.w3.org/2000/svg}"


def _story(db: Database, community: Community) -> None:
    """2026-03-01 is a Sunday: alice speaks in the week of Feb 23, everyone else arrives the next week."""
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(0)),  # in the group before its history starts
        event(Kind.JOIN, bob, time_us=at(1)),
        event(Kind.LEAVE, bob, time_us=at(2)),
        event(Kind.JOIN, carol, time_us=at(1)),
        event(Kind.REMOVAL, alice, target=carol, time_us=at(3)),
        event(Kind.JOIN, carol, time_us=at(4)),  # rejoined: still one member
        event(Kind.JOIN, dave, time_us=at(5)),
        event(Kind.MESSAGE, dave, time_us=at(5, hours=1)),
        event(Kind.MESSAGE, eve, group="g2", group_name="Deals", time_us=at(5)),
        event(Kind.REMOVAL, alice, target=eve, group="g2", group_name="Deals", time_us=at(6)),
        event(Kind.MESSAGE, welcome_bot, time_us=at(7)),
        event(Kind.JOIN, eve, group="g3", group_name="Spam <script>alert(1)</script>", time_us=at(15)),
    ])  # fmt: skip


@pytest.fixture
def client(db_url: str, db: Database, community: Community) -> Iterator[TestClient]:
    _story(db, community)
    with TestClient(create_app(db_url, community.name)) as client:
        yield client


def _count(page: str, name: str) -> str:
    found = re.search(rf'data-count="{name}">([^<]*)<', page)
    assert found, f"no {name} count on the page"
    return found.group(1)


def test_the_overview_shows_the_counts(client: TestClient) -> None:
    page = client.get("/").text
    counts = {name: _count(page, name) for name in ("members", "current_members", "groups", "messages")}
    assert counts == {"members": "5", "current_members": "4", "groups": "3", "messages": "4"}
    assert (_count(page, "joins"), _count(page, "leaves"), _count(page, "removals")) == ("5", "1", "2")
    assert "2026-03-01 09:00" in page and "2026-03-16 09:00" in page  # first and last event


def test_the_groups_table_lists_the_busiest_group_first(client: TestClient) -> None:
    page = client.get("/?lang=en").text
    rows = re.findall(r'<td class="name">([^<]*)</td>', page)
    assert rows == ["Tea lovers", "Deals", "Spam &lt;script&gt;alert(1)&lt;/script&gt;"]


def test_it_answers_in_chinese_for_accept_language_zh_cn(client: TestClient) -> None:
    page = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text
    assert '<html lang="zh-CN">' in page
    assert "概览" in page and "当前成员" in page


def test_it_answers_in_english_with_lang_en_and_the_cookie_keeps_the_choice(client: TestClient) -> None:
    chinese = {"Accept-Language": "zh-CN"}
    first = client.get("/?lang=en", headers=chinese)
    assert "Current members" in first.text and "当前成员" not in first.text
    assert first.cookies.get("lang") == "en"
    later = client.get("/", headers=chinese)
    assert '<html lang="en">' in later.text


def test_the_language_switch_links_to_this_page_in_the_other_language(client: TestClient) -> None:
    page = client.get("/?lang=zh").text
    assert 'href="/?lang=en"' in page and 'href="/?lang=zh"' in page


def test_the_browser_s_most_wanted_language_wins() -> None:
    assert from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8") == "en"
    assert from_accept_language("fr-FR, zh-TW;q=0.5") == "zh"
    assert from_accept_language("fr, de") == "en"
    assert from_accept_language("") == "en"


@pytest.mark.parametrize("area", sorted(path.name for path in (LOCALES / "en").glob("*.json")))
def test_every_key_in_english_is_in_chinese_and_vice_versa(area: str) -> None:
    english = json.loads((LOCALES / "en" / area).read_text(encoding="utf-8"))
    chinese = json.loads((LOCALES / "zh" / area).read_text(encoding="utf-8"))
    assert set(english) == set(chinese)
    assert all(chinese.values()) and all(english.values())


def test_every_message_a_template_names_is_in_the_catalogs() -> None:
    english = catalog("en")
    web = LOCALES.parent
    sources = [
        path.read_text(encoding="utf-8") for path in [*web.glob("templates/*.html"), *web.glob("routes/*.py")]
    ]
    named = {key for text in sources for key in re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""", text)}
    assert named and named <= set(english)


def test_numbers_are_written_with_thousands_separators() -> None:
    assert (format_number(1234567), format_number(999), format_number(0)) == ("1,234,567", "999", "0")


def test_the_chart_svg_is_present_and_well_formed(client: TestClient) -> None:
    page = client.get("/?lang=en").text
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 2
    members = ET.fromstring(charts[0])
    assert members.findtext(f"{SVG}title") == "Members over time"
    assert members.find(f".//{SVG}polyline") is not None
    tooltips = [title.text or "" for title in members.iter(f"{SVG}title")]
    assert any(
        tip.startswith("2026-03-02:") and "In a group at the end of the week 3" in tip for tip in tooltips
    )


def test_group_names_with_script_are_escaped(client: TestClient) -> None:
    page = client.get("/").text
    assert "<script>" not in page
    assert "Spam &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_healthz_answers_ok(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"ok": True}


def test_the_stylesheet_is_served_and_the_page_asks_for_nothing_elsewhere(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    page = client.get("/").text
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)


def test_a_missing_database_gets_a_page_that_says_so(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "nowhere.db"))) as client:
        response = client.get("/?lang=en")
    assert response.status_code == 503
    assert "no shequn database at" in response.text


def test_members_are_counted_at_the_end_of_each_week(db: Database, community: Community) -> None:
    _story(db, community)
    overview = read_overview(db, community)
    weeks = [(week.monday, week.present, week.ever_seen) for week in overview.weeks]
    assert weeks == [
        (date(2026, 2, 23), 1, 1),  # alice, who spoke before the history starts
        (date(2026, 3, 2), 3, 5),  # bob came and went, eve was removed; the bot is no member
        (date(2026, 3, 9), 3, 5),  # a quiet week is still a point on the chart
        (date(2026, 3, 16), 4, 5),  # eve joined another group
    ]
    assert weeks[-1][1:] == (overview.stats.current_members, overview.stats.members)


def test_the_groups_count_who_is_in_them_now(db: Database, community: Community) -> None:
    _story(db, community)
    groups = [(g.name, g.current_members, g.messages) for g in read_overview(db, community).groups]
    assert groups == [("Tea lovers", 3, 3), ("Deals", 1, 1), ("Spam <script>alert(1)</script>", 1, 0)]


def test_the_overview_notices_new_events(db: Database, community: Community) -> None:
    _story(db, community)
    before = read_overview(db, community)
    record_events(db, community, "test", [event(Kind.LEAVE, dave, time_us=at(16))])
    after = read_overview(db, community)
    assert (before.stats.current_members, after.stats.current_members) == (4, 3)


def test_a_chart_with_no_data_says_so_and_is_still_svg() -> None:
    chart = ET.fromstring(line_chart([], [], "Members", empty="No data yet"))
    assert "No data yet" in "".join(chart.itertext())
    assert ET.fromstring(bar_chart([], [], "New", "new members")).tag == f"{SVG}svg"


def test_chart_labels_are_escaped() -> None:
    chart = line_chart(["<a & b>"], [Series('say "hi" <b>', [3])], "<title>")
    parsed = ET.fromstring(chart)
    assert parsed.findtext(f"{SVG}title") == "<title>"
    assert 'say "hi" <b>' in "".join(parsed.itertext())


def test_axis_ticks_are_round_numbers() -> None:
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(3) == [0.0, 1.0, 2.0, 3.0]
    assert nice_ticks(1234) == [0.0, 500.0, 1000.0, 1500.0]
    assert nice_ticks(0.3, whole=False) == pytest.approx([0.0, 0.1, 0.2, 0.3])


def test_an_empty_community_gets_zeros_and_no_empty_charts(
    db_url: str, db: Database, community: Community
) -> None:
    with TestClient(create_app(db_url)) as client:
        page = client.get("/?lang=en").text
    assert _count(page, "members") == "0" and "No events yet" in page
    assert "<svg" not in page and "No data yet" in page
