"""The dashboard's overview of a community: headline counts, members week by week, and its groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ..domain.clock import MICROS_PER_SECOND, iso_time
from ..store import Database
from ..store.overview import MONDAY_SHIFT_US, WeekRow, log_position_txn, overview_txn
from .communities import Community
from .read_stats import Stats, read_stats


@dataclass(frozen=True)
class GroupSummary:
    name: str
    platform: str
    current_members: int
    messages: int
    last_activity: str | None  # ISO time of the latest message, reaction, join, leave or removal


@dataclass(frozen=True)
class MemberWeek:
    """One week, Monday to Sunday in the community's time zone, and its member counts at its end.

    present: people in at least one group at the end of the week (the `current_members` rule of
    `Stats`, applied to the events up to then). ever_seen: people seen as a member up to the end of
    the week (the `members` rule of `Stats`).
    """

    monday: date
    present: int
    ever_seen: int


@dataclass(frozen=True)
class Overview:
    community: Community
    stats: Stats
    weeks: tuple[MemberWeek, ...]
    groups: tuple[GroupSummary, ...]  # busiest (most messages) first
    utc_offset_min: int  # the offset the weeks were cut at


# A big community's overview takes seconds to compute, and the dashboard asks for it on every
# visit; while the log has not grown, the last answer is still the answer.
_latest: dict[tuple[str, Community], tuple[tuple[int, str], Overview]] = {}


def read_overview(db: Database, community: Community) -> Overview:
    position = log_position_txn(db)
    remembered = _latest.get((db.url, community))
    if remembered and remembered[0] == position:
        return remembered[1]
    overview = _compute(db, community)
    _latest[(db.url, community)] = (position, overview)
    return overview


def _compute(db: Database, community: Community) -> Overview:
    stats = read_stats(db, community)
    offset_min = _week_offset_minutes(community, stats.last_event)
    group_rows, week_rows = overview_txn(db, community.id, offset_min * 60 * MICROS_PER_SECOND)
    groups = tuple(
        GroupSummary(name, platform, present, messages, _iso(last_us, community))
        for _, name, platform, present, messages, last_us in group_rows
    )
    return Overview(community, stats, _member_weeks(week_rows), groups, offset_min)


def _week_offset_minutes(community: Community, last_event: str | None) -> int:
    """The community's UTC offset at its latest event: one fixed offset for every week, so a
    daylight-saving change moves a week's edge by an hour at most."""
    moment = datetime.fromisoformat(last_event) if last_event else datetime(2000, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(community.zone).utcoffset()
    return int(offset.total_seconds()) // 60 if offset else 0


def _member_weeks(changes: list[WeekRow]) -> tuple[MemberWeek, ...]:
    """Running totals for every week from the first change to the last, quiet weeks included."""
    if not changes:
        return ()
    by_week = {week: (change, newcomers) for week, change, newcomers in changes}
    present = ever_seen = 0
    weeks = []
    for week in range(changes[0][0], changes[-1][0] + 1):
        change, newcomers = by_week.get(week, (0, 0))
        present, ever_seen = present + change, ever_seen + newcomers
        weeks.append(MemberWeek(_monday(week), present, ever_seen))
    return tuple(weeks)


def _monday(week: int) -> date:
    return date(1970, 1, 1) + timedelta(days=7 * week) - timedelta(microseconds=MONDAY_SHIFT_US)


def _iso(time_us: int | None, community: Community) -> str | None:
    return None if time_us is None else iso_time(time_us, None, community.zone)
