"""The web tests' shared story and signed-in clients: two groups, a member only in each, and one
user of each role (carol owns "Tea lovers" only).

alice the owner, bob an operator, carol a group owner, dave a viewer; the members are people in the
chat groups, named so that a page leaking another group's member is easy to spot.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from cast import at, event
from shequn.domain.events import Account, Kind
from shequn.services.communities import Community
from shequn.services.record_events import record_events
from shequn.services.users import add_user
from shequn.store import Database

PASSWORD = "correct horse battery"
ROLES = {"alice": "owner", "bob": "operator", "carol": "group_owner", "dave": "viewer"}

tea_member = Account("2001", "Teaperson")  # only in Tea lovers (carol's)
deals_member = Account("2002", "Dealsecret")  # only in Deals (not carol's)
phone_member = Account("+86 138 0013 8000", "+86 138 0013 8000", platform="whatsapp")
both_member = Account("2003", "Bothways")  # in both groups


def tell_story(db: Database, community: Community) -> None:
    record_events(db, community, "test", [
        event(Kind.JOIN, tea_member, time_us=at(1)),
        event(Kind.MESSAGE, tea_member, text="hello tea", time_us=at(1, hours=1)),
        event(Kind.JOIN, both_member, time_us=at(2), inviter=tea_member),
        event(Kind.JOIN, deals_member, group="g2", group_name="Deals", time_us=at(1)),
        event(Kind.MESSAGE, deals_member, group="g2", group_name="Deals", text="secret deal", time_us=at(2)),
        event(Kind.JOIN, both_member, group="g2", group_name="Deals", time_us=at(3), inviter=deals_member),
        event(Kind.MESSAGE, both_member, group="g2", group_name="Deals", text="hi", time_us=at(3, hours=1)),
        event(Kind.JOIN, phone_member, group="g2", group_name="Deals", platform="whatsapp", time_us=at(4)),
        event(Kind.ORDER_PAID, tea_member, group=None, group_name=None, ref="o1", amount_fen=500000,
              product="bottle", time_us=at(5)),
    ])  # fmt: skip


def add_cast_users(db: Database, community: Community) -> None:
    for name, role in ROLES.items():
        groups = ["g1"] if role == "group_owner" else []
        add_user(db, community, name, role, groups, at(0), password=PASSWORD)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    form = client.get("/login")
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def group_id(db: Database, handle: str) -> int:
    return int(db.scalar("SELECT id FROM groups WHERE handle = ?", (handle,)))


def member_id(db: Database, account: Account) -> int:
    return int(db.scalar("SELECT member_id FROM identities WHERE handle = ?", (account.handle,)))
