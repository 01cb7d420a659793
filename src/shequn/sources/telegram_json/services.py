"""Telegram service actions as canonical events.

| action                  | events                                                                  |
|-------------------------|-------------------------------------------------------------------------|
| create_group            | group_created (actor, text = title); a join via founder per member      |
| create_channel          | group_created (actor = the channel, text = title)                       |
| invite_members          | a join via added per member, inviter = actor; members == [actor]: the   |
|                         | actor joined by themselves (a public group), a join via link            |
| remove_members          | a removal per member (actor removed target); members == [actor]: leave  |
| join_group_by_link      | join via link; inviter = the named inviter, unless it is the group      |
| join_group_by_request   | join via request                                                        |
| edit_group_title        | group_renamed (text = the new title)                                    |

Every other action (pins, photos, calls, migrations, payments, topics...) has no canonical kind
and is dropped. `members` and `inviter` are display names: the events that hold them are built
once the export has been read, when names can be resolved (see `sources/names.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...domain.events import Account, Event, Kind, Via

PLATFORM = "telegram"
Resolve = Callable[[str | None], Account]


@dataclass(frozen=True)
class ServiceLine:
    """One service message, with what every event built from it shares. `group_name` is the
    group's title after this line: the new one, for a line that names the group."""

    key: str
    ref: str  # the service message's id
    group: str
    group_name: str | None
    time_us: int
    offset_min: int | None
    actor: Account
    title: str | None
    members: Sequence[str | None]
    inviter: str | None
    own_names: tuple[str | None, ...]  # what the group is called: an inviter by these names is the group

    def event(self, kind: Kind, number: int = 0, **fields: object) -> Event:
        """The `number`th event of this line (0 for the first, which keeps the bare key)."""
        key = self.key if number == 0 else f"{self.key}:{number}"
        fields = {"actor": self.actor, "group_name": self.group_name, **fields}
        return Event(
            key=key,
            kind=kind,
            platform=PLATFORM,
            group=self.group,
            ref=self.ref,
            time_us=self.time_us,
            utc_offset_min=self.offset_min,
            **fields,  # type: ignore[arg-type]
        )

    @property
    def only_the_actor(self) -> bool:
        return len(self.members) == 1 and self.members[0] == self.actor.name


@dataclass(frozen=True)
class Later:
    """Events that name people by display name, built once the names can be resolved."""

    line: ServiceLine
    build: Callable[[ServiceLine, Resolve], list[Event]]

    def events(self, resolve: Resolve) -> list[Event]:
        return self.build(self.line, resolve)


Built = list[Event] | Later


def created(line: ServiceLine) -> Built:
    return Later(line, _created)


def _created(line: ServiceLine, resolve: Resolve) -> list[Event]:
    events = [line.event(Kind.GROUP_CREATED, text=line.title)]
    for number, name in enumerate(line.members, start=1):
        events.append(line.event(Kind.JOIN, number, actor=resolve(name), via=Via.FOUNDER))
    return events


def channel_created(line: ServiceLine) -> Built:
    return [line.event(Kind.GROUP_CREATED, text=line.title)]


def invited(line: ServiceLine) -> Built:
    if line.only_the_actor:
        return [line.event(Kind.JOIN, via=Via.LINK)]
    return Later(line, _invited)


def _invited(line: ServiceLine, resolve: Resolve) -> list[Event]:
    return [
        line.event(Kind.JOIN, number, actor=resolve(name), via=Via.ADDED, inviter=line.actor)
        for number, name in enumerate(line.members)
    ]


def removed(line: ServiceLine) -> Built:
    if line.only_the_actor:
        return [line.event(Kind.LEAVE)]
    return Later(line, _removed)


def _removed(line: ServiceLine, resolve: Resolve) -> list[Event]:
    return [
        line.event(Kind.REMOVAL, number, target=resolve(name)) for number, name in enumerate(line.members)
    ]


def joined_by_link(line: ServiceLine) -> Built:
    if line.inviter is None or line.inviter in line.own_names:
        return [line.event(Kind.JOIN, via=Via.LINK)]
    return Later(line, _joined_by_link)


def _joined_by_link(line: ServiceLine, resolve: Resolve) -> list[Event]:
    return [line.event(Kind.JOIN, via=Via.LINK, inviter=resolve(line.inviter))]


def joined_by_request(line: ServiceLine) -> Built:
    return [line.event(Kind.JOIN, via=Via.REQUEST)]


def renamed(line: ServiceLine) -> Built:
    return [line.event(Kind.GROUP_RENAMED, text=line.title)]


TITLED = frozenset({"create_group", "create_channel", "edit_group_title"})
ACTIONS: dict[str, Callable[[ServiceLine], Built]] = {
    "create_group": created,
    "create_channel": channel_created,
    "invite_members": invited,
    "remove_members": removed,
    "join_group_by_link": joined_by_link,
    "join_group_by_request": joined_by_request,
    "edit_group_title": renamed,
}
