"""The authorization matrix: every route of the app (found from the app itself, so routes added
later are covered without anyone remembering to) × every role × own / another group's / missing
object. Another group's object answers 404 exactly like a missing one; a list never links to or
names what its detail page would refuse."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import postgres_schema_url
from shequn.domain.roles import PERMISSIONS, Role
from shequn.services.communities import create_community
from shequn.store import open_store
from shequn.web.access import app_routes, route_needs
from shequn.web.app import create_app
from web_access import (
    ROLES,
    add_cast_users,
    deals_member,
    group_id,
    member_id,
    sign_in,
    tea_member,
    tell_story,
)

ROUTES = [route for route in app_routes(create_app("unused.db")) if route.path != "/static"]
GETS = sorted(route.path for route in ROUTES if "GET" in route.methods)
CALLERS = ["anonymous", *ROLES]
MISSING = 987_654_321
# What a path parameter names, so the matrix can give it an object of each kind. A route with a
# parameter not listed here fails the matrix until it is added.
OBJECT_PARAMETERS = {"group_id": "group", "member_id": "member"}
# Words only another group's data holds: a group owner's page must never show them.
SECRETS = ("Deals", "Dealsecret", "secret deal")


class World:
    def __init__(self, url: str) -> None:
        db = open_store(url, create=True)
        community = create_community(db, "acme", "Asia/Shanghai")
        tell_story(db, community)
        add_cast_users(db, community)
        self.ids = {
            ("group", "own"): group_id(db, "g1"),
            ("group", "other"): group_id(db, "g2"),
            ("member", "own"): member_id(db, tea_member),
            ("member", "other"): member_id(db, deals_member),
        }
        db.close()
        app = create_app(url, "acme")
        self.clients: dict[str, TestClient] = {"anonymous": TestClient(app)}
        for name in ROLES:
            self.clients[name] = TestClient(app)
            sign_in(self.clients[name], name)

    def url(self, path: str, which: str) -> str:
        def fill(match: re.Match[str]) -> str:
            kind = OBJECT_PARAMETERS.get(match.group(1))
            assert kind, (
                f"{path}: the matrix does not know what {{{match.group(1)}}} is; add it to OBJECT_PARAMETERS"
            )
            return str(MISSING if which == "missing" else self.ids[(kind, which)])

        return re.sub(r"\{(\w+)(?::\w+)?\}", fill, path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    if request.param == "sqlite":
        yield World(str(Path(tmp_path_factory.mktemp("matrix")) / "shequn.db"))
        return
    for url in postgres_schema_url():
        yield World(url)


def _route(path: str, method: str = "GET") -> Any:
    return next(route for route in ROUTES if route.path == path and method in route.methods)


def _role(caller: str) -> Role | None:
    return None if caller == "anonymous" else Role(ROLES[caller])


def _refused_for(route: Any, caller: str) -> int | None:
    """The status the caller must get whatever the object, or None when the object decides."""
    needs = route_needs(route)
    if not needs:
        return None
    role = _role(caller)
    if role is None:
        return 401 if route.path.startswith("/api/") else 303
    if any(need.permission and need.permission not in PERMISSIONS[role] for need in needs):
        return 403
    return None


def _has_objects(path: str) -> bool:
    return "{" in path


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("path", GETS)
def test_every_page_answers_each_role_as_the_rules_say(world: World, path: str, caller: str) -> None:
    route = _route(path)
    client = world.clients[caller]
    refused = _refused_for(route, caller)
    objects = ("own", "other", "missing") if _has_objects(path) else ("none",)
    answers = {which: client.get(world.url(path, which), follow_redirects=False) for which in objects}
    for which, response in answers.items():
        if not route_needs(route):  # public: whoever asks gets the same answer
            assert response.status_code < 500, (path, caller)
            continue
        if refused is not None:
            assert response.status_code == refused, (path, caller, which)
            if refused == 303:
                assert response.headers["location"].startswith("/login?next=")
            continue
        if which == "missing":
            assert response.status_code == 404, (path, caller)
        elif which == "other" and _role(caller) is Role.GROUP_OWNER:
            assert response.status_code == 404, (path, caller)
            missing_body = answers["missing"].text.replace(world.url(path, "missing"), "URL")
            other_body = response.text.replace(world.url(path, "other"), "URL")
            assert other_body == missing_body, f"{path}: another group's object answers unlike a missing one"
        else:
            assert response.status_code == 200, (path, caller, which, response.text[:300])


LIST_QUERIES = ("", "?q=Dealsecret", "?q=Deals", "?q=2002", "?q=D", "?q=T", "?q=B")


@pytest.mark.parametrize("caller", list(ROLES))
@pytest.mark.parametrize("path", [path for path in GETS if not _has_objects(path)])
def test_a_list_holds_nothing_its_detail_pages_refuse(world: World, path: str, caller: str) -> None:
    client = world.clients[caller]
    for query in LIST_QUERIES:
        response = client.get(path + query, follow_redirects=False)
        if response.status_code != 200:
            continue
        if _role(caller) is Role.GROUP_OWNER:
            shown = response.text.replace(query.removeprefix("?q="), "") if query else response.text
            for secret in SECRETS:
                assert secret not in shown, f"{path}{query} shows {secret!r} to a group owner"
        for detail in _linked_details(path, response):
            assert client.get(detail).status_code == 200, f"{path}{query} lists {detail}, which is refused"


def _linked_details(path: str, response: Any) -> set[str]:
    if not path.startswith("/api/"):
        return set(re.findall(r'href="(/(?:groups|members)/\d+)"', response.text))
    found: set[str] = set()

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(inner, name)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif key in ("group_id", "member_id") and isinstance(value, int):
            found.add(f"/api/{key.removesuffix('_id')}s/{value}")

    body = response.json()
    walk(body)
    if path == "/api/groups":
        found |= {f"/api/groups/{group['id']}" for group in body}
    return found


def test_the_matrix_covers_every_route_of_the_app() -> None:
    """Nothing hides from the matrix: each GET is in it, and each other method is in the write tests."""
    assert {route.path for route in ROUTES} == set(GETS) | {path for path, _ in UNSAFE}


UNSAFE = sorted(
    (route.path, method) for route in ROUTES for method in route.methods if method not in ("GET", "HEAD")
)


@pytest.mark.parametrize(("path", "method"), [pair for pair in UNSAFE if route_needs(_route(*pair))])
def test_every_change_without_the_session_s_csrf_token_is_refused(
    world: World, path: str, method: str
) -> None:
    client = world.clients["alice"]
    response = client.request(method, world.url(path, "own"), data={"x": "1"}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/api/me").status_code == 200  # still signed in: nothing was done


@pytest.mark.parametrize("caller", CALLERS)
def test_only_owners_and_operators_record_events(world: World, caller: str) -> None:
    client = world.clients[caller]
    csrf = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/members").text)
    headers = {"X-CSRF-Token": csrf.group(1)} if csrf else {}
    response = client.post("/api/events", json={"events": []}, headers=headers)
    expected = {"anonymous": 401, "alice": 200, "bob": 200, "carol": 403, "dave": 403}[caller]
    assert response.status_code == expected
