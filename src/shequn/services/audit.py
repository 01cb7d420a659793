"""The audit log: every sign-in, change of users and tokens, and batch of events recorded through
the API is written down with who, what and from where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from ..domain.clock import from_time_us
from ..store import Database
from ..store.audit import insert_audit_txn, latest_audit


@dataclass(frozen=True)
class AuditEntry:
    id: int
    time: str  # ISO 8601, UTC
    user: str | None  # None for an attempt nobody was signed in for
    action: str
    target: str | None
    detail: str | None
    address: str | None


def write_audit(
    db: Database,
    now_us: int,
    user: str | None,
    action: str,
    target: str | None = None,
    detail: str | None = None,
    address: str | None = None,
) -> None:
    with db.transaction():
        insert_audit_txn(db, now_us, user, action, target, detail, address)


def read_audit(db: Database, limit: int = 100) -> list[AuditEntry]:
    """The newest `limit` entries, newest first."""
    return [
        AuditEntry(id_, from_time_us(time_us, UTC).isoformat(), user, action, target, detail, address)
        for id_, time_us, user, action, target, detail, address in latest_audit(db, limit)
    ]
