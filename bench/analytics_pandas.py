"""A straightforward pandas implementation of docs/metrics.md, from the same in-memory columns:
the reference bench/analytics.py times shequn's numpy computation against, and checks it equals.

Written from the definitions, not from shequn's code: DataFrames, groupby, merge_asof, pandas' own
time zone conversion. Group names, which come from the store, are not part of either result.
"""

from __future__ import annotations

from datetime import tzinfo

import numpy as np
import pandas as pd

from shequn.metrics.columns import KIND_CODES, EventColumns

K = {kind.value: code for kind, code in KIND_CODES.items()}
DAY, WEEK = 86_400_000_000, 7 * 86_400_000_000
STAGES = [
    "former",
    "newcomer",
    "lurker",
    "distributor",
    "repeat_buyer",
    "one_time_buyer",
    "core",
    "fan",
    "talker",
]


def frame(columns: EventColumns, zone: tzinfo) -> pd.DataFrame:
    df = pd.DataFrame({
        "time": columns.time_us, "kind": columns.kind, "group": columns.group, "actor": columns.actor,
        "target": columns.target, "inviter": columns.inviter, "amount": columns.amount_fen,
        "channel": columns.channel,
    })  # fmt: skip
    lookup = pd.Series(columns.member_of)
    for role in ("actor", "target", "inviter"):
        df[f"{role}_m"] = df[role].map(lookup).fillna(-1).astype("int64").where(df[role] >= 0, -1)
    local = pd.to_datetime(df["time"], unit="us", utc=True).dt.tz_convert(str(zone)).dt.tz_localize(None)
    df["day"] = local.values.astype("datetime64[D]").astype("int64")
    return df


def period(days: pd.Series, name: str) -> pd.Series:
    if name == "day":
        return days
    if name == "week":
        return (days + 3) // 7
    return pd.Series(
        days.values.astype("datetime64[D]").astype("datetime64[M]").astype("int64"), index=days.index
    )


def day_start(days: pd.Series, zone: tzinfo) -> pd.Series:
    local = pd.to_datetime(days, unit="D").dt.tz_localize(str(zone))
    return (local.dt.tz_convert("UTC").dt.tz_localize(None) - pd.Timestamp(0)) // pd.Timedelta(microseconds=1)


class Presence:
    def __init__(self, df: pd.DataFrame, member_of: np.ndarray) -> None:
        person = lambda ids: (ids >= 0) & (member_of[np.maximum(ids, 0)] >= 0)  # noqa: E731
        ms = df[df.kind.isin([K["join"], K["leave"], K["removal"]])].copy()
        ms["who"] = np.where(ms.kind == K["removal"], ms.target, ms.actor)
        ms = ms[person(ms.who.values) & (ms.group >= 0)]
        ms["state"] = (ms.kind == K["join"]).astype("int64")
        acting = df[
            df.kind.isin([K[k] for k in ("message", "reaction", "removal", "group_created", "group_renamed")])
        ]
        inviting = df[(df.kind == K["join"]) & (df.inviter >= 0)]
        act = pd.concat(
            [
                acting[["group", "time"]].assign(who=acting.actor),
                inviting[["group", "time"]].assign(who=inviting.inviter),
            ]
        )
        act = act[person(act.who.values) & (act.group >= 0)]
        first_active = act.groupby(["group", "who"]).time.min().rename("first_active").reset_index()
        first_ms = ms.groupby(["group", "who"]).time.min().rename("first_ms").reset_index()
        both = first_active.merge(first_ms, on=["group", "who"], how="left")
        early = both[both.first_ms.isna() | (both.first_active < both.first_ms)]
        states = pd.concat([ms[["group", "who", "time", "state"]],
                            early[["group", "who"]].assign(time=early.first_active, state=1)])  # fmt: skip
        states["member"] = member_of[states.who.values]
        seen = pd.concat(
            [ms[["who", "time"]], first_active.rename(columns={"first_active": "time"})[["who", "time"]]]
        )
        seen["member"] = member_of[seen.who.values]
        self.first_seen = seen.groupby("member").time.min()
        joins = (
            ms[ms.state == 1]
            .assign(member=lambda x: member_of[x.who.values])
            .sort_values(["member", "time"], kind="stable")
        )
        first = joins.groupby("member").head(1).set_index("member")
        self.first_join = first.time.reindex(self.first_seen.index)
        self.channel = first.channel.reindex(self.first_seen.index).fillna(-1).astype("int64")
        states = states.sort_values(
            ["group", "who", "time", "state"], ascending=[True, True, True, False], kind="stable"
        )
        states["before"] = states.groupby(["group", "who"]).state.shift(fill_value=0)
        states["delta"] = states.state - states.before
        last = states.groupby(["group", "who"]).tail(1)
        self.present_pairs = last[last.state == 1][["group", "member"]].drop_duplicates()
        changes = states[states.delta != 0][["member", "time", "delta"]]
        changes = changes.sort_values(
            ["member", "time", "delta"], ascending=[True, True, False], kind="stable"
        )
        changes["groups"] = changes.groupby("member").delta.cumsum()
        self.changes = changes
        now = changes.groupby("member")["groups"].last().reindex(self.first_seen.index).fillna(0)
        self.current = now > 0

    def present_at(self, member: np.ndarray, time: np.ndarray) -> np.ndarray:
        if not len(member):
            return np.zeros(0, bool)
        queries = pd.DataFrame({"member": member, "time": time, "at": np.arange(len(member))}).sort_values(
            "time"
        )
        right = self.changes.reset_index(drop=True)
        right["order"] = np.arange(len(right))
        right = right.sort_values(["time", "order"], kind="stable")
        found = pd.merge_asof(queries, right[["member", "time", "groups"]], on="time", by="member")
        return (found.sort_values("at").groups.fillna(0) > 0).values
