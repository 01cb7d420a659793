"""Every figure of docs/metrics.md in plain pandas (see analytics_pandas.py for the frame and the
presence rule): the reference shequn's numpy computation must equal."""

from __future__ import annotations

import math
from datetime import tzinfo
from typing import Any

import numpy as np
import pandas as pd

from analytics_pandas import DAY, STAGES, WEEK, K, Presence, day_start, frame, period
from shequn.domain.clock import iso_time
from shequn.metrics.calendar import period_label
from shequn.metrics.columns import EventColumns
from shequn.metrics.settings import Settings

PERIODS = ("day", "week", "month")
STEPS = ("joined", "spoke", "ordered", "repeat_ordered", "brought_someone")


def reference(columns: EventColumns, zone: tzinfo, settings: Settings) -> dict[str, Any]:
    df = frame(columns, zone)
    as_of = int(df.time.max())
    last_day = int(df.day[df.time == as_of].iloc[0])
    who = Presence(df, columns.member_of)
    acts = df[df.kind.isin([K["message"], K["reaction"]]) & (df.actor_m >= 0)]
    days = acts[["actor_m", "day"]].drop_duplicates().rename(columns={"actor_m": "member"})
    days = days.sort_values(["member", "day"]).reset_index(drop=True)
    per = _per_member(df, who, settings, as_of)
    groups = _groups(df, who, settings, as_of)
    silent = settings.windows.silent_days
    recent = days[days.day > last_day - 30]
    old = who.first_seen <= as_of - settings.stages.newcomer_days * DAY
    headline = {
        "members": len(who.first_seen),
        "current_members": int(who.current.sum()),
        "daily_active": int((days.day == last_day).sum()),
        "weekly_active": days[days.day > last_day - 7].member.nunique(),
        "monthly_active": recent.member.nunique(),
        "stickiness": None if recent.empty else len(recent) / 30 / recent.member.nunique(),
        "lurkers": int((who.current & old & (per.messages == 0)).sum()),
        "spoke_share": float((per.messages > 0).mean()),
        "hours_to_first_message": _hours(who, per),
        "dying_groups": sum(1 for g in groups if g["dying"]),
    }
    return {
        "as_of": iso_time(as_of, None, zone),
        "timezone": str(zone),
        "headline": headline,
        "periods": {name: _periods(days, who, zone, silent, last_day, name) for name in PERIODS},
        "retention": _retention(who, days, zone, settings.windows.cohort_weeks, as_of),
        "stages": {name: int((per.stage == name).sum()) for name in STAGES},
        "groups": groups,
        "funnel": {
            "by_channel": _funnel(list(columns.channels), who.channel, per, settings),
            "by_cohort": _funnel(*_cohort_months(who, zone), per, settings),
        },
        "channels": _channels(df, columns, who, per, settings, as_of),
    }


def _hours(who: Presence, per: pd.DataFrame) -> float | None:
    counted = who.first_join.notna() & (per.first_message >= who.first_join)
    if not counted.any():
        return None
    return float(np.median((per.first_message[counted] - who.first_join[counted]).values) / 3_600_000_000)


def _per_member(df: pd.DataFrame, who: Presence, settings: Settings, as_of: int) -> pd.DataFrame:
    index = who.first_seen.index
    msgs = df[(df.kind == K["message"]) & (df.actor_m >= 0)]
    paid = df[df.kind == K["order_paid"]]
    joins = df[(df.kind == K["join"]) & (df.inviter_m >= 0) & (df.inviter_m != df.actor_m)]
    per = pd.DataFrame(index=index)
    per["messages"] = msgs.groupby("actor_m").size().reindex(index, fill_value=0)
    per["first_message"] = msgs.groupby("actor_m").time.min().reindex(index)
    per["last_message"] = msgs.groupby("actor_m").time.max().reindex(index)
    per["paid"] = paid[paid.actor_m >= 0].groupby("actor_m").size().reindex(index, fill_value=0)
    per["sold"] = paid[paid.target_m >= 0].groupby("target_m").size().reindex(index, fill_value=0)
    per["invited"] = joins.groupby("inviter_m").size().reindex(index, fill_value=0)
    rules = settings.stages
    window = df[
        df.kind.isin([K["message"], K["reaction"]])
        & (df.actor_m >= 0)
        & (df.time > as_of - rules.fan_weeks * WEEK)
        & (df.time <= as_of)
    ].copy()
    window["week"] = (as_of - window.time) // WEEK
    per["weeks"] = window.groupby("actor_m").week.nunique().reindex(index, fill_value=0)
    per["interactions"] = window.groupby("actor_m").size().reindex(index, fill_value=0)
    fan = per.weeks >= rules.fan_active_weeks
    candidates = per[who.current & (per.interactions > 0)].reset_index(names="member")
    candidates["position"] = np.arange(len(per))[np.searchsorted(index.values, candidates.member.values)]
    top = candidates.sort_values(["interactions", "position"], ascending=[False, True]).head(
        math.ceil(rules.core_share * len(candidates))
    )
    core = fan & per.index.isin(top.member)
    conditions = [
        ~who.current,
        who.first_seen > as_of - rules.newcomer_days * DAY,
        per.messages == 0,
        per.sold >= rules.distributor_orders,
        per.paid >= rules.repeat_orders,
        per.paid >= 1,
        core,
        fan,
    ]
    per["stage"] = np.select(conditions, STAGES[:-1], default=STAGES[-1])
    return per


def _periods(
    days: pd.DataFrame, who: Presence, zone: tzinfo, silent: int, last_day: int, name: str
) -> list[dict[str, Any]]:
    days = days.assign(p=period(days.day, name))
    same = days.member.eq(days.member.shift())
    gap = days.day.diff()
    back = days[same & (gap >= silent)]
    nxt_same = days.member.eq(days.member.shift(-1))
    nxt_gap = days.day.shift(-1) - days.day
    quiet = days[(nxt_same & (nxt_gap >= silent)) | (~nxt_same & (days.day + silent <= last_day))]
    churn_day = quiet.day + silent
    still = who.present_at(quiet.member.values, day_start(churn_day, zone).values)
    churned = pd.DataFrame({"member": quiet.member.values[still], "day": churn_day.values[still]})
    gone = who.changes[who.changes.groups == 0].copy()
    gone["day"] = (
        pd.to_datetime(gone.time, unit="us", utc=True)
        .dt.tz_convert(str(zone))
        .dt.tz_localize(None)
        .values.astype("datetime64[D]")
        .astype("int64")
    )
    gone = gone.sort_values("day")
    prior = pd.merge_asof(
        gone,
        days[["member", "day"]].rename(columns={"day": "last"}).sort_values("last"),
        left_on="day",
        right_on="last",
        by="member",
    )
    left = prior[~(prior["last"].notna() & (prior.day - prior["last"] >= silent))]
    churned = pd.concat([churned, left[["member", "day"]]])
    first = pd.DataFrame({"member": who.first_seen.index, "day": _local_day(who.first_seen.values, zone)})
    first["p"] = period(first.day, name)
    active_pairs = days[["member", "p"]].drop_duplicates()
    back_pairs = back.assign(p=period(back.day, name))[["member", "p"]].drop_duplicates()
    excluded = pd.concat([first[["member", "p"]], back_pairs]).drop_duplicates()
    returning = active_pairs.merge(excluded, how="left", indicator=True).query("_merge == 'left_only'")
    tables = {
        "active": active_pairs.p.value_counts(),
        "new": first.p.value_counts(),
        "returning": returning.p.value_counts(),
        "resurrected": back_pairs.p.value_counts(),
        "churned": churned.assign(p=period(churned.day, name))[["member", "p"]]
        .drop_duplicates()
        .p.value_counts(),
    }
    known = sorted(set().union(*(set(t.index) for t in tables.values())))
    limit = int(period(pd.Series([last_day]), name).iloc[0])
    known = [k for k in known if k <= limit]
    numbers = range(min(known), max(known) + 1) if known else []
    return [
        {"period": period_label(int(n), name)} | {k: int(t.get(n, 0)) for k, t in tables.items()}
        for n in numbers
    ]


def _local_day(time_us: np.ndarray, zone: tzinfo) -> np.ndarray:
    local = (
        pd.to_datetime(pd.Series(time_us), unit="us", utc=True).dt.tz_convert(str(zone)).dt.tz_localize(None)
    )
    return local.values.astype("datetime64[D]").astype("int64")


def _retention(
    who: Presence, days: pd.DataFrame, zone: tzinfo, weeks: int, as_of: int
) -> list[dict[str, Any]]:
    joined = who.first_join.dropna()
    cohort = pd.Series((_local_day(joined.values.astype("int64"), zone) + 3) // 7, index=joined.index)
    last_week = int((_local_day(np.array([as_of]), zone)[0] + 3) // 7)
    cells = pd.DataFrame(
        {
            "member": np.repeat(cohort.index.values, weeks + 1),
            "cohort": np.repeat(cohort.values, weeks + 1),
            "k": np.tile(np.arange(weeks + 1), len(cohort)),
        }
    )
    cells = cells[cells.cohort + cells.k <= last_week]
    end = day_start((cells.cohort + cells.k + 1) * 7 - 3, zone) - 1
    cells["present"] = who.present_at(cells.member.values, np.minimum(end.values, as_of))
    still = cells[cells.present].groupby(["cohort", "k"]).size()
    weekly = days.assign(week=(days.day + 3) // 7)[["member", "week"]].drop_duplicates()
    weekly = weekly[weekly.member.isin(cohort.index)]
    weekly["k"] = weekly.week.values - cohort.reindex(weekly.member).values
    active = (
        weekly[(weekly.k >= 0) & (weekly.k <= weeks)]
        .assign(cohort=lambda x: x.week - x.k)
        .groupby(["cohort", "k"])
        .size()
    )
    rows = []
    for start, size in cohort.value_counts().sort_index().items():
        open_weeks = min(weeks, last_week - start) + 1
        rows.append(
            {
                "week": int(start),
                "members": int(size),
                "still_member": [int(still.get((start, k), 0)) for k in range(open_weeks)]
                + [None] * (weeks + 1 - open_weeks),
                "active": [int(active.get((start, k), 0)) for k in range(open_weeks)]
                + [None] * (weeks + 1 - open_weeks),
            }
        )
    return rows


def _groups(df: pd.DataFrame, who: Presence, settings: Settings, as_of: int) -> list[dict[str, Any]]:
    w = settings.windows
    said = df[(df.kind == K["message"]) & (df.actor_m >= 0) & (df.group >= 0)]
    acting = df[df.kind.isin([K["message"], K["reaction"]]) & (df.actor_m >= 0) & (df.group >= 0)]
    since = as_of - w.health_days * DAY
    recent = said[(said.time > since) & (said.time <= as_of)]
    senders = recent.groupby(["group", "actor_m"]).size().rename("n").reset_index()
    present = who.present_pairs
    active = acting[(acting.time > since) & (acting.time <= as_of)][["group", "actor_m"]].drop_duplicates()
    active_now = active.merge(present, left_on=["group", "actor_m"], right_on=["group", "member"])
    start = int(df.time.min())
    msgs = said.assign(sec=(said.time - start) // 1_000_000)
    replies = msgs[(msgs.target_m >= 0) & (msgs.time > since) & (msgs.time <= as_of)]
    answered = pd.merge_asof(
        replies[["group", "target_m", "sec"]].rename(columns={"target_m": "author"}).sort_values("sec"),
        msgs[["group", "actor_m", "sec"]]
        .rename(columns={"actor_m": "author", "sec": "msg"})
        .sort_values("msg"),
        left_on="sec",
        right_on="msg",
        by=["group", "author"],
        allow_exact_matches=False,
    ).dropna(subset=["msg"])
    first = answered.assign(delay=answered.sec - answered.msg).groupby(["group", "author", "msg"]).delay.min()
    medians = first.groupby(level="group").median()
    rows = []
    for group in sorted(set(present.group) | set(said.group)):
        mine = senders[senders.group == group].n.sort_values(ascending=False)
        total = int(mine.sum())
        members = int((present.group == group).sum())
        weekly = []
        for end in (as_of, as_of - w.dying_weeks * WEEK):
            inside = acting[(acting.group == group) & (acting.time > end - WEEK) & (acting.time <= end)]
            weekly.append(inside.actor_m.nunique())
        rows.append(
            {
                "group_id": int(group),
                "members_now": members,
                "messages_per_day": round(total / w.health_days, 2),
                "top_sender_share": None
                if not total
                else round(float(mine.head(math.ceil(0.1 * len(mine))).sum() / total), 4),
                "median_reply_seconds": float(medians[group]) if group in medians.index else None,
                "active_share": None
                if not members
                else round(float((active_now.group == group).sum() / members), 4),
                "weekly_active": weekly[0],
                "weekly_active_before": weekly[1],
                "dying": bool(
                    weekly[1] >= w.dying_min_active and weekly[0] <= weekly[1] * (1 - w.dying_drop)
                ),
            }
        )
    return rows


def _funnel(labels: list[str], row: pd.Series, per: pd.DataFrame, settings: Settings) -> list[dict[str, Any]]:
    done = pd.DataFrame(
        {
            "joined": True,
            "spoke": per.messages > 0,
            "ordered": per.paid >= 1,
            "repeat_ordered": per.paid >= settings.stages.repeat_orders,
            "brought_someone": per.invited > 0,
        },
        index=per.index,
    )
    return [
        {"row": label} | {s: int(done[s][row == i].sum()) for s in STEPS} for i, label in enumerate(labels)
    ]


def _cohort_months(who: Presence, zone: tzinfo) -> tuple[list[str], pd.Series]:
    joined = who.first_join.dropna()
    months = pd.Series(
        _local_day(joined.values.astype("int64"), zone)
        .astype("datetime64[D]")
        .astype("datetime64[M]")
        .astype("int64"),
        index=joined.index,
    )
    found = sorted(months.unique())
    row = (
        months.map({m: i for i, m in enumerate(found)})
        .reindex(who.first_seen.index)
        .fillna(-1)
        .astype("int64")
    )
    return [period_label(int(m), "month") for m in found], row


def _channels(
    df: pd.DataFrame, columns: EventColumns, who: Presence, per: pd.DataFrame, settings: Settings, as_of: int
) -> list[dict[str, Any]]:
    window = settings.windows.retention_days * DAY
    joined = who.first_join
    due = joined.notna() & (joined + window <= as_of)
    kept = pd.Series(False, index=joined.index)
    kept[due] = who.present_at(joined.index[due].values, (joined[due] + window).values.astype("int64"))
    acts = df[df.kind.isin([K["message"], K["reaction"]]) & (df.actor_m >= 0)]
    start = acts.actor_m.map(joined)
    activated = per.index.isin(acts[(acts.time >= start) & (acts.time <= start + window)].actor_m)
    money = df[df.kind.isin([K["order_paid"], K["order_refunded"]]) & df.actor_m.isin(per.index)].copy()
    money["signed"] = np.where(money.kind == K["order_paid"], 1, -1) * money.amount
    money["channel"] = money.actor_m.map(who.channel)
    spend = money.groupby("actor_m").signed.sum().reindex(per.index, fill_value=0)
    rows = []
    for index, name in enumerate(columns.channels):
        mine = who.channel == index
        cost = settings.channel_costs_fen.get(name)
        retained = int((mine & due & kept).sum())
        payback = None
        if cost is not None and (mine & joined.notna()).any():
            ordered = money[money.channel == index].sort_values("time", kind="stable")
            reached = ordered[ordered.signed.cumsum() >= cost]
            first = int(joined[mine].min())
            payback = (
                0 if cost == 0 else (None if reached.empty else int((reached.time.iloc[0] - first) // DAY))
            )
        rows.append(
            {
                "channel": name,
                "members": int(mine.sum()),
                "eligible": int((mine & due).sum()),
                "retained": retained,
                "activated": int((mine & due & activated).sum()),
                "spend_fen": int(spend[mine].sum()),
                "cost_fen": cost,
                "cost_per_retained_fen": None if cost is None or not retained else round(cost / retained),
                "payback_days": payback,
            }
        )
    return rows
