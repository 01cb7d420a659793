"""Signed-in browsers (sessions) and API tokens, found by the SHA-256 of their secret."""

from __future__ import annotations

from .database import Database

# (user id, user name, user role, the session's CSRF token)
SessionRow = tuple[int, str, str, str]
# (token id, user id, user name, the token's role)
TokenRow = tuple[int, int, str, str]


def insert_session_txn(
    db: Database, secret_hash: str, user_id: int, csrf_token: str, now_us: int, expires_us: int
) -> None:
    db.execute(
        "INSERT INTO sessions (secret_hash, user_id, csrf_token, created_us, expires_us) "
        "VALUES (?, ?, ?, ?, ?)",
        (secret_hash, user_id, csrf_token, now_us, expires_us),
    )


def live_session(db: Database, secret_hash: str, now_us: int) -> SessionRow | None:
    row = db.fetchone(
        "SELECT u.id, u.name, u.role, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.secret_hash = ? AND s.expires_us > ?",
        (secret_hash, now_us),
    )
    return None if row is None else (int(row[0]), row[1], row[2], row[3])


def delete_session_txn(db: Database, secret_hash: str) -> None:
    db.execute("DELETE FROM sessions WHERE secret_hash = ?", (secret_hash,))


def delete_expired_sessions_txn(db: Database, now_us: int) -> None:
    db.execute("DELETE FROM sessions WHERE expires_us <= ?", (now_us,))


def insert_token_txn(db: Database, secret_hash: str, user_id: int, role: str, name: str, now_us: int) -> int:
    db.execute(
        "INSERT INTO api_tokens (secret_hash, user_id, role, name, created_us) VALUES (?, ?, ?, ?, ?)",
        (secret_hash, user_id, role, name, now_us),
    )
    return int(db.scalar("SELECT id FROM api_tokens WHERE secret_hash = ?", (secret_hash,)))


def live_token(db: Database, secret_hash: str) -> TokenRow | None:
    row = db.fetchone(
        "SELECT t.id, u.id, u.name, t.role FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.secret_hash = ? AND t.revoked_us IS NULL",
        (secret_hash,),
    )
    return None if row is None else (int(row[0]), int(row[1]), row[2], row[3])


def revoke_token_txn(db: Database, token_id: int, now_us: int) -> bool:
    cursor = db.execute(
        "UPDATE api_tokens SET revoked_us = ? WHERE id = ? AND revoked_us IS NULL", (now_us, token_id)
    )
    return bool(cursor.rowcount)


def tokens_of_users(db: Database) -> list[tuple[int, str, str, str, int, int | None]]:
    """(id, user name, role, token name, created_us, revoked_us) of every token, oldest first."""
    rows = db.fetchall(
        "SELECT t.id, u.name, t.role, t.name, t.created_us, t.revoked_us FROM api_tokens t "
        "JOIN users u ON u.id = t.user_id ORDER BY t.id"
    )
    return [(int(r[0]), r[1], r[2], r[3], int(r[4]), None if r[5] is None else int(r[5])) for r in rows]
