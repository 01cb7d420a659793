"""End to end in headless Chromium: a real `shequn serve` process, Debian's chromium and
chromedriver driven by Selenium. Sign in, switch language, search a member, open a profile; a group
owner sees only their groups; the demo owner's link opens the dashboard signed in."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shequn.services.communities import create_community
from shequn.store import open_store
from web_access import PASSWORD, add_cast_users, group_id, tell_story

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_missing() -> str | None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    return f"no {', '.join(missing)} (apt-get install chromium chromium-driver)" if missing else None


if _browser_missing():
    if os.environ.get("CI"):
        raise RuntimeError(f"the browser tests must run in CI: {_browser_missing()}")
    pytest.skip(_browser_missing() or "", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class Server:
    def __init__(self, db_path: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "shequn",
            "--db",
            str(db_path),
            "serve",
            "--port",
            str(self.port),
            "--demo-owner",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.printed = [self.process.stdout.readline() for _ in range(3)]
        self._wait_until_it_answers()

    def link(self) -> str:
        found = re.search(r"(http://\S+/login/link\?key=\S+)", "".join(self.printed))
        assert found, self.printed
        return found.group(1)

    def _wait_until_it_answers(self) -> None:
        for _ in range(600):  # uvicorn binds its port a moment after printing
            try:
                with urllib.request.urlopen(f"{self.url}/healthz") as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"shequn serve did not answer: {self.printed}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "shequn.db"
    db = open_store(str(path), create=True)
    community = create_community(db, "acme", "Asia/Shanghai")
    tell_story(db, community)
    add_cast_users(db, community)
    db.close()
    return path


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[Server]:
    running = Server(database)
    yield running
    running.stop()


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _navigate(browser: WebDriver, action: Callable[[], object]) -> None:
    """Do what leads to another page, and wait until the browser has left this one: a click
    returns before the next page has loaded."""
    page = browser.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(browser, 120).until(staleness_of(page))


def _sign_in(browser: WebDriver, server: Server, name: str) -> None:
    browser.get(f"{server.url}/login?lang=en")
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click)


def test_the_demo_owner_s_link_opens_the_dashboard_signed_in(browser: WebDriver, server: Server) -> None:
    assert "demo owner: user 'owner', password " in server.printed[0]
    browser.get(server.link())
    assert browser.current_url == f"{server.url}/"
    assert browser.find_element(By.CSS_SELECTOR, "[data-user]").get_attribute("data-user") == "owner"
    assert browser.find_element(By.CSS_SELECTOR, "[data-count=members]").text == "4"


def test_sign_in_switch_language_search_a_member_and_open_the_profile(
    browser: WebDriver, server: Server
) -> None:
    _sign_in(browser, server, "bob")
    assert browser.current_url == f"{server.url}/"
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "nav.languages a[hreflang=zh]").click)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "nav.pages a[href='/members']").click)
    assert browser.find_element(By.TAG_NAME, "h1").text == "成员"  # the cookie kept the choice
    search = browser.find_element(By.NAME, "q")
    search.send_keys("Tea")
    _navigate(browser, search.submit)
    results = browser.find_elements(By.CSS_SELECTOR, "table.members td.name a")
    assert [result.text for result in results] == ["Teaperson"]
    _navigate(browser, results[0].click)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Teaperson"
    assert "Tea lovers" in browser.find_element(By.TAG_NAME, "main").text
    assert "hello tea" in browser.find_element(By.CSS_SELECTOR, "table.timeline").text


def test_a_group_owner_sees_only_their_groups(browser: WebDriver, server: Server, database: Path) -> None:
    _sign_in(browser, server, "carol")
    assert browser.current_url == f"{server.url}/groups"
    names = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.groups td.name")]
    assert names == ["Tea lovers"]
    nav = [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, "nav.pages a")]
    assert f"{server.url}/" not in nav
    db = open_store(str(database))
    deals = group_id(db, "g2")
    db.close()
    browser.get(f"{server.url}/groups/{deals}?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not found"
    assert "Deals" not in browser.page_source.replace(f"/groups/{deals}", "")


def test_signing_out_in_the_browser_ends_the_session(browser: WebDriver, server: Server) -> None:
    _sign_in(browser, server, "dave")
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.account button").click)
    assert browser.current_url.startswith(f"{server.url}/login")
    browser.get(f"{server.url}/groups")
    assert browser.current_url.startswith(f"{server.url}/login?next=")
