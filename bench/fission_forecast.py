"""Backtest of the fission forecast on the demo: cut the log at a date, forecast, compare with what
happened in the 30 and 90 days after (docs/fission.md#forecast).

    .venv/bin/python bench/fission_forecast.py [--db bench/out/demo-5k.db] [--members 5000]

Builds the demo database first when it does not exist (`shequn demo --members N`). Prints a Markdown
table: per cut and scope (the whole community's referral cascades, the demo's campaign fission-2605),
the forecast mean and 80% interval, what happened, and the error of the mean.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from shequn.domain.clock import parse_time
from shequn.services.communities import find_community
from shequn.services.entry_channels import InvalidSetting
from shequn.services.forecast_fission import forecast_fission
from shequn.store import open_store

CUTS = ("2026-03-01", "2026-05-15", "2026-05-22", "2026-06-15", "2026-07-15")
CAMPAIGN = "fission-2605"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="bench/out/demo-5k.db")
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--window-days", type=float, default=90.0)
    options = parser.parse_args()
    if not Path(options.db).exists():
        shequn = Path(sys.executable).parent / "shequn"
        subprocess.run([shequn, "--db", options.db, "demo", "--members", str(options.members)], check=True)
    db = open_store(options.db)
    community = find_community(db, None)
    print(f"window {options.window_days:g} days, 1000 runs, seed 0\n")
    print("| cut | scope | days | forecast (80% interval) | happened | error of the mean |")
    print("|---|---|---:|---:|---:|---:|")
    errors = []
    for cut in CUTS:
        for scope in (None, CAMPAIGN):
            if scope is not None and cut < "2026-05-09":
                continue  # the campaign starts on 2026-05-08
            cut_us = parse_time(cut, community.zone)
            try:
                found = forecast_fission(db, community, scope, cut_us, options.window_days)
            except InvalidSetting:
                continue  # not a whole window of history before this cut
            for horizon in found.horizons:
                if horizon.happened is None:
                    continue
                interval, happened = horizon.interval, horizon.happened
                error = (interval.mean - happened) / happened if happened else float("nan")
                inside = interval.low <= happened <= interval.high
                errors.append((abs(error), inside))
                print(
                    f"| {cut} | {scope or 'community'} | {horizon.days} | "
                    f"{interval.mean:,.0f} ({interval.low:,.0f}–{interval.high:,.0f}) | {happened:,} | "
                    f"{error:+.0%}{'' if inside else ' (outside)'} |"
                )
    mean_error = sum(error for error, _ in errors) / len(errors)
    covered = sum(inside for _, inside in errors)
    print(f"\nmean absolute error {mean_error:.0%}; {covered} of {len(errors)} inside the 80% interval")


if __name__ == "__main__":
    main()
