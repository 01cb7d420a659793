"""`shequn call-energy`: the call energy (号召力) of each group owner, ranked, and month by month."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..metrics.call_energy import by_owner, by_owner_and_month, calls
from ..store import Database
from ..store.interactions import group_messages_txn, group_names_txn, member_names_txn, owners_txn
from .communities import Community


@dataclass(frozen=True)
class OwnerMonth:
    month: str  # YYYY-MM, UTC
    calls: int
    call_energy: float


@dataclass(frozen=True)
class OwnerRow:
    member_id: int
    name: str
    rank: int
    groups: tuple[str, ...]  # the groups they own
    calls: int  # their messages in groups they own
    mean_responders: float  # distinct other members writing within 24 h of a call, on average
    call_energy: float  # responders / the group's active members that month, on average
    months: tuple[OwnerMonth, ...]


def read_call_energy(db: Database, community: Community, top: int | None = None) -> tuple[OwnerRow, ...]:
    owners = owners_txn(db, community.id)
    group, author, time_us = group_messages_txn(db, community.id, sorted(owners))
    found = calls(group, author, time_us, owners)
    ranked = by_owner(found)
    shown = len(ranked.owner) if top is None else min(top, len(ranked.owner))
    chosen = [int(m) for m in ranked.owner[:shown]]
    names = member_names_txn(db, community.id, chosen)
    group_names = group_names_txn(db, community.id)
    month_owner, month, month_calls, month_energy = by_owner_and_month(found)
    return tuple(
        OwnerRow(
            member_id=member,
            name=names.get(member, str(member)),
            rank=i + 1,
            groups=tuple(group_names.get(g, str(g)) for g, m in sorted(owners.items()) if m == member),
            calls=int(ranked.calls[i]),
            mean_responders=round(float(ranked.responders[i]), 4),
            call_energy=round(float(ranked.energy[i]), 6),
            months=tuple(
                OwnerMonth(_month_label(int(month[j])), int(month_calls[j]), round(float(month_energy[j]), 6))
                for j in np.flatnonzero(month_owner == member)
            ),
        )
        for i, member in enumerate(chosen)
    )


def _month_label(months_since_1970: int) -> str:
    return f"{1970 + months_since_1970 // 12}-{months_since_1970 % 12 + 1:02d}"
