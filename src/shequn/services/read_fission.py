"""`shequn fission`: the honest fission numbers of a community (or one campaign) as of a moment."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..metrics.fission import MonthK, Tally, Totals, Windows, k_by_month, tally_by, totals
from ..metrics.referrals import generation_sizes
from ..store import Database, StoreError
from ..store.fission_reads import member_names_txn
from .campaigns import campaign_people, list_campaigns
from .communities import Community
from .entry_channels import list_channels
from .find_fission_fraud import find_fission_fraud
from .load_fission import FissionData, load_fission


@dataclass(frozen=True)
class InviterRow:
    member_id: int
    name: str | None
    invited: int
    retained_30d: int
    activated_14d: int
    real: int
    pending: int
    flags: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ChannelRow:
    code: str
    name: str | None
    joins: int
    retained_30d: int
    activated_14d: int
    real: int
    pending: int
    cost_fen: int | None = None

    @property
    def cost_per_real_fen(self) -> int | None:
        return None if self.cost_fen is None or not self.real else self.cost_fen // self.real


@dataclass(frozen=True)
class FissionReport:
    as_of_us: int
    totals: Totals
    generations: list[int]
    inviters: list[InviterRow]
    inviter_count: int
    channels: list[ChannelRow]
    months: list[MonthK] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The fields `shequn fission --json` promises (docs/cli.md)."""
        return {
            "people": self.totals.people,
            "attributed_joins": self.totals.attributed_joins,
            "k_raw": round(self.totals.k_raw, 6),
            "k_real": round(self.totals.k_real, 6),
            "max_depth": self.totals.max_depth,
            "inviters": [
                {
                    "member_id": row.member_id,
                    "name": row.name,
                    "invited": row.invited,
                    "retained_30d": row.retained_30d,
                    "activated_14d": row.activated_14d,
                    "real": row.real,
                    "flags": row.flags,
                }
                for row in self.inviters
            ],
            "channels": [
                {
                    "code": row.code,
                    "name": row.name,
                    "joins": row.joins,
                    "retained_30d": row.retained_30d,
                    "activated_14d": row.activated_14d,
                    "real": row.real,
                    "pending": row.pending,
                    "cost_fen": row.cost_fen,
                    "cost_per_real_fen": row.cost_per_real_fen,
                }
                for row in self.channels
            ],
            "months": [
                asdict(month) | {"k_raw": round(month.k_raw, 6), "k_real": round(month.k_real, 6)}
                for month in self.months
            ],
        }


def read_fission(
    db: Database,
    community: Community,
    as_of_us: int | None = None,
    windows: Windows | None = None,
    top: int | None = None,
    campaign: str | None = None,
) -> FissionReport:
    """Totals, the inviters (most real invitees first; `top` of them) and the entry codes; with a
    campaign (a code), only the joins that carry it."""
    data = load_fission(db, community, as_of_us, windows)
    chosen = np.ones(len(data.members), dtype=bool)
    if campaign is not None:
        chosen = campaign_people(data, _campaign_codes(db, community, data, campaign))
    return report(db, community, data, chosen, top, find_fission_fraud(db, community, data))


def _campaign_codes(db: Database, community: Community, data: FissionData, campaign: str) -> set[str]:
    """A campaign's code, by its name or code; or any code seen on joins."""
    for record in list_campaigns(db, community):
        if campaign in (record.name, record.code):
            return {record.code}
    if campaign not in data.codes:
        raise StoreError(f"no campaign or code {campaign!r} in community {community.name!r}")
    return {campaign}


def report(
    db: Database, community: Community, data: FissionData, chosen: np.ndarray, top: int | None,
    flags: dict[int, list[dict[str, Any]]],
) -> FissionReport:  # fmt: skip
    """The report over the attributed joins of the people in `chosen`."""
    forest, result = data.forest, data.result
    counted = chosen & forest.attributed
    by_inviter = tally_by(forest.parent, counted, result)
    order = np.lexsort((data.members[by_inviter.key], -by_inviter.joins, -by_inviter.real))
    shown = order if top is None else order[:top]
    inviter_members = [int(data.members[by_inviter.key[i]]) for i in shown]
    names = member_names_txn(db, community.id, inviter_members)
    inviters = [
        InviterRow(member, names.get(member), *_counts(by_inviter, i), flags.get(member, []))
        for member, i in zip(inviter_members, shown, strict=True)
    ]
    by_code = tally_by(forest.code, counted, result)
    registered = {channel.code: channel for channel in list_channels(db, community)}
    channels = []
    for i in range(len(by_code.key)):
        code = data.codes[by_code.key[i]]
        known = registered.get(code)
        name, cost = (known.name, known.cost_fen) if known else (None, None)
        channels.append(ChannelRow(code, name, *_counts(by_code, i), cost))
    channels.sort(key=lambda row: (-row.real, -row.joins, row.code))
    return FissionReport(
        as_of_us=data.as_of_us,
        totals=totals(forest, result, chosen),
        generations=generation_sizes(forest, chosen),
        inviters=inviters,
        inviter_count=len(by_inviter.key),
        channels=channels,
        months=k_by_month(forest, result, chosen, community.zone),
    )


def _counts(tally: Tally, i: int) -> tuple[int, int, int, int, int]:
    return (
        int(tally.joins[i]),
        int(tally.retained[i]),
        int(tally.activated[i]),
        int(tally.real[i]),
        int(tally.pending[i]),
    )
