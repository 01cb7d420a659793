"""Roles and what they permit, masked phone numbers, the rate limit's window, and the user and
token commands."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cast import at
from shequn.domain.privacy import looks_like_phone, mask_phone, shown_handle, shown_name
from shequn.domain.roles import PERMISSIONS, Caller, Permission, Role, parse_role, token_roles
from shequn.services.communities import Community
from shequn.services.tokens import token_caller
from shequn.services.users import add_user, authenticate
from shequn.store import Database, StoreError
from shequn.web.rate_limits import RateLimit
from test_cli import assert_one_line_error, shequn
from web_access import tell_story


def test_only_the_owner_holds_money_personal_data_and_settings() -> None:
    for permission in (Permission.MONEY, Permission.PERSONAL_DATA, Permission.SETTINGS):
        assert [role for role in Role if permission in PERMISSIONS[role]] == [Role.OWNER]
    assert [role for role in Role if Permission.WRITE in PERMISSIONS[role]] == [Role.OWNER, Role.OPERATOR]
    assert PERMISSIONS[Role.GROUP_OWNER] == frozenset()


def test_a_token_never_carries_more_than_its_user() -> None:
    assert token_roles(Role.OWNER) == (Role.OWNER, Role.OPERATOR, Role.VIEWER)
    assert token_roles(Role.OPERATOR) == (Role.OPERATOR, Role.VIEWER)
    assert token_roles(Role.VIEWER) == (Role.VIEWER,)
    assert token_roles(Role.GROUP_OWNER) == (Role.GROUP_OWNER,)


def test_a_group_owner_sees_their_groups_and_the_others_see_all() -> None:
    carol = Caller(3, "carol", Role.GROUP_OWNER, frozenset({7}))
    assert carol.sees_group(7) and not carol.sees_group(8)
    assert Caller(2, "bob", Role.OPERATOR, frozenset({7})).groups is None
    assert Caller(5, "nobody", Role.GROUP_OWNER, None).groups == frozenset()


def test_an_unknown_role_names_the_ones_there_are() -> None:
    try:
        parse_role("king")
    except ValueError as error:
        assert str(error) == "unknown role 'king'; expected one of: owner, operator, group_owner, viewer"
    else:
        raise AssertionError("king is no role")


def test_phone_numbers_keep_only_their_last_four_digits() -> None:
    assert mask_phone("+86 138 0013 8000") == "+** *** **** 8000"
    assert mask_phone("13800138000") == "*******8000"
    assert shown_handle("whatsapp", "8613800138000") == "*********8000"
    assert shown_handle("qq", "123456789") == "123456789"  # a QQ number is no phone number
    assert shown_name("张三") == "张三" and shown_name("+44 20 7946 0958") == "+** ** **** 0958"
    assert looks_like_phone("13800138000") and not looks_like_phone("12345")


@given(st.text(alphabet="0123456789 +-().", min_size=0, max_size=30))
def test_a_masked_number_shows_no_digit_but_the_last_four(text: str) -> None:
    masked = mask_phone(text)
    digits = re.findall(r"\d", text)
    assert len(masked) == len(text)
    assert (
        re.findall(r"\d", masked) == digits[-4:] if len(digits) >= 4 else re.findall(r"\d", masked) == digits
    )


def test_a_rate_limit_counts_hits_in_a_sliding_window() -> None:
    limit = RateLimit(2, 10)
    assert [limit.hit("a", t) for t in (0, 1, 2)] == [None, None, 1]
    assert limit.hit("b", 2) is None  # each key on its own
    assert limit.hit("a", 10) is None  # the hit at 0 left the window
    assert limit.wait("a", 10) is not None and limit.wait("a", 11) is None


def test_user_and_token_commands_make_what_the_dashboard_accepts(
    db: Database, community: Community, db_url: str
) -> None:
    tell_story(db, community)
    added = shequn("user", "add", "carol", "--role", "group_owner", "--group", "g1", "--json", db=db_url)
    assert added.returncode == 0, added.stderr
    password = json.loads(added.stdout)["password"]
    carol = authenticate(db, "carol", password)
    assert carol is not None and carol.role is Role.GROUP_OWNER and len(carol.groups or ()) == 1
    listed = json.loads(shequn("user", "list", "--json", db=db_url).stdout)
    assert listed == [{"name": "carol", "role": "group_owner", "groups": ["Tea lovers"]}]
    made = json.loads(shequn("token", "create", "carol", "--name", "bot", "--json", db=db_url).stdout)
    assert token_caller(db, made["token"]) is not None
    tokens = json.loads(shequn("token", "list", "--json", db=db_url).stdout)
    assert [(t["user"], t["role"], t["name"], t["revoked"]) for t in tokens] == [
        ("carol", "group_owner", "bot", None)
    ]
    assert "token" not in json.dumps(tokens).replace('"token', "")  # never a secret
    assert shequn("token", "revoke", str(made["id"]), db=db_url).returncode == 0
    assert token_caller(db, made["token"]) is None


def test_user_and_token_commands_refuse_bad_input_in_one_line(
    db: Database, community: Community, db_url: str
) -> None:
    tell_story(db, community)
    assert shequn("user", "add", "bob", "--role", "operator", db=db_url).returncode == 0
    assert_one_line_error(shequn("user", "add", "bob", "--role", "viewer", db=db_url), "already exists")
    assert_one_line_error(
        shequn("user", "add", "x", "--role", "group_owner", db=db_url), "needs at least one --group"
    )
    assert_one_line_error(
        shequn("user", "add", "x", "--role", "group_owner", "--group", "nowhere", db=db_url),
        "no group named 'nowhere'",
    )
    assert_one_line_error(
        shequn("user", "add", "x", "--role", "viewer", "--group", "g1", db=db_url), "only for group_owner"
    )
    assert_one_line_error(
        shequn("user", "add", "a b", "--role", "viewer", db=db_url), "user name 'a b' is not valid"
    )
    assert_one_line_error(
        shequn("token", "create", "bob", "--role", "owner", db=db_url), "wider than bob's role"
    )
    assert_one_line_error(shequn("token", "create", "nobody", db=db_url), "no user named 'nobody'")
    assert_one_line_error(shequn("token", "revoke", "99", db=db_url), "no live token with id 99")
    assert authenticate(db, "x", "whatever") is None
    with pytest.raises(StoreError, match="password is too short; expected at least 8 characters"):
        add_user(db, community, "y", "viewer", [], at(0), password="short")


def test_serve_opens_a_database_without_users_to_this_machine_only(
    db: Database, community: Community, db_url: str
) -> None:
    tell_story(db, community)
    refused = shequn("serve", "--host", "0.0.0.0", "--port", "1", db=db_url)
    assert_one_line_error(
        refused, "has no users yet; add one with `shequn user add` before serving on 0.0.0.0"
    )
