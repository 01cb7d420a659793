"""Signing in and out, sessions, CSRF, API tokens, rate limits, the audit log and the read-only
local owner of a database without users."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cast import at
from shequn.domain.events import Kind
from shequn.domain.roles import Role
from shequn.services.audit import read_audit
from shequn.services.communities import Community
from shequn.services.sessions import SESSION_LIFETIME_US, sign_in_link
from shequn.services.tokens import create_token, revoke_token
from shequn.store import Database
from shequn.web.access import SESSION_COOKIE
from shequn.web.app import create_app
from shequn.web.i18n import catalog
from shequn.web.rate_limits import SECOND_US, RateLimit, RateLimits
from shequn.web.refusals import API_MESSAGES
from shequn.web.routes.groups import STATUSES
from web_access import PASSWORD, add_cast_users, csrf_of, sign_in, tell_story


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = at(10)

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(db_url: str, db: Database, community: Community, clock: Clock) -> FastAPI:
    tell_story(db, community)
    add_cast_users(db, community)
    app = create_app(db_url, community.name)
    app.state.clock = clock
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def _try(client: TestClient, name: str, password: str) -> int:
    token = csrf_of(client.get("/login").text)
    data = {"name": name, "password": password, "csrf_token": token}
    return client.post("/login", data=data, follow_redirects=False).status_code


def test_the_right_password_signs_in_with_an_http_only_session_cookie(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert (
        cookie.startswith(f"{SESSION_COOKIE}=")
        and "httponly" in cookie.lower()
        and "samesite=lax" in cookie.lower()
    )
    page = client.get("/?lang=en").text
    assert 'data-user="alice"' in page and "Sign out" in page


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(client: TestClient) -> None:
    wrong = client.post(
        "/login", data={"name": "alice", "password": "nope", "csrf_token": csrf_of(client.get("/login").text)}
    )
    unknown = client.post(
        "/login", data={"name": "zed", "password": "nope", "csrf_token": csrf_of(client.get("/login").text)}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert "do not match" in wrong.text and "do not match" in unknown.text
    assert client.get("/groups", follow_redirects=False).status_code == 303


def test_a_sign_in_without_the_form_s_csrf_cookie_is_refused(app: FastAPI) -> None:
    with TestClient(app) as stranger:
        response = stranger.post(
            "/login", data={"name": "alice", "password": PASSWORD, "csrf_token": "forged"}
        )
    assert response.status_code == 403


def test_pages_send_strangers_to_sign_in_and_back(client: TestClient) -> None:
    response = client.get("/members?q=Tea", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/members%3Fq%3DTea"
    token = csrf_of(client.get(response.headers["location"]).text)
    data = {"name": "bob", "password": PASSWORD, "csrf_token": token, "next": "/members?q=Tea"}
    assert client.post("/login", data=data, follow_redirects=False).headers["location"] == "/members?q=Tea"


def test_sign_in_never_sends_anyone_to_another_site(client: TestClient) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        token = csrf_of(client.get("/login").text)
        data = {"name": "bob", "password": PASSWORD, "csrf_token": token, "next": target}
        assert client.post("/login", data=data, follow_redirects=False).headers["location"] == "/"


def test_a_group_owner_lands_on_their_groups_and_sees_only_pages_they_may_open(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"name": "carol", "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    assert response.headers["location"] == "/groups"
    page = client.get("/groups?lang=en").text
    nav = re.search(r'<nav class="pages".*?</nav>', page, re.S)
    assert nav and 'href="/groups"' in nav.group(0) and 'href="/"' not in nav.group(0)
    assert client.get("/").status_code == 403


def test_signing_out_ends_the_session_and_needs_its_csrf_token(client: TestClient) -> None:
    sign_in(client, "bob")
    assert client.post("/logout", data={"csrf_token": "wrong"}, follow_redirects=False).status_code == 403
    token = csrf_of(client.get("/groups").text)
    response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/groups", follow_redirects=False).status_code == 303


def test_a_session_expires_after_fourteen_days(client: TestClient, clock: Clock) -> None:
    sign_in(client, "bob")
    clock.now += SESSION_LIFETIME_US - 1
    assert client.get("/groups", follow_redirects=False).status_code == 200
    clock.now += 1
    assert client.get("/groups", follow_redirects=False).status_code == 303


def test_failed_sign_ins_for_one_name_are_limited_and_the_limit_passes(
    client: TestClient, clock: Clock
) -> None:
    for _ in range(10):
        assert _try(client, "alice", "guess") == 401
    token = csrf_of(client.get("/login").text)
    limited = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert _try(client, "bob", PASSWORD) == 303  # another name is not held up
    clock.now += 900 * SECOND_US
    assert _try(client, "alice", PASSWORD) == 303


def test_sign_in_attempts_from_one_address_are_limited(client: TestClient) -> None:
    answers = [_try(client, f"user{n}", "guess") for n in range(21)]
    assert answers[:20] == [401] * 20 and answers[20] == 429


def test_api_calls_are_limited_per_caller(app: FastAPI, db: Database) -> None:
    app.state.rate_limits = RateLimits(api_per_caller=RateLimit(3, 60 * SECOND_US))
    _, secret = create_token(db, "bob", None, "shop", at(0))
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(app) as client:
        answers = [client.get("/api/me", headers=headers) for _ in range(4)]
        assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
        assert answers[3].headers["retry-after"] == "60"
        app.state.clock.now += 60 * SECOND_US
        assert client.get("/api/me", headers=headers).status_code == 200


def test_a_token_acts_as_its_user_with_its_role(client: TestClient, db: Database) -> None:
    _, narrow = create_token(db, "alice", "viewer", "dashboard screen", at(0))
    headers = {"Authorization": f"Bearer {narrow}"}
    assert client.get("/api/me", headers=headers).json()["role"] == "viewer"
    assert client.get("/api/audit", headers=headers).status_code == 403
    _, full = create_token(db, "alice", None, "admin", at(0))
    assert client.get("/api/audit", headers={"Authorization": f"Bearer {full}"}).status_code == 200


def test_a_revoked_or_unknown_token_is_refused(client: TestClient, db: Database) -> None:
    token_id, secret = create_token(db, "bob", None, "shop", at(0))
    revoke_token(db, token_id, at(1))
    for header in (f"Bearer {secret}", "Bearer shq_nothing", f"Basic {secret}"):
        response = client.get("/api/me", headers={"Authorization": header})
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_a_token_needs_no_csrf_token_but_a_session_does(client: TestClient, db: Database) -> None:
    _, secret = create_token(db, "bob", None, "shop", at(0))
    assert (
        client.post(
            "/api/events", json={"events": []}, headers={"Authorization": f"Bearer {secret}"}
        ).status_code
        == 200
    )
    sign_in(client, "bob")
    assert client.post("/api/events", json={"events": []}).status_code == 403
    token = csrf_of(client.get("/groups").text)
    assert client.post("/api/events", json={"events": []}, headers={"X-CSRF-Token": token}).status_code == 200


def test_a_sign_in_link_works_once(client: TestClient, db: Database, clock: Clock) -> None:
    key = sign_in_link(db, "alice", clock.now)
    assert key is not None
    response = client.get(f"/login/link?key={key}", follow_redirects=False)
    assert response.status_code == 303 and SESSION_COOKIE in response.headers["set-cookie"]
    assert client.get("/api/me").json()["name"] == "alice"
    with TestClient(client.app) as other:
        assert other.get(f"/login/link?key={key}", follow_redirects=False).status_code == 401


def test_the_audit_log_says_who_signed_in_and_what_they_changed(client: TestClient, db: Database) -> None:
    _try(client, "alice", "guess")
    sign_in(client, "bob")
    token = csrf_of(client.get("/groups").text)
    record = {"key": "shop:1", "kind": "order_paid", "platform": "shop", "time": "2026-03-05T10:00:00+08:00",
              "actor_id": "2001", "actor_platform": "telegram", "ref": "o9", "amount_fen": 100}  # fmt: skip
    client.post("/api/events", json={"events": [record]}, headers={"X-CSRF-Token": token})
    entries = [(entry.user, entry.action, entry.target) for entry in read_audit(db)]
    assert entries[:3] == [
        ("bob", "events.record", "acme"),
        ("bob", "sign_in", "bob"),
        (None, "sign_in.failed", "alice"),
    ]
    assert ("", "user.add", "carol") in [(user or "", action, target) for user, action, target in entries]
    assert read_audit(db)[0].address == "testclient"


def test_a_database_without_users_is_open_read_only(db_url: str, db: Database, community: Community) -> None:
    tell_story(db, community)
    with TestClient(create_app(db_url, community.name)) as client:
        assert client.get("/groups?lang=en").status_code == 200
        assert "No users yet" in client.get("/groups?lang=en").text
        response = client.post("/api/events", json={"events": []})
    assert response.status_code == 401 and "shequn user add" in response.json()["detail"]


def test_every_message_a_page_builds_from_a_value_is_in_both_catalogs() -> None:
    keys = (
        {f"kind.{kind}" for kind in Kind}
        | {f"role.{role}" for role in Role}
        | {f"health.{status}" for status in STATUSES}
        | {f"refused.{reason}" for reason in API_MESSAGES}
        | {f"refused.{reason}.help" for reason in API_MESSAGES}
    )
    assert keys <= set(catalog("en")) and keys <= set(catalog("zh"))
