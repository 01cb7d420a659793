"""The audit log: who changed what, when, from where. Rows are only ever added."""

from __future__ import annotations

from .database import Database

AuditRow = tuple[int, int, str | None, str, str | None, str | None, str | None]


def insert_audit_txn(
    db: Database,
    time_us: int,
    user_name: str | None,
    action: str,
    target: str | None,
    detail: str | None,
    address: str | None,
) -> None:
    db.execute(
        "INSERT INTO audit_log (time_us, user_name, action, target, detail, address) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (time_us, user_name, action, target, detail, address),
    )


def latest_audit(db: Database, limit: int) -> list[AuditRow]:
    """The newest entries first: (id, time_us, user, action, target, detail, address)."""
    rows = db.fetchall(
        "SELECT id, time_us, user_name, action, target, detail, address FROM audit_log "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5], r[6]) for r in rows]
