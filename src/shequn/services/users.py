"""Users of the dashboard and the API: adding them, checking their password, what they may see."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..domain.roles import Caller, Role, parse_role
from ..store import Database, StoreError
from ..store.communities import groups_named_txn
from ..store.users import (
    insert_user_txn,
    own_groups_txn,
    owned_group_ids,
    set_password_txn,
    user_by_name,
    users_with_groups,
)
from .audit import write_audit
from .communities import Community

_hasher = PasswordHasher()
# Checked against when the name is unknown, so a wrong name takes as long as a wrong password.
_NOBODY = _hasher.hash("nobody has this password")
_NAME = re.compile(r"^[\w.@+-]{1,64}$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class UserSummary:
    name: str
    role: str
    groups: list[str]


def check_user_name(name: str) -> str:
    if not _NAME.match(name):
        raise StoreError(f"user name {name!r} is not valid; expected 1 to 64 letters, digits or . _ @ + -")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"password is too short; expected at least {MIN_PASSWORD} characters")
    return password


def add_user(
    db: Database,
    community: Community,
    name: str,
    role: str,
    groups: list[str],
    now_us: int,
    password: str | None = None,
    by: str | None = None,
) -> str:
    """Add a user; returns their password (a new random one when none is given). A group owner
    owns the named groups of the community (each a name, handle or id); other roles own none."""
    check_user_name(name)
    chosen = role_named(role)
    if chosen is Role.GROUP_OWNER and not groups:
        raise StoreError("a group_owner needs at least one --group")
    if chosen is not Role.GROUP_OWNER and groups:
        raise StoreError(f"--group is only for group_owner; a {chosen} sees every group")
    password = check_password(password) if password is not None else secrets.token_urlsafe(12)
    with db.transaction():
        if user_by_name(db, name) is not None:
            raise StoreError(f"a user named {name!r} already exists")
        user_id = insert_user_txn(db, name, chosen, _hasher.hash(password), now_us)
        own_groups_txn(db, user_id, [_one_group(db, community, group) for group in groups])
        detail = f"role {chosen}" + (f"; groups {', '.join(groups)}" if groups else "")
        write_audit(db, now_us, by, "user.add", name, detail)
    return password


def set_password(db: Database, name: str, password: str, now_us: int, by: str | None = None) -> None:
    row = user_by_name(db, name)
    if row is None:
        raise StoreError(f"no user named {name!r}")
    with db.transaction():
        set_password_txn(db, row[0], _hasher.hash(check_password(password)))
        write_audit(db, now_us, by, "user.password", name)


def authenticate(db: Database, name: str, password: str) -> Caller | None:
    """The user, when the password is theirs; None otherwise (whether or not the name exists)."""
    row = user_by_name(db, name)
    try:
        _hasher.verify(row[3] if row else _NOBODY, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    return caller_of(db, row[0], row[1], row[2])


def caller_of(db: Database, user_id: int, name: str, role: str) -> Caller:
    """A user acting with `role`, with the groups they own."""
    parsed = Role(role)
    groups = owned_group_ids(db, user_id) if parsed is Role.GROUP_OWNER else None
    return Caller(user_id, name, parsed, groups)


def list_users(db: Database) -> list[UserSummary]:
    users: dict[str, UserSummary] = {}
    for name, role, group in users_with_groups(db):
        summary = users.setdefault(name, UserSummary(name, role, []))
        if group is not None:
            summary.groups.append(group)
    return list(users.values())


def role_named(text: str) -> Role:
    """A role by its name, or a StoreError naming the roles there are."""
    try:
        return parse_role(text)
    except ValueError as error:
        raise StoreError(str(error)) from None


def _one_group(db: Database, community: Community, name: str) -> int:
    found = groups_named_txn(db, community.id, name)
    if not found:
        raise StoreError(f"no group named {name!r} in community {community.name!r}")
    if len(found) > 1:
        raise StoreError(f"several groups are called {name!r}; give the id of the one you mean")
    return found[0]


DEMO_OWNER = "owner"


def demo_owner_password(db: Database, community: Community, now_us: int) -> str:
    """For `shequn serve --demo-owner`: the user `owner` (made when missing) gets a new random
    password, which is returned to be printed."""
    password = secrets.token_urlsafe(12)
    if user_by_name(db, DEMO_OWNER) is None:
        add_user(db, community, DEMO_OWNER, Role.OWNER, [], now_us, password=password, by="shequn serve")
    else:
        set_password(db, DEMO_OWNER, password, now_us, by="shequn serve")
    return password
