"""What one group says over the year, drawn as columns: who writes when, replying to or mentioning
whom, with which line; and who reacts to what.

A member writes in proportion to their talkativeness and to how alive the group is while they are in
it, at the hours people write; replies answer one of the few messages just before them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...domain.events import Media
from .cast import TEAM, Role
from .entries import CAMPAIGN_END_US, CAMPAIGN_START_US
from .phrases import EMOJI, Pool, text_indexes
from .plan import Plan, rate_until
from .table import Memberships
from .year import DAY_US, DAYS, END_US, day_start_us, moments_on

REPLY_SHARE = 0.15
MENTION_SHARE = 0.03
MEDIA_SHARE = 0.07
REACTED_SHARE = 0.1
MEDIA_KINDS = (Media.PHOTO, Media.VOICE, Media.STICKER, Media.VIDEO, Media.LINK)
_MEDIA_SHARE = (0.5, 0.2, 0.18, 0.05, 0.07)
_LINK = MEDIA_KINDS.index(Media.LINK)


@dataclass(frozen=True)
class Chat:
    """A group's messages in time order; people are rows of the group, -1 for none."""

    time_us: np.ndarray
    author: np.ndarray
    reply: np.ndarray  # the message replied to
    target: np.ndarray  # its author
    mention: np.ndarray
    media: np.ndarray  # index into MEDIA_KINDS
    text: np.ndarray  # index into phrases.TEXTS


@dataclass(frozen=True)
class Reactions:
    message: np.ndarray
    reactor: np.ndarray
    time_us: np.ndarray
    emoji: np.ndarray


def draw_chat(plan: Plan, group: int, rng: np.random.Generator) -> Chat:
    rows = plan.group_rows(group)
    author, time_us = _when(plan, group, rows, rng)
    order = np.argsort(time_us, kind="stable")
    author, time_us = author[order], time_us[order]
    reply, target = _replies(rng, author)
    media = np.where(
        rng.random(len(author)) < MEDIA_SHARE, rng.choice(len(MEDIA_KINDS), len(author), p=_MEDIA_SHARE), -1
    )
    pools = _pools(rng, plan, rows, author, time_us, reply, media)
    text = np.where((media >= 0) & (media != _LINK), -1, text_indexes(rng, pools))
    return Chat(
        time_us, author, reply, target, _mentions(rng, plan, group, rows, author, time_us), media, text
    )


def _when(
    plan: Plan, group: int, rows: Memberships, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Who writes how often, and on which day and at what time."""
    same = np.full(len(rows), group)
    low = rate_until(plan.cumulative, plan.groups, same, rows.join_us)
    high = rate_until(plan.cumulative, plan.groups, same, rows.end_us)
    counts = rng.poisson(plan.talk_scale * rows.weight * (high - low))
    author = np.repeat(np.arange(len(rows)), counts)
    u = low[author] + rng.random(len(author)) * (high - low)[author]
    day = np.clip(np.searchsorted(plan.cumulative[group], u, side="right") - 1, 0, DAYS - 1)
    time_us = moments_on(rng, day)
    earliest = np.maximum(rows.join_us[author], day_start_us(day))
    latest = np.minimum(rows.end_us[author], day_start_us(day) + DAY_US)
    outside = (time_us <= earliest) | (time_us >= latest)
    spread = np.where(latest > earliest, latest - earliest, rows.end_us[author] - rows.join_us[author])
    start = np.where(latest > earliest, earliest, rows.join_us[author])
    inside = start + (rng.random(len(author)) * spread).astype(np.int64)
    return author, np.where(outside, inside, time_us)


def _replies(rng: np.random.Generator, author: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(author)
    back = np.arange(n) - rng.geometric(0.45, size=n)
    replying = (rng.random(n) < REPLY_SHARE) & (back >= 0)
    replying[replying] &= author[back[replying]] != author[replying]
    reply = np.where(replying, back, -1)
    return reply, np.where(replying, author[np.maximum(reply, 0)], -1)


def _mentions(
    rng: np.random.Generator,
    plan: Plan,
    group: int,
    rows: Memberships,
    author: np.ndarray,
    time_us: np.ndarray,
) -> np.ndarray:
    """Mostly the owner (@群主), otherwise someone who just wrote and is still there."""
    n = len(author)
    owners = np.flatnonzero(rows.person == plan.cast.owner_of(group))
    owner = int(owners[0]) if len(owners) else -1
    recent = author[np.maximum(np.arange(n) - rng.integers(1, 6, size=n), 0)]
    mentioned = np.where((rng.random(n) < 0.5) & (owner >= 0), owner, recent)
    there = (rows.join_us[mentioned] <= time_us) & (rows.end_us[mentioned] > time_us)
    chosen = (rng.random(n) < MENTION_SHARE) & (mentioned != author) & (np.arange(n) > 0) & there
    return np.where(chosen, mentioned, -1)


def _pools(
    rng: np.random.Generator,
    plan: Plan,
    rows: Memberships,
    author: np.ndarray,
    time_us: np.ndarray,
    reply: np.ndarray,
    media: np.ndarray,
) -> np.ndarray:
    """Which kind of line each message is: the team announces, distributors sell, others chat."""
    n = len(author)
    role = plan.cast.role[rows.person[author]]
    u = rng.random(n)
    team = np.isin(role, TEAM)
    pools = np.where((u < 0.12) & ~team, Pool.QUESTIONS, Pool.CHAT)
    during = (time_us >= CAMPAIGN_START_US) & (time_us < CAMPAIGN_END_US)
    announcing = team & (u > 0.75)
    pools = np.where(announcing, np.where(during & (u > 0.9), Pool.CAMPAIGN_CALLS, Pool.ANNOUNCEMENTS), pools)
    pools = np.where((role == Role.DISTRIBUTOR) & (u > 0.85), Pool.SELLING, pools)
    pools = np.where((reply >= 0) & (rng.random(n) < 0.7), Pool.REPLIES, pools)
    return np.where(media == _LINK, Pool.LINK_TITLES, pools)


def draw_reactions(plan: Plan, group: int, chat: Chat, rng: np.random.Generator) -> Reactions:
    """A tenth of messages get a reaction or a few, from the members who talk, within minutes."""
    rows = plan.group_rows(group)
    talk = rows.weight.sum()
    reacted = np.flatnonzero(rng.random(len(chat.author)) < REACTED_SHARE)
    message = np.repeat(reacted, rng.geometric(0.6, size=len(reacted))) if talk > 0 else reacted[:0]
    reactor = rng.choice(len(rows), size=len(message), p=rows.weight / talk) if len(message) else message
    delay = rng.exponential(600, size=len(message)) * 1e6
    time_us = chat.time_us[message] + 5_000_000 + delay.astype(np.int64)
    fine = (
        (reactor != chat.author[message])
        & (rows.join_us[reactor] < time_us)
        & (rows.end_us[reactor] > time_us)
    )
    fine &= time_us < END_US
    emoji = rng.integers(0, len(EMOJI), size=len(message))
    return Reactions(message[fine], reactor[fine], time_us[fine], emoji[fine])
