"""Choosing, creating and describing the community a command works on."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..store import Database, StoreError
from ..store.communities import community_names, community_row, insert_community, set_community_timezone

DEFAULT_NAME = "default"
DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True)
class Community:
    id: int
    name: str
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def check_timezone(name: str) -> str:
    """An IANA time zone name, or a StoreError saying what was expected."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise StoreError(
            f"unknown time zone {name!r}; expected an IANA name such as Asia/Shanghai or UTC"
        ) from None
    return name


def find_community(db: Database, name: str | None) -> Community:
    """The named community, or the only one when no name is given."""
    if name is None:
        names = community_names(db)
        if not names:
            raise StoreError(f"{db.url} holds no community yet; run `shequn init` or `shequn demo` first")
        if len(names) > 1:
            raise StoreError(
                f"{db.url} holds several communities ({', '.join(names)}); choose one with --community"
            )
        name = names[0]
    row = community_row(db, name)
    if row is None:
        raise StoreError(f"no community named {name!r} in {db.url}")
    return Community(*row)


def create_community(db: Database, name: str | None, timezone: str | None) -> Community:
    """Make a community, or return the existing one; a given time zone is (re)applied."""
    name = name or DEFAULT_NAME
    existing = community_row(db, name)
    if existing is None:
        insert_community(db, name, check_timezone(timezone or DEFAULT_TIMEZONE))
    elif timezone and timezone != existing[2]:
        set_community_timezone(db, name, check_timezone(timezone))
    return find_community(db, name)


def ensure_community(db: Database, name: str | None) -> Community:
    """The named community (made if missing), the only one, or a new default one in an empty database."""
    if name is None and community_names(db):
        return find_community(db, None)
    return create_community(db, name, None)
