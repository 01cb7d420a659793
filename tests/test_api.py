"""The JSON API: event ingestion (batched, idempotent, validated like an import), what the reads
return for each role, masked phone numbers, and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cast import at
from shequn.services.communities import Community
from shequn.services.groups import status_of
from shequn.services.tokens import create_token
from shequn.sources.generic.parser import RecordError, event_from
from shequn.store import Database
from shequn.web.access import app_routes
from shequn.web.app import create_app
from web_access import (
    add_cast_users,
    both_member,
    deals_member,
    group_id,
    member_id,
    phone_member,
    tea_member,
    tell_story,
)


@pytest.fixture
def api(db_url: str, db: Database, community: Community) -> Iterator[dict[str, Any]]:
    tell_story(db, community)
    add_cast_users(db, community)
    headers = {
        name: {"Authorization": f"Bearer {create_token(db, name, None, 'test', at(0))[1]}"}
        for name in ("alice", "bob", "carol", "dave")
    }
    with TestClient(create_app(db_url, community.name)) as client:
        yield {"client": client, "as": headers}


def _order(key: str, **fields: Any) -> dict[str, Any]:
    record = {"key": key, "kind": "order_paid", "platform": "shop", "time": "2026-03-05T10:00:00+08:00",
              "actor_id": "2001", "actor_platform": "telegram", "ref": f"o-{key}",
              "amount_fen": 9900}  # fmt: skip
    return record | fields


def _events(db: Database) -> int:
    return int(db.scalar("SELECT COUNT(*) FROM events"))


def test_a_batch_is_recorded_once_however_often_it_is_sent(api: dict[str, Any], db: Database) -> None:
    client, bob = api["client"], api["as"]["bob"]
    before = _events(db)
    batch = {"events": [_order("a"), _order("b"), _order("a")], "source": "shop"}
    assert client.post("/api/events", json=batch, headers=bob).json() == {
        "received": 3,
        "added": 2,
        "already_stored": 1,
    }
    assert client.post("/api/events", json=batch, headers=bob).json() == {
        "received": 3,
        "added": 0,
        "already_stored": 3,
    }
    assert _events(db) == before + 2


def test_one_bad_record_refuses_the_batch_naming_each_problem(api: dict[str, Any], db: Database) -> None:
    before = _events(db)
    batch = {
        "events": [
            _order("fine"),
            _order("x", ref=None),
            {"key": "y", "kind": "mesage", "platform": "qq"},
            {"kee": 1},
        ]
    }
    response = api["client"].post("/api/events", json=batch, headers=api["as"]["alice"])
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert [problem.split(":")[0] for problem in problems] == ["events[1]", "events[2]", "events[3]"]
    assert "ref" in problems[0] and "kind" in problems[1] and "unknown field 'kee'" in problems[2]
    assert _events(db) == before


def test_the_api_refuses_what_an_import_refuses_in_the_same_words(
    api: dict[str, Any], community: Community
) -> None:
    record = _order("z", amount_fen=-5)
    with pytest.raises(RecordError) as imported:
        event_from(record, community.zone, None)
    response = api["client"].post("/api/events", json={"events": [record]}, headers=api["as"]["bob"])
    assert response.json()["detail"] == [f"events[0]: {imported.value}"]


def test_a_batch_source_must_be_a_plain_word(api: dict[str, Any]) -> None:
    response = api["client"].post(
        "/api/events", json={"events": [], "source": "a b/c"}, headers=api["as"]["bob"]
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "source"]


def test_groups_come_with_their_health(api: dict[str, Any], db: Database) -> None:
    groups = api["client"].get("/api/groups", headers=api["as"]["dave"]).json()
    by_name = {group["name"]: group for group in groups}
    tea = by_name["Tea lovers"]
    # Tea lovers: Teaperson joined and spoke, Bothways joined; the log ends at day 5, so all is recent.
    assert (tea["current_members"], tea["messages"], tea["recent_messages"], tea["recent_active"]) == (
        2,
        1,
        1,
        1,
    )
    assert (tea["recent_joins"], tea["recent_exits"], tea["status"]) == (2, 0, "lively")
    assert groups[0]["name"] == "Deals"  # busiest first
    detail = api["client"].get(f"/api/groups/{group_id(db, 'g1')}", headers=api["as"]["carol"]).json()
    assert detail["health"] == tea
    assert [speaker["name"] for speaker in detail["top_speakers"]] == ["Teaperson"]


def test_members_are_found_by_name_start_account_id_or_member_id(api: dict[str, Any], db: Database) -> None:
    client, dave = api["client"], api["as"]["dave"]

    def names(query: str) -> list[str]:
        return [hit["name"] for hit in client.get("/api/members", params={"q": query}, headers=dave).json()]

    assert names("Tea") == ["Teaperson"]
    assert names("2002") == ["Dealsecret"]
    assert names(str(member_id(db, both_member))) == ["Bothways"]
    assert names("eaperson") == [] and names("   ") == []


def test_a_group_owner_sees_a_member_through_their_own_groups_only(api: dict[str, Any], db: Database) -> None:
    client = api["client"]
    url = f"/api/members/{member_id(db, both_member)}"
    owner, carol = (
        client.get(url, headers=api["as"]["alice"]).json(),
        client.get(url, headers=api["as"]["carol"]).json(),
    )
    assert {group["name"] for group in owner["groups"]} == {"Tea lovers", "Deals"}
    assert [group["name"] for group in carol["groups"]] == ["Tea lovers"]
    assert {event["group"] for event in carol["timeline"]} == {"Tea lovers"}
    assert (
        client.get(f"/api/members/{member_id(db, deals_member)}", headers=api["as"]["carol"]).status_code
        == 404
    )
    inviter = client.get(f"/api/members/{member_id(db, tea_member)}", headers=api["as"]["carol"]).json()
    assert inviter["invitees_count"] == 1 and inviter["invitees"][0]["name"] == "Bothways"


def test_phone_numbers_and_money_are_the_owner_s(api: dict[str, Any], db: Database) -> None:
    client = api["client"]
    phone = f"/api/members/{member_id(db, phone_member)}"
    assert (
        client.get(phone, headers=api["as"]["alice"]).json()["accounts"][0]["handle"] == "+86 138 0013 8000"
    )
    for name in ("bob", "dave"):
        account = client.get(phone, headers=api["as"][name]).json()["accounts"][0]
        assert (account["handle"], account["name"]) == ("+** *** **** 8000", "+** *** **** 8000")
    paying = f"/api/members/{member_id(db, tea_member)}"
    amounts = {
        name: [
            e["amount_fen"]
            for e in client.get(paying, headers=api["as"][name]).json()["timeline"]
            if e["kind"] == "order_paid"
        ]
        for name in ("alice", "bob")
    }
    assert amounts == {"alice": [500000], "bob": [None]}


def test_the_openapi_document_describes_every_api_route(api: dict[str, Any]) -> None:
    client = api["client"]
    document = client.get("/api/openapi.json").json()
    routes = {route.path for route in app_routes(client.app) if route.path.startswith("/api/")}
    assert set(document["paths"]) >= {
        "/api/me",
        "/api/groups",
        "/api/groups/{group_id}",
        "/api/members",
        "/api/members/{member_id}",
        "/api/events",
        "/api/overview",
        "/api/audit",
    }
    assert set(document["paths"]) >= routes - {"/api/openapi.json"}
    assert document["paths"]["/api/events"]["post"]["security"] == [{"token": []}]
    assert "404" in document["paths"]["/api/groups/{group_id}"]["get"]["responses"]


@pytest.mark.parametrize(
    "fields",
    [{"amount_fen": 10**20}, {"time_unix": 10**30, "time": None}, {"actor_id": "x" * 5000}, {"text": "\x00"}],
    ids=["huge amount", "huge time", "long id", "nul"],
)
def test_values_no_database_can_store_are_refused_not_crashed_on(
    api: dict[str, Any], fields: dict[str, Any]
) -> None:
    record = {name: value for name, value in (_order("big") | fields).items() if value is not None}
    response = api["client"].post("/api/events", json={"events": [record]}, headers=api["as"]["bob"])
    assert response.status_code in (200, 422), response.text


def test_a_group_is_dead_quiet_or_lively_by_its_last_thirty_days() -> None:
    assert status_of(current_members=100, recent_active=0, recent_messages=0) == "dead"
    assert status_of(current_members=100, recent_active=4, recent_messages=9) == "quiet"  # 4 x 20 < 100
    assert status_of(current_members=100, recent_active=5, recent_messages=9) == "lively"
    assert status_of(current_members=0, recent_active=1, recent_messages=1) == "lively"


def test_a_group_counts_the_same_current_members_as_the_overview(api: dict[str, Any]) -> None:
    client, alice = api["client"], api["as"]["alice"]
    overview = {
        group["name"]: group["current_members"]
        for group in client.get("/api/overview", headers=alice).json()["groups"]
    }
    groups = {
        group["name"]: group["current_members"] for group in client.get("/api/groups", headers=alice).json()
    }
    assert groups == overview
