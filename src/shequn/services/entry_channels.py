"""Entry channels (渠道活码): a named code an operator hands out ("poster A", "hospital 6 QR"), with
what it cost. A join carrying the code is attributed to the channel (docs/fission.md)."""

from __future__ import annotations

import re

from ..store import Database, StoreError
from ..store.campaigns import ChannelRecord, channels_txn, insert_channel_txn
from .communities import Community

_CODE = re.compile(r"[A-Za-z0-9_\-\u4e00-\u9fff]{1,64}")


class InvalidSetting(StoreError):
    """An operator's setting that cannot be used; the message names the field and what was expected."""


def check_code(code: str, field: str = "code") -> str:
    if not _CODE.fullmatch(code):
        raise InvalidSetting(
            f"{field} {code!r}: expected 1 to 64 letters, digits, '-' or '_' (no spaces; '.' is kept for "
            "members' personal codes)"
        )
    return code


def check_name(name: str, field: str = "name") -> str:
    if not name.strip() or len(name) > 200:
        raise InvalidSetting(f"{field}: expected a non-empty name of at most 200 characters")
    return name.strip()


def add_channel(
    db: Database, community: Community, code: str, name: str, cost_fen: int | None, now_us: int
) -> ChannelRecord:
    if cost_fen is not None and cost_fen < 0:
        raise InvalidSetting(f"cost: expected an amount of at least 0, got {cost_fen / 100:.2f}")
    channel = ChannelRecord(check_code(code), check_name(name), cost_fen, now_us)
    insert_channel_txn(db, community.id, channel)
    return channel


def list_channels(db: Database, community: Community) -> list[ChannelRecord]:
    return channels_txn(db, community.id)
