"""What an `m.room.member` event means for who is in the room.

The event's `sender` is who acted and its `state_key` whom it is about; `content.membership` is the
new state and `unsigned.prev_content.membership` the one before it (when the export carries it; else
the last state this reader saw). So:

| before -> after        | by themselves          | by someone else            |
|------------------------|------------------------|----------------------------|
| (none/leave) -> join   | join                   | join, added by the sender  |
| invite -> join         | join, invited by the sender of the invite              |
| knock -> invite -> join| join by request, approved by the inviter               |
| join -> join           | a name or avatar change, not a join                     |
| join -> leave          | leave                  | removal (a kick) by sender |
| invite -> leave        | invite declined: no event | invite withdrawn: no event |
| join -> ban            | -                      | removal (a ban) by sender  |
| ban -> leave           | -                      | unbanned: no event         |
| * -> invite, knock     | no event: an invite is not a join; its sender is the inviter of |
|                        | the join that accepts it                                          |
"""

from __future__ import annotations

from typing import Any

from ...domain.events import Kind

_NOT_IN_ROOM = frozenset({"invite", "knock", "ban", "leave"})


def change(new: str, previous: str | None, by_self: bool) -> Kind | None:
    """The event kind a membership change makes, or None when nobody came or went."""
    if new == "join":
        return None if previous == "join" else Kind.JOIN
    if new == "leave":
        if previous in _NOT_IN_ROOM:
            return None
        return Kind.LEAVE if by_self else Kind.REMOVAL
    if new == "ban":
        return Kind.REMOVAL if previous in (None, "join") else None
    return None


def previous_membership(raw: dict[str, Any]) -> str | None:
    """The membership before this event, as the event itself records it (modern `unsigned`, or
    the legacy top-level `prev_content` some servers still send)."""
    unsigned = raw.get("unsigned")
    for holder in (unsigned if isinstance(unsigned, dict) else None, raw):
        previous = holder.get("prev_content") if holder else None
        if isinstance(previous, dict) and isinstance(previous.get("membership"), str):
            return str(previous["membership"])
    return None


def new_membership(raw: dict[str, Any], content: dict[str, Any]) -> str | None:
    membership = content.get("membership", raw.get("membership"))
    return membership if isinstance(membership, str) else None
