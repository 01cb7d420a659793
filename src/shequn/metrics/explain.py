"""The interactions behind a member's rank: who answered, mentioned and was invited by them, and how
much each counts today."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .interactions import Interactions, Layer, decayed_weights


@dataclass(frozen=True)
class Partner:
    """Everyone one member interacted with in one layer and one direction, summed."""

    member: int  # the other member
    layer: Layer
    outgoing: bool  # True: the member acted towards them (answered, mentioned, invited them)
    count: int
    weight: float  # the decayed weight the graph gives these interactions (0 for invitations)
    groups: tuple[int, ...]


def partners(found: Interactions, member: int, now_us: int, half_life_days: float) -> list[Partner]:
    """`member`'s partners, heaviest first (then most interactions, then by member id)."""
    mine = found.where((found.source == member) | (found.target == member))
    weights = decayed_weights(mine, now_us, half_life_days)
    summed: dict[tuple[int, int, bool], list[float]] = {}
    groups: dict[tuple[int, int, bool], set[int]] = {}
    outgoing = mine.source == member
    other = np.where(outgoing, mine.target, mine.source)
    for who, layer, out, weight, group in zip(
        other.tolist(),
        mine.layer.tolist(),
        outgoing.tolist(),
        weights.tolist(),
        mine.group.tolist(),
        strict=True,
    ):
        key = (who, layer, out)
        totals = summed.setdefault(key, [0, 0.0])
        totals[0] += 1
        totals[1] += weight
        groups.setdefault(key, set()).add(group)
    found_partners = [
        Partner(who, Layer(layer), out, int(count), float(weight), tuple(sorted(groups[(who, layer, out)])))
        for (who, layer, out), (count, weight) in summed.items()
    ]
    found_partners.sort(key=lambda p: (-p.weight, -p.count, p.member, p.layer, p.outgoing))
    return found_partners
