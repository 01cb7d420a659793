"""The fraud flags of `shequn fission`, with their evidence in members and times a person can read."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..domain.clock import iso_time
from ..metrics.fraud import Flag, FraudRules, all_flags
from ..store import Database
from ..store.interactions import mentions_txn, replies_txn
from .communities import Community
from .load_fission import FissionData


def find_fission_fraud(
    db: Database, community: Community, data: FissionData, rules: FraudRules | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Each flagged inviter's member id, with their flags: {"flag", "evidence"}; evidence names
    invitees by member id and times in the community's zone."""
    source, target = _interactions(db, community, data)
    found = all_flags(
        data.forest,
        data.result,
        data.spans,
        data.joins,
        (source, target),
        data.as_of_us,
        rules or FraudRules(),
    )
    flags: dict[int, list[dict[str, Any]]] = {}
    for flag in found:
        member = int(data.members[flag.inviter])
        flags.setdefault(member, []).append({"flag": flag.flag, "evidence": _readable(flag, data, community)})
    return flags


def _interactions(db: Database, community: Community, data: FissionData) -> tuple[np.ndarray, np.ndarray]:
    """Replies and mentions up to the as-of moment, between people fission knows, as person numbers."""
    parts = [replies_txn(db, community.id), mentions_txn(db, community.id)]
    _, source, target, time = (np.concatenate([part[i] for part in parts]) for i in range(4))
    keep = time <= data.as_of_us
    source, target = _people(data, source[keep]), _people(data, target[keep])
    known = (source >= 0) & (target >= 0) & (source != target)
    return source[known], target[known]


def _people(data: FissionData, members: np.ndarray) -> np.ndarray:
    position = np.minimum(np.searchsorted(data.members, members), max(len(data.members) - 1, 0))
    found = len(data.members) > 0 and data.members[position] == members
    return np.where(found, position, -1).astype(np.int64)


def _readable(flag: Flag, data: FissionData, community: Community) -> dict[str, Any]:
    evidence: dict[str, Any] = {}
    for name, value in flag.evidence.items():
        if name == "invitees" and isinstance(value, list):
            evidence[name] = [int(data.members[person]) for person in value]
        elif name.endswith("_us") and isinstance(value, int):
            evidence[name.removesuffix("_us")] = iso_time(value, None, community.zone)
        else:
            evidence[name] = value
    return evidence
