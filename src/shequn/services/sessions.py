"""Signing in and out of the dashboard. A session is a random secret in a cookie; the database
keeps only its SHA-256, the user, the session's CSRF token and when it expires."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from ..domain.clock import MICROS_PER_DAY
from ..domain.roles import Caller
from ..store import Database
from ..store.sessions import (
    delete_expired_sessions_txn,
    delete_session_txn,
    insert_session_txn,
    live_session,
)
from ..store.users import user_by_name
from .audit import write_audit
from .users import authenticate, caller_of

SESSION_LIFETIME_US = 14 * MICROS_PER_DAY
LINK_LIFETIME_US = MICROS_PER_DAY // 24 // 6  # ten minutes to click a sign-in link


def now_us() -> int:
    """The wall clock, for the shells to hand to the use-cases (tests hand them a fixed time)."""
    return time.time_ns() // 1000


@dataclass(frozen=True)
class Session:
    secret: str  # goes in the cookie, and nowhere else
    csrf_token: str  # goes in every form of the session
    caller: Caller


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def sign_in(db: Database, name: str, password: str, now_us: int, address: str | None) -> Session | None:
    """A new session when the password is right; either way the attempt is in the audit log."""
    caller = authenticate(db, name, password)
    if caller is None:
        write_audit(db, now_us, None, "sign_in.failed", name, address=address)
        return None
    session = _start(db, caller, now_us, SESSION_LIFETIME_US)
    write_audit(db, now_us, caller.name, "sign_in", caller.name, address=address)
    return session


def sign_in_link(db: Database, name: str, now_us: int) -> str | None:
    """A secret that signs the user in once, within ten minutes (`shequn serve --sign-in`)."""
    row = user_by_name(db, name)
    if row is None:
        return None
    return _start(db, caller_of(db, row[0], row[1], row[2]), now_us, LINK_LIFETIME_US).secret


def follow_link(db: Database, secret: str, now_us: int, address: str | None) -> Session | None:
    """The session a sign-in link opens; the link itself is spent."""
    found = find_session(db, secret, now_us)
    if found is None:
        return None
    with db.transaction():
        delete_session_txn(db, secret_hash(secret))
        session = _start(db, found.caller, now_us, SESSION_LIFETIME_US)
        write_audit(db, now_us, found.caller.name, "sign_in.link", found.caller.name, address=address)
    return session


def find_session(db: Database, secret: str, now_us: int) -> Session | None:
    row = live_session(db, secret_hash(secret), now_us)
    if row is None:
        return None
    user_id, name, role, csrf_token = row
    return Session(secret, csrf_token, caller_of(db, user_id, name, role))


def sign_out(db: Database, session: Session, now_us: int, address: str | None) -> None:
    with db.transaction():
        delete_session_txn(db, secret_hash(session.secret))
        write_audit(db, now_us, session.caller.name, "sign_out", session.caller.name, address=address)


def _start(db: Database, caller: Caller, now_us: int, lifetime_us: int) -> Session:
    secret, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with db.transaction():
        delete_expired_sessions_txn(db, now_us)
        insert_session_txn(db, secret_hash(secret), caller.user_id, csrf_token, now_us, now_us + lifetime_us)
    return Session(secret, csrf_token, caller)
