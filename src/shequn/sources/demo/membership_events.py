"""One group's life as events: created (and perhaps renamed), then every join, leave and removal."""

from __future__ import annotations

from collections.abc import Iterator

from ...domain.events import Account, Event, Kind
from .entries import CODES
from .plan import Plan
from .table import VIAS, Ending
from .year import OFFSET_MIN


def membership_events(plan: Plan, group: int, accounts: list[Account]) -> Iterator[Event]:
    first = int(plan.starts[group])
    rows = plan.group_rows(group)
    local = {person: row for row, person in enumerate(rows.person.tolist())}

    def account(person: int) -> Account:
        row = local.get(person)
        return accounts[row] if row is not None else plan.cast.account(person, plan.groups.platform[group])

    yield from _group_events(plan, group, account(plan.cast.owner_of(group)))
    platform, handle, prefix = plan.groups.platform[group], plan.groups.handle[group], plan.prefix
    columns = zip(
        rows.join_us.tolist(), rows.via.tolist(), rows.inviter.tolist(), rows.code.tolist(),
        rows.end_us.tolist(), rows.ending.tolist(), rows.remover.tolist(), strict=True,
    )  # fmt: skip
    for row, (join_us, via, inviter, code, end_us, ending, remover) in enumerate(columns):
        number, me = first + row, accounts[row]
        yield Event(
            key=f"{prefix}join:{number}", kind=Kind.JOIN, platform=platform, group=handle, time_us=join_us,
            actor=me, utc_offset_min=OFFSET_MIN, via=VIAS[via],
            inviter=account(inviter) if inviter >= 0 else None, code=CODES[code] if code >= 0 else None,
        )  # fmt: skip
        if ending != Ending.STAYS:
            remover_account = account(remover) if ending == Ending.REMOVAL else None
            yield _departure(plan, group, number, end_us, me, remover_account)


def _departure(
    plan: Plan, group: int, number: int, time_us: int, member: Account, remover: Account | None
) -> Event:
    """The member leaving, or being removed when `remover` is given."""
    kind = Kind.LEAVE if remover is None else Kind.REMOVAL
    return Event(
        key=f"{plan.prefix}{kind.value}:{number}", kind=kind, platform=plan.groups.platform[group],
        group=plan.groups.handle[group], time_us=time_us, actor=remover or member,
        target=member if remover else None, utc_offset_min=OFFSET_MIN,
    )  # fmt: skip


def _group_events(plan: Plan, group: int, owner: Account) -> Iterator[Event]:
    groups = plan.groups
    title = groups.title[group]
    yield Event(
        key=f"{plan.prefix}g{group}:created", kind=Kind.GROUP_CREATED, platform=groups.platform[group],
        group=groups.handle[group], time_us=int(groups.created_us[group]), actor=owner, group_name=title,
        utc_offset_min=OFFSET_MIN, text=title,
    )  # fmt: skip
    renamed_us = int(groups.renamed_us[group])
    if renamed_us >= 0:
        new_title = groups.new_title(group)
        yield Event(
            key=f"{plan.prefix}g{group}:renamed", kind=Kind.GROUP_RENAMED, platform=groups.platform[group],
            group=groups.handle[group], time_us=renamed_us, actor=owner, group_name=new_title,
            utc_offset_min=OFFSET_MIN, text=new_title,
        )  # fmt: skip
