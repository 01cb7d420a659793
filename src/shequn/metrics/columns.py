"""The event log as columns: one numpy array per field, one position per event.

Kinds are small integer codes (`KIND_CODES`); accounts are identity ids, resolved to member ids
through `member_of` (identity id -> member id, -1 for bots and system accounts, which are never
members). `-1` stands for "none" in every id column, `NO_OFFSET` in `utc_offset_min`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..domain.events import Kind

Int64s = npt.NDArray[np.int64]

KIND_CODES: dict[Kind, int] = {kind: code for code, kind in enumerate(Kind)}
MESSAGE = KIND_CODES[Kind.MESSAGE]
REACTION = KIND_CODES[Kind.REACTION]
JOIN = KIND_CODES[Kind.JOIN]
LEAVE = KIND_CODES[Kind.LEAVE]
REMOVAL = KIND_CODES[Kind.REMOVAL]
GROUP_CREATED = KIND_CODES[Kind.GROUP_CREATED]
GROUP_RENAMED = KIND_CODES[Kind.GROUP_RENAMED]
ORDER_PAID = KIND_CODES[Kind.ORDER_PAID]
ORDER_REFUNDED = KIND_CODES[Kind.ORDER_REFUNDED]
NO_OFFSET = -32768


@dataclass(frozen=True)
class EventColumns:
    """Every event of one community, in no particular order.

    `channel` is, for a join, the index in `channels` of its entry channel (the entry code when it
    has one, else how it happened: link, added, request...), and -1 for every other event.
    """

    time_us: Int64s
    kind: npt.NDArray[np.int8]
    group: Int64s
    actor: Int64s
    target: Int64s
    inviter: Int64s
    utc_offset_min: npt.NDArray[np.int16]
    amount_fen: Int64s
    channel: Int64s
    channels: tuple[str, ...]
    member_of: Int64s

    def __len__(self) -> int:
        return len(self.time_us)

    def member(self, identities: Int64s) -> Int64s:
        """Member ids of identity ids; -1 for none, bots and system accounts."""
        members: Int64s = np.where(identities >= 0, self.member_of[np.maximum(identities, 0)], -1)
        return members

    def subject(self) -> Int64s:
        """The identity a membership event is about: the target of a removal, else the actor."""
        subjects: Int64s = np.where(self.kind == REMOVAL, self.target, self.actor)
        return subjects

    def where(self, chosen: npt.NDArray[np.bool_]) -> EventColumns:
        """Only the chosen events (a boolean mask); the channel names and member lookup stay."""
        return EventColumns(
            self.time_us[chosen], self.kind[chosen], self.group[chosen], self.actor[chosen],
            self.target[chosen], self.inviter[chosen], self.utc_offset_min[chosen], self.amount_fen[chosen],
            self.channel[chosen], self.channels, self.member_of,
        )  # fmt: skip

    def last_time_us(self) -> int:
        return int(self.time_us.max()) if len(self) else 0


def empty_columns() -> EventColumns:
    none = np.zeros(0, dtype=np.int64)
    return EventColumns(
        none, np.zeros(0, np.int8), none, none, none, none, np.zeros(0, np.int16), none, none, (), none
    )
