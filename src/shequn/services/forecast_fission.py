"""`shequn campaign forecast`: how many people a campaign's cascades (or the whole community's) will
bring in the next 30 and 90 days, from a branching process fitted to the cascades before a cut; and,
when the log goes on past the cut, what did happen (the backtest). Docs: docs/fission.md#forecast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..domain.clock import iso_time
from ..metrics.fission import MICROS_PER_DAY
from ..metrics.forecast import (
    BranchingFit,
    Interval,
    NotEnoughHistory,
    Seeds,
    descendants,
    fit_branching,
    intervals,
    simulate,
)
from ..metrics.presence_spans import NO_TIME
from ..store import Database
from ..store.fission_reads import last_event_time_txn
from .campaigns import campaign_people, find_campaign
from .communities import Community
from .entry_channels import InvalidSetting
from .load_fission import FissionData, load_fission

HORIZON_DAYS = (30, 90)


@dataclass(frozen=True)
class HorizonForecast:
    days: int
    interval: Interval
    happened: int | None  # new people in the cascades by then, when the log reaches that far


@dataclass(frozen=True)
class FissionForecast:
    campaign: str | None
    cut_us: int
    seeds: int  # people the cascades grow from
    fit: BranchingFit
    horizons: list[HorizonForecast]

    def as_json(self, community: Community) -> dict[str, Any]:
        return {
            "campaign": self.campaign,
            "cut": iso_time(self.cut_us, None, community.zone),
            "seeds": self.seeds,
            "window_days": self.fit.window_us / MICROS_PER_DAY,
            "mean_offspring": [round(mean, 4) for mean in self.fit.mean_offspring()],
            "fitted_inviters": [len(counts) for counts in self.fit.offspring],
            "median_delay_days": _median_days(self.fit),
            "horizons": [
                {
                    "days": h.days,
                    "mean": round(h.interval.mean, 2),
                    "low": round(h.interval.low, 2),
                    "high": round(h.interval.high, 2),
                    "happened": h.happened,
                }
                for h in self.horizons
            ],
        }


def forecast_fission(
    db: Database, community: Community, campaign: str | None = None, cut_us: int | None = None,
    window_days: float = 90.0, runs: int = 1000, seed: int = 0,
) -> FissionForecast:  # fmt: skip
    """Forecast from the log up to `cut_us` (default: the last event); the seeds are the campaign's
    people and their inviters (entering at the campaign's start), or everyone in the community."""
    if runs < 1 or window_days <= 0:
        raise InvalidSetting("runs and window: expected at least one run and a window of more than 0 days")
    last_us = last_event_time_txn(db, community.id) or 0
    cut_us = last_us if cut_us is None else cut_us
    data = load_fission(db, community, cut_us)
    scope, entered = _scope(db, community, data, campaign)
    try:
        fit = fit_branching(data.forest, cut_us, int(window_days * MICROS_PER_DAY))
    except NotEnoughHistory:
        raise InvalidSetting(
            f"cut: expected someone to have arrived {window_days:g} days before it (the fit window)"
        ) from None
    seeds = Seeds(cut_us - entered[scope], data.forest.depth[scope])
    horizons = [days * MICROS_PER_DAY for days in HORIZON_DAYS]
    counts = simulate(fit, seeds, horizons, runs, seed)
    happened = _happened(db, community, data.members[scope], cut_us, horizons, last_us)
    return FissionForecast(
        campaign=campaign,
        cut_us=cut_us,
        seeds=int(scope.sum()),
        fit=fit,
        horizons=[
            HorizonForecast(days, interval, done)
            for days, interval, done in zip(HORIZON_DAYS, intervals(counts), happened, strict=True)
        ],
    )


def _scope(
    db: Database, community: Community, data: FissionData, campaign: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """(who the cascades grow from, when each entered them)."""
    forest = data.forest
    known = forest.arrival_us != NO_TIME
    if campaign is None:
        return known, forest.arrival_us
    code, starts_us = _campaign(db, community, data, campaign)
    brought = campaign_people(data, {code}) & forest.attributed
    inviters = np.zeros(len(known), dtype=bool)
    inviters[forest.parent[brought & (forest.parent >= 0)]] = True
    scope = brought | inviters
    scope |= descendants(forest.parent, scope)
    # An inviter joins the campaign's cascades when it starts, not when they arrived.
    entered = np.where(inviters & ~brought, np.maximum(forest.arrival_us, starts_us), forest.joined_us)
    return scope, entered


def _campaign(db: Database, community: Community, data: FissionData, campaign: str) -> tuple[str, int]:
    """(code, start) of a campaign, by its name or code; a code only seen on joins starts with the
    first of them."""
    try:
        record = find_campaign(db, community, campaign)
    except InvalidSetting:
        if campaign not in data.codes:
            raise
        used = data.forest.joined_us[data.forest.code == data.codes.index(campaign)]
        return campaign, int(used.min())
    return record.code, record.starts_us


def _happened(
    db: Database, community: Community, seed_members: np.ndarray, cut_us: int, horizons: list[int],
    last_us: int,
) -> list[int | None]:  # fmt: skip
    """For each horizon the log covers: the people who joined after the cut, by then, below a seed."""
    reached = [h for h in horizons if cut_us + h <= last_us]
    if not reached:
        return [None] * len(horizons)
    later = load_fission(db, community, cut_us + max(reached))
    forest = later.forest
    is_seed = np.isin(later.members, seed_members)
    below = descendants(forest.parent, is_seed) & ~is_seed & (forest.joined_us > cut_us)
    return [int((below & (forest.joined_us <= cut_us + h)).sum()) if h in reached else None for h in horizons]


def _median_days(fit: BranchingFit) -> float | None:
    if not len(fit.delays_us):
        return None
    return round(float(np.median(fit.delays_us)) / MICROS_PER_DAY, 2)
