"""schemathesis against the API's OpenAPI document: requests generated from the document for every
operation, sent as an owner, a group owner and a stranger, never get a server error (5xx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from cast import at
from shequn.services.communities import create_community
from shequn.services.tokens import create_token
from shequn.store import open_store
from shequn.web.access import app_routes
from shequn.web.api.schema import build_document
from shequn.web.app import create_app
from shequn.web.rate_limits import RateLimit, RateLimits
from web_access import ROLES, add_cast_users, tell_story

OPERATIONS = sorted(
    (path, method.upper())
    for path, item in build_document(app_routes(create_app("unused.db")))["paths"].items()
    for method in item
)
CALLERS = ("alice", "carol", "anonymous")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, str]]:
    path = Path(tmp_path_factory.mktemp("schemathesis")) / "shequn.db"
    db = open_store(str(path), create=True)
    community = create_community(db, "acme", "Asia/Shanghai")
    tell_story(db, community)
    add_cast_users(db, community)
    tokens = {name: create_token(db, name, None, "schemathesis", at(0))[1] for name in ROLES}
    db.close()
    app = create_app(str(path), "acme")
    app.state.rate_limits = RateLimits(api_per_caller=RateLimit(10**9, 60_000_000))  # not what is tested here
    return schemathesis.openapi.from_asgi("/api/openapi.json", app), tokens


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_no_request_the_document_allows_gets_a_server_error(
    api: tuple[Any, dict[str, str]], path: str, method: str
) -> None:
    schema, tokens = api

    @given(case=schema[path][method].as_strategy())
    @settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
    def check(case: Any) -> None:
        for caller in CALLERS:
            headers = {"Authorization": f"Bearer {tokens[caller]}"} if caller in tokens else {}
            response = case.call(headers=headers)
            assert response.status_code < 500, f"{caller}: {method} {case.formatted_path}: {response.text}"

    check()
