"""Display names in service lines ("X added Y"), resolved to the accounts that speak under them.

Many formats name people in system lines by display name only, while their messages carry an id.
An importer notes every (name, account, time) it sees speak, holds the events that name people
until the end of the export, and resolves each name then:

1. one account ever spoke under the name: that account;
2. several did: the one whose first message under that name is the earliest at or after the event
   (a newcomer who speaks after joining);
3. none did at or after it: the one that spoke under the name most recently before the event;
4. nobody spoke under the name: an account known only by that name;
5. an empty name names nobody: None (there is no account to make of it).

Formats whose system lines are sentences about people (QQ, WeChat) hold them as `Notice`s, whose
people are names still to resolve, and turn them into events with `resolve_notices` at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import msgspec

from ..domain.events import Account, Event, Kind, Via


class NameBook:
    def __init__(self) -> None:
        self._speakers: dict[str, dict[Account, list[int]]] = {}  # name -> account -> [first, last]

    def saw(self, account: Account, time_us: int) -> None:
        """`account` spoke at `time_us` under its display name."""
        self.saw_span(account, time_us, time_us)

    def saw_span(self, account: Account, first_us: int, last_us: int) -> None:
        """`account` spoke under its display name from `first_us` to `last_us`."""
        if not account.name or not account.id:
            return
        seen = self._speakers.setdefault(account.name, {})
        span = seen.get(account)
        if span is None:
            seen[account] = [first_us, last_us]
        else:
            span[0], span[1] = min(span[0], first_us), max(span[1], last_us)

    def resolve(self, name: str, time_us: int) -> Account | None:
        if not name:
            return None
        seen = self._speakers.get(name)
        if not seen:
            return Account(None, name)
        if len(seen) == 1:
            return next(iter(seen))
        later = [(span[0], account.handle, account) for account, span in seen.items() if span[0] >= time_us]
        if later:
            return min(later)[2]
        return max((span[1], account.handle, account) for account, span in seen.items())[2]


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
