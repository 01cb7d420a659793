"""The branching-process forecast, recomputed by hand on tiny cascades (docs/fission.md#forecast)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from cast import at
from shequn.cli.main import cli
from shequn.metrics.fission import MICROS_PER_DAY
from shequn.metrics.forecast import BranchingFit, Seeds, descendants, fit_branching, intervals, simulate
from shequn.services.communities import Community, find_community
from shequn.services.entry_channels import InvalidSetting
from shequn.services.forecast_fission import forecast_fission
from shequn.services.load_fission import load_fission
from shequn.services.record_events import record_events
from shequn.store import Database
from test_fission import story

DAY = MICROS_PER_DAY


def every_one_brings_two_after_ten_days() -> BranchingFit:
    return BranchingFit((np.array([2]),), np.array([10 * DAY]), 30 * DAY)


def one_seed(age_days: float) -> Seeds:
    return Seeds(np.array([int(age_days * DAY)]), np.array([0]))


def test_a_deterministic_process_brings_its_known_size() -> None:
    counts = simulate(every_one_brings_two_after_ten_days(), one_seed(0), [25 * DAY, 30 * DAY], 5, seed=1)
    # day 10: 2 children, day 20: 4 grandchildren (6 by day 25); day 30: 8 more (14)
    assert counts.tolist() == [[6, 14]] * 5
    [by_25, by_30] = intervals(counts)
    assert (by_25.mean, by_25.low, by_25.high, by_30.mean) == (6, 6, 6, 14)


def test_a_seed_only_brings_the_children_still_to_come() -> None:
    fit = every_one_brings_two_after_ten_days()
    # 5 days in: children at +5, grandchildren at +15, great-grandchildren at +25
    assert simulate(fit, one_seed(5), [25 * DAY], 3, seed=1).tolist() == [[14]] * 3
    # 15 days in: its two children came 5 days ago and are the past; nothing of theirs is seen
    assert simulate(fit, one_seed(15), [25 * DAY], 3, seed=1).tolist() == [[0]] * 3
    # older than the window: done
    assert simulate(fit, one_seed(30), [90 * DAY], 3, seed=1).tolist() == [[0]] * 3


def test_a_random_offspring_averages_to_its_mean_and_a_seed_repeats_the_runs() -> None:
    fit = BranchingFit((np.array([0, 2]),), np.array([DAY]), 30 * DAY)  # 0 or 2 children, 1 day on
    counts = simulate(fit, one_seed(0), [int(1.5 * DAY)], 20_000, seed=7)
    assert counts.mean() == pytest.approx(1.0, abs=0.03)
    assert set(counts[:, 0].tolist()) == {0, 2}
    [interval] = intervals(counts)
    assert (interval.low, interval.high) == (0, 2)
    assert np.array_equal(counts, simulate(fit, one_seed(0), [int(1.5 * DAY)], 20_000, seed=7))


def test_each_generation_has_its_own_offspring() -> None:
    fit = BranchingFit((np.array([3]), np.array([1]), np.array([0])), np.array([DAY]), 30 * DAY)
    counts = simulate(fit, one_seed(0), [10 * DAY], 2, seed=1)
    assert counts.tolist() == [[6]] * 2  # 3 at generation 1, one each at generation 2, then none


def test_descendants_follow_the_parents_down() -> None:
    parent = np.array([-1, 0, 1, 1, -1, 4])
    below = descendants(parent, np.array([False, True, False, False, False, False]))
    assert below.tolist() == [False, False, True, True, False, False]


def test_the_fit_counts_offspring_within_the_window_of_people_seen_long_enough(
    db: Database, community: Community
) -> None:
    record_events(db, community, "test", story())
    data = load_fission(db, community, at(days=60))
    fit = fit_branching(data.forest, at(days=60), 10 * DAY)
    # arrived by day 50: alice (depth 0, brought bob), eve (0, none), bob (1, carol and dave within
    # 2 days), carol and dave (2; carol brought frank 53 days after arriving: outside the window)
    assert [sorted(counts.tolist()) for counts in fit.offspring] == [[0, 1], [2], [0, 0]]
    assert sorted((fit.delays_us // DAY).tolist()) == [1, 1, 2]
    assert fit.mean_offspring() == [0.5, 2.0, 0.0]


def test_the_forecast_reports_what_happened_after_the_cut(db: Database, community: Community) -> None:
    record_events(db, community, "test", story())
    found = forecast_fission(db, community, cut_us=at(days=25), window_days=10, runs=50)
    # seeds: alice, bob, carol, dave, all older than the window: none brings anyone more
    assert found.seeds == 4
    assert [h.interval.mean for h in found.horizons] == [0, 0]
    # by day 55 frank came, carol's invitee; the log ends on day 57, before the 90 days
    assert [h.happened for h in found.horizons] == [1, None]


def test_a_campaign_forecast_grows_from_its_people_and_their_inviters(
    db: Database, community: Community
) -> None:
    record_events(db, community, "test", story())
    found = forecast_fission(db, community, "poster-a", cut_us=at(days=56), window_days=10, runs=10)
    assert found.seeds == 1  # eve, by the channel's code, and nobody brought her
    with pytest.raises(InvalidSetting, match="no campaign named or coded 'nope'"):
        forecast_fission(db, community, "nope", cut_us=at(days=56))
    with pytest.raises(InvalidSetting, match="arrived 90 days before it"):
        forecast_fission(db, community, cut_us=at(days=56))


def test_the_command_prints_the_forecast_and_refuses_a_bad_cut(db_url: str, db: Database) -> None:
    runner = CliRunner()
    base = ["--db", db_url]
    assert runner.invoke(cli, [*base, "init"]).exit_code == 0
    record_events(db, find_community(db, None), "test", story())
    result = runner.invoke(
        cli,
        [*base, "campaign", "forecast", "--as-of", "2026-03-26T09:00+08:00", "--window-days", "10", "--json"],
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert (printed["seeds"], printed["mean_offspring"]) == (4, [1.0, 2.0, 0.0])
    assert [h["happened"] for h in printed["horizons"]] == [1, None]
    refused = runner.invoke(cli, [*base, "campaign", "forecast", "--as-of", "yesterday-ish"])
    assert refused.exit_code != 0 and "--as-of" in refused.output
    early = runner.invoke(cli, [*base, "campaign", "forecast", "--as-of", "2026-03-02"])
    assert early.exit_code == 1 and "expected someone to have arrived 90 days before it" in early.output
