"""The interaction graph's raw material: every reply, mention, heuristic answer and invitation of a
community (or of one of its groups), read once per state of the log."""

from __future__ import annotations

import numpy as np

from ..metrics.interactions import (
    DEFAULT_ANSWER_WINDOW_US,
    Interactions,
    Layer,
    answers,
    combined,
    interactions,
)
from ..store import Database
from ..store.communities import groups_named_txn
from ..store.interactions import (
    find_members_txn,
    group_messages_txn,
    invites_txn,
    mentions_txn,
    replies_txn,
    replyless_groups_txn,
)
from ..store.overview import log_position_txn
from .communities import Community


class NotFound(LookupError):
    """A group or member named on the command line or in a URL that the community does not hold."""


# Reading a big community's interactions takes seconds; while the log has not grown, the last answer
# is still the answer.
_latest: dict[tuple[str, int, int | None, int], tuple[tuple[int, str], Interactions]] = {}


def read_interactions(
    db: Database, community: Community, group_id: int | None = None,
    answer_window_us: int = DEFAULT_ANSWER_WINDOW_US,
) -> Interactions:  # fmt: skip
    """Every interaction in the community, or in one group."""
    position = log_position_txn(db)
    key = (db.url, community.id, group_id, answer_window_us)
    remembered = _latest.get(key)
    if remembered and remembered[0] == position:
        return remembered[1]
    found = _read(db, community.id, group_id, answer_window_us)
    _latest[key] = (position, found)
    return found


def _read(db: Database, community_id: int, group_id: int | None, window_us: int) -> Interactions:
    parts = [
        _layer(replies_txn(db, community_id, group_id), Layer.REPLY),
        _layer(mentions_txn(db, community_id, group_id), Layer.MENTION),
        _layer(invites_txn(db, community_id, group_id), Layer.INVITE),
    ]
    group, author, time_us = group_messages_txn(
        db, community_id, replyless_groups_txn(db, community_id, group_id)
    )
    parts.append(answers(group, author, time_us, window_us))
    return combined(*parts)


def _layer(columns: tuple[np.ndarray, ...], layer: Layer) -> Interactions:
    group, source, target, time_us = columns
    return interactions(source, target, group, time_us, layer)


def find_group(db: Database, community: Community, text: str) -> int:
    """The id of the group named `text` (its name, handle or id)."""
    found = groups_named_txn(db, community.id, text)
    if len(found) != 1:
        problem = "no group" if not found else f"{len(found)} groups"
        raise NotFound(f"{problem} named {text!r} in community {community.name!r}; give its id or handle")
    return found[0]


def find_member(db: Database, community: Community, text: str) -> int:
    """The member id of the person named `text` (an account's name or handle, or the member id)."""
    found = find_members_txn(db, community.id, text)
    if len(found) != 1:
        problem = "no member" if not found else f"{len(found)} members ({', '.join(map(str, found[:5]))})"
        raise NotFound(f"{problem} named {text!r} in community {community.name!r}; give a member id")
    return found[0]
