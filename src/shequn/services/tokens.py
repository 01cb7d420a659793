"""API tokens: a secret bound to a user and a role (the user's own or a narrower one).

The secret is shown once, when the token is made; the database keeps its SHA-256.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC

from ..domain.clock import from_time_us
from ..domain.roles import Caller, Role, token_roles
from ..store import Database, StoreError
from ..store.sessions import insert_token_txn, live_token, revoke_token_txn, tokens_of_users
from ..store.users import user_by_name
from .audit import write_audit
from .sessions import secret_hash
from .users import caller_of, role_named

PREFIX = "shq_"


@dataclass(frozen=True)
class TokenSummary:
    id: int
    user: str
    role: str
    name: str
    created: str
    revoked: str | None


def create_token(
    db: Database, user: str, role: str | None, name: str, now_us: int, by: str | None = None
) -> tuple[int, str]:
    """A new token for `user` acting as `role` (default: the user's role): (its id, its secret)."""
    row = user_by_name(db, user)
    if row is None:
        raise StoreError(f"no user named {user!r}")
    user_role = Role(row[2])
    chosen = user_role if role is None else role_named(role)
    if chosen not in token_roles(user_role):
        allowed = ", ".join(token_roles(user_role))
        raise StoreError(
            f"--role {chosen} is wider than {user}'s role {user_role}; expected one of: {allowed}"
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    with db.transaction():
        token_id = insert_token_txn(db, secret_hash(secret), row[0], chosen, name, now_us)
        write_audit(db, now_us, by, "token.create", user, f"token {token_id} ({name}), role {chosen}")
    return token_id, secret


def token_caller(db: Database, secret: str) -> Caller | None:
    """Who a bearer of this secret is, or None when it is unknown or revoked."""
    if not secret.startswith(PREFIX):
        return None
    row = live_token(db, secret_hash(secret))
    if row is None:
        return None
    _, user_id, user_name, role = row
    return caller_of(db, user_id, user_name, role)


def revoke_token(db: Database, token_id: int, now_us: int, by: str | None = None) -> None:
    with db.transaction():
        if not revoke_token_txn(db, token_id, now_us):
            raise StoreError(f"no live token with id {token_id}")
        write_audit(db, now_us, by, "token.revoke", f"token {token_id}")


def list_tokens(db: Database) -> list[TokenSummary]:
    return [
        TokenSummary(id_, user, role, name, _iso(created), None if revoked is None else _iso(revoked))
        for id_, user, role, name, created, revoked in tokens_of_users(db)
    ]


def _iso(time_us: int) -> str:
    return from_time_us(time_us, UTC).isoformat()
