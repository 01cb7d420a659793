"""`shequn report --out`: one HTML file that opens offline in a real browser and shows its charts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cast import alice, at, bob, carol, dave, event
from shequn.domain.events import Kind, Via
from shequn.services.communities import Community
from shequn.services.record_events import record_events
from shequn.store import Database
from test_cli import shequn

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and no way out: every host name resolves to nothing and every connection goes to a
# closed port, so a report that needed the network would show it.
OFFLINE = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--window-size=1100,2400",
]  # fmt: skip
# The solid colours of the charts: funnel bars, stage bars, group bars, a full heatmap cell.
COLOURS = {"funnel": (0x7C, 0x3A, 0xED), "stages": (0xEA, 0x58, 0x0C), "groups": (0x0D, 0x94, 0x88),
           "retention": (0x1D, 0x4E, 0xD8)}  # fmt: skip


@pytest.fixture
def report_file(db_url: str, db: Database, community: Community, tmp_path: Path) -> Path:
    record_events(db, community, "test", [
        event(Kind.MESSAGE, alice, time_us=at(0)),
        event(Kind.JOIN, bob, time_us=at(1), via=Via.CODE, code="qr-poster"),
        event(Kind.JOIN, carol, time_us=at(1), via=Via.LINK, inviter=alice),
        event(Kind.JOIN, dave, time_us=at(2), via=Via.LINK, inviter=bob),
        *(event(Kind.MESSAGE, bob, time_us=at(day)) for day in range(2, 40, 3)),
        *(event(Kind.MESSAGE, carol, target=bob, time_us=at(day, minutes=5)) for day in range(2, 40, 7)),
        event(Kind.ORDER_PAID, dave, time_us=at(20), ref="o1", amount_fen=50_000, product="tea"),
    ])  # fmt: skip
    out = tmp_path / "report.html"
    result = shequn("report", "--out", str(out), "--lang", "en", db=db_url)
    assert result.returncode == 0, result.stderr
    return out


def test_the_report_stands_alone(report_file: Path) -> None:
    html = report_file.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert set(re.findall(r"https?://[^\"' )]+", html)) == {"http://www.w3.org/2000/svg"}
    assert html.count("<svg") == 5


def test_it_is_written_in_chinese_too(db_url: str, report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.html"
    assert shequn("report", "--out", str(out), "--lang", "zh", db=db_url).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "成员生命周期" in html and "转化漏斗" in html


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium")
def test_the_report_opens_offline_in_chromium_and_draws_its_charts(report_file: Path, tmp_path: Path) -> None:
    from PIL import Image

    dom = _chromium("--dump-dom", report_file.as_uri())
    assert dom.count("<svg") == 5 and dom.count('class="bar"') >= 10 and 'class="cell"' in dom
    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", report_file.as_uri())
    pixels = Image.open(shot).convert("RGB")
    counts = {name: 0 for name in COLOURS}
    wanted = {colour: name for name, colour in COLOURS.items()}
    for count, colour in pixels.getcolors(maxcolors=1 << 20) or []:
        if colour in wanted:
            counts[wanted[colour]] += count
    assert all(count > 150 for count in counts.values()), counts


def _chromium(*args: str) -> str:
    result = subprocess.run(
        [CHROMIUM, *OFFLINE, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
