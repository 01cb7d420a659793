"""The groups a caller may see, with their health, and one group in detail.

Health looks at the last 30 days of the community's log (up to its latest event, so an imported
history is judged as of its end, not as of today): a group is **dead** (死群) when nobody wrote in
it then, **quiet** when fewer than one in twenty of its current members spoke or reacted then, and
**lively** otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..domain.clock import MICROS_PER_DAY, MICROS_PER_SECOND, iso_time
from ..domain.privacy import shown_name
from ..domain.roles import Caller, Permission
from ..store import Database
from ..store.groups import (
    HealthRow,
    group_health_txn,
    group_ids_txn,
    group_weeks_txn,
    last_event_us,
    top_speakers_txn,
)
from .communities import Community
from .read_overview import _monday as week_monday
from .remembered import Remembered

WINDOW_DAYS = 30
QUIET_SHARE = 20  # quiet: fewer than 1 in QUIET_SHARE current members active in the window
TOP_SPEAKERS = 20


@dataclass(frozen=True)
class GroupHealth:
    id: int
    name: str
    platform: str
    current_members: int
    messages: int
    last_activity: str | None
    recent_messages: int  # in the last WINDOW_DAYS days of the log
    recent_active: int  # people who spoke or reacted then
    recent_joins: int
    recent_exits: int  # leaves and removals
    status: str  # lively, quiet or dead


@dataclass(frozen=True)
class GroupWeek:
    monday: date
    messages: int
    joins: int
    exits: int


@dataclass(frozen=True)
class Speaker:
    member_id: int
    name: str
    messages: int


@dataclass(frozen=True)
class GroupDetail:
    health: GroupHealth
    weeks: tuple[GroupWeek, ...]
    top_speakers: tuple[Speaker, ...]


def status_of(current_members: int, recent_active: int, recent_messages: int) -> str:
    if recent_messages == 0:
        return "dead"
    return "quiet" if recent_active * QUIET_SHARE < current_members else "lively"


_lists: Remembered[list[GroupHealth]] = Remembered()
_healths: Remembered[GroupHealth | None] = Remembered()
_details: Remembered[GroupDetail | None] = Remembered()


def list_groups(db: Database, community: Community, caller: Caller) -> list[GroupHealth]:
    """Every group the caller may see, busiest first."""
    key = (db.url, community.id, caller.groups)
    return _lists.get(db, key, lambda: _listed(db, community, caller.groups))


def _listed(db: Database, community: Community, group_ids: frozenset[int] | None) -> list[GroupHealth]:
    """Group by group: each reads only its own events through the group index, and its whole page
    is computed and remembered on the way, so opening any group from the list is instant. (One
    query over the whole log sorts every group's events together: several times slower.)"""
    ids = group_ids_txn(db, community.id) if group_ids is None else sorted(group_ids)
    found = [detail.health for group_id in ids if (detail := _detail(db, community, group_id))]
    return sorted(found, key=lambda group: (-group.messages, group.id))


def _health_of(db: Database, community: Community, group_id: int) -> GroupHealth | None:
    def compute() -> GroupHealth | None:
        last = last_event_us(db, community.id) or 0
        rows = group_health_txn(db, community.id, [group_id], last - WINDOW_DAYS * MICROS_PER_DAY)
        return _group(rows[0], community) if rows else None

    return _healths.get(db, (db.url, community.id, group_id), compute)


def group_detail(db: Database, community: Community, caller: Caller, group_id: int) -> GroupDetail | None:
    """One group, or None when there is no such group or the caller may not see it: the two answer
    alike, so a group owner cannot tell another's group from a missing one."""
    if not caller.sees_group(group_id):
        return None
    detail = _detail(db, community, group_id)
    if detail is None or caller.can(Permission.PERSONAL_DATA):
        return detail
    speakers = tuple(Speaker(s.member_id, shown_name(s.name) or "", s.messages) for s in detail.top_speakers)
    return GroupDetail(detail.health, detail.weeks, speakers)


def _detail(db: Database, community: Community, group_id: int) -> GroupDetail | None:
    """A group's page as its owner sees it."""
    return _details.get(
        db, (db.url, community.id, group_id), lambda: _compute_detail(db, community, group_id)
    )


def _compute_detail(db: Database, community: Community, group_id: int) -> GroupDetail | None:
    health = _health_of(db, community, group_id)
    if health is None:
        return None
    weeks = tuple(
        GroupWeek(week_monday(week), messages, joins, exits)
        for week, messages, joins, exits in group_weeks_txn(db, community.id, group_id, _offset_us(health))
    )
    speakers = tuple(Speaker(*row) for row in top_speakers_txn(db, community.id, group_id, TOP_SPEAKERS))
    return GroupDetail(health, weeks, speakers)


def _group(row: HealthRow, community: Community) -> GroupHealth:
    id_, name, platform, present, messages, last_us, recent, active, joins, exits = row
    last = None if last_us is None else iso_time(last_us, None, community.zone)
    status = status_of(present, active, recent)
    return GroupHealth(id_, name, platform, present, messages, last, recent, active, joins, exits, status)


def _offset_us(group: GroupHealth) -> int:
    """The community's UTC offset at the group's last activity: weeks are cut at local midnight,
    with one offset for all of them, as on the overview."""
    offset = datetime.fromisoformat(group.last_activity).utcoffset() if group.last_activity else None
    return int(offset.total_seconds()) * MICROS_PER_SECOND if offset else 0
