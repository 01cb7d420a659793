"""A membership system line as canonical events: who created, joined, left or was removed.

X created group "G"          group_created by X (text G), and X joins as a founder
X added Y[, Z and W]         Y (and Z, W) join, via added, inviter X ("Y was added": no inviter)
Y joined using … invite link Y joins via link (the link's owner is not named)
Y joined                     Y joins, how is not said
Y left                       Y leaves
X removed Y                  removal of Y by X
X changed the subject to "T" group_renamed by X (text T)
"""

from __future__ import annotations

from typing import Any

from ...domain.events import Account, Kind, Via
from .headers import display_name
from .systemlines import YOU, Change, SystemLine

# The person who exported the chat: WhatsApp calls them "You" (Tú, Du, Você, Vous, 你) and never
# by name, so all those words are one account with this fixed handle.
EXPORTER = Account("you", "You")

# An event to make: its kind and its fields other than key, time and group.
EventSpec = tuple[Kind, dict[str, Any]]


def account(name: str) -> Account:
    return EXPORTER if name == YOU else Account(None, display_name(name) or name)


def membership_events(line: SystemLine) -> list[EventSpec]:
    actor = account(line.actor) if line.actor else None
    targets = [account(target) for target in line.targets]
    change = line.change
    if change is Change.CREATED:
        return [
            (Kind.GROUP_CREATED, {"actor": actor, "text": line.title}),
            (Kind.JOIN, {"actor": actor, "via": Via.FOUNDER}),
        ]
    if change is Change.ADDED:
        return [(Kind.JOIN, {"actor": target, "via": Via.ADDED, "inviter": actor}) for target in targets]
    if change is Change.JOINED_BY_LINK:
        return [(Kind.JOIN, {"actor": actor, "via": Via.LINK})]
    if change is Change.JOINED:
        return [(Kind.JOIN, {"actor": actor})]
    if change is Change.LEFT:
        return [(Kind.LEAVE, {"actor": actor})]
    if change is Change.REMOVED:
        return [(Kind.REMOVAL, {"actor": actor, "target": target}) for target in targets]
    return [(Kind.GROUP_RENAMED, {"actor": actor, "text": line.title})]
