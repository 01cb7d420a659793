"""System lines that name people by display name ("X加入本群。", "X邀请Y加入了群聊"), held until the
end of an export and then resolved to accounts (see sources/names.py for the rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import msgspec

from ...domain.events import Account, Event, Kind, Via


class Named(msgspec.Struct, frozen=True):
    """A person a system line names by display name only."""

    name: str


class NameList(msgspec.Struct, frozen=True):
    """One or more display names in one string ("A、B"): a single person if someone speaks under
    the whole string, otherwise one person per part."""

    text: str
    separators: tuple[str, ...] = ("、",)


Person = Account | Named | NameList | None

# (display name, time_us) -> the account, or None when the name cannot stand for anyone (the
# exporter's "你" when the export never says who that is).
Resolver = Callable[[str, int], Account | None]


class Notice(msgspec.Struct):
    """A membership, rename or recall event whose people are not yet resolved."""

    key: str
    kind: Kind
    time_us: int
    utc_offset_min: int | None
    group: str
    group_name: str | None
    actor: Person = None
    target: Person = None
    inviter: Person = None
    via: Via | None = None
    text: str | None = None
    deleted: bool = False


def numbered_key(key: str, index: int) -> str:
    """Keys for the several events one record gives: the first keeps the record's key."""
    return key if index == 0 else f"{key}/{index + 1}"


def resolve_notices(notices: Iterable[Notice], platform: str, resolve: Resolver) -> Iterator[Event]:
    """The events the notices stand for. A notice about several people gives one event each; one
    whose subject cannot be named (the exporter's "你" when the export never says who that is)
    gives none. A rename needs no known actor."""
    for notice in notices:
        removal = notice.kind is Kind.REMOVAL
        subjects = _accounts(notice.target if removal else notice.actor, notice.time_us, resolve)
        if not subjects and notice.kind is not Kind.GROUP_RENAMED:
            continue
        other = _single(notice.actor if removal else notice.target, notice.time_us, resolve)
        inviter = _single(notice.inviter, notice.time_us, resolve)
        for index, subject in enumerate(subjects or [None]):
            yield Event(
                key=numbered_key(notice.key, index),
                kind=notice.kind,
                platform=platform,
                group=notice.group,
                group_name=notice.group_name,
                time_us=notice.time_us,
                utc_offset_min=notice.utc_offset_min,
                actor=other if removal else subject,
                target=subject if removal else other,
                inviter=inviter,
                via=notice.via,
                text=notice.text,
                deleted=notice.deleted,
            )


def _single(person: Person, time_us: int, resolve: Resolver) -> Account | None:
    found = _accounts(person, time_us, resolve)
    return found[0] if found else None


def _accounts(person: Person, time_us: int, resolve: Resolver) -> list[Account]:
    if person is None or isinstance(person, Account):
        return [] if person is None else [person]
    if isinstance(person, Named):
        found = resolve(person.name, time_us)
        return [] if found is None else [found]
    return _listed(person, time_us, resolve)


def _listed(names: NameList, time_us: int, resolve: Resolver) -> list[Account]:
    whole = resolve(names.text, time_us)
    if whole is not None and whole.id is not None:
        return [whole]
    parts = [names.text]
    for separator in names.separators:
        parts = [piece.strip() for part in parts for piece in part.split(separator)]
    accounts = (resolve(part, time_us) for part in parts if part)
    return [account for account in accounts if account is not None]
