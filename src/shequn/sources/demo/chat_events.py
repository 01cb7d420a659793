"""One group's talk as events: messages, reactions and the advertisers' ads.

This is the hot loop of the demo (tens of millions of messages for a million members), so the
columns are turned into Python lists a slice at a time and each event is built in one call.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ...domain.events import Account, Event, Kind
from .advertisers import ad_times
from .chat import MEDIA_KINDS, Chat, draw_chat, draw_reactions
from .phrases import ADS, EMOJI, TEXTS
from .plan import Plan
from .streams import Part, stream
from .year import OFFSET_MIN

SLICE = 50_000
_AD_NUMBERS = 900_000_000  # ads are numbered apart from the group's ordinary messages


def message_number(group: int) -> int:
    """The platform message id of a group's first message; the rest follow in time order."""
    return (group + 1) * 1_000_000_000


def chat_events(plan: Plan, group: int, accounts: list[Account]) -> Iterator[Event]:
    rng = stream(plan.seed, plan.members, Part.CHAT, group)
    chat = draw_chat(plan, group, rng)
    yield from _messages(plan, group, accounts, chat)
    yield from _reactions(plan, group, accounts, chat, rng)
    yield from _ads(plan, group, accounts)


def _messages(plan: Plan, group: int, accounts: list[Account], chat: Chat) -> Iterator[Event]:
    platform, handle, key, first = (
        plan.groups.platform[group],
        plan.groups.handle[group],
        plan.prefix + "m",
        message_number(group),
    )
    message, texts = Kind.MESSAGE, TEXTS
    for start in range(0, len(chat.author), SLICE):
        stop = start + SLICE
        columns = zip(
            range(first + start, first + min(stop, len(chat.author))),
            chat.time_us[start:stop].tolist(),
            chat.author[start:stop].tolist(),
            (chat.reply[start:stop] + chat.mention[start:stop] + chat.media[start:stop]).tolist(),
            chat.text[start:stop].tolist(),
            strict=True,
        )
        for number, time_us, author, special, text in columns:
            ref = str(number)
            if special == -3:  # no reply, mention or media: most messages
                yield Event(
                    key=key + ref, kind=message, platform=platform, group=handle, time_us=time_us,
                    actor=accounts[author], utc_offset_min=OFFSET_MIN, ref=ref, text=texts[text],
                )  # fmt: skip
            else:
                yield _rich_message(plan, group, accounts, chat, number - first)


def _rich_message(plan: Plan, group: int, accounts: list[Account], chat: Chat, index: int) -> Event:
    """A message that replies, mentions someone, or carries a photo, voice, sticker, video or link."""
    first = message_number(group)
    reply, mention, media, text = (
        int(column[index]) for column in (chat.reply, chat.mention, chat.media, chat.text)
    )
    words = TEXTS[text] if text >= 0 else None
    mentioned = (accounts[mention],) if mention >= 0 else ()
    if mentioned and words is not None:
        words = f"@{mentioned[0].name} {words}"
    return Event(
        key=f"{plan.prefix}m{first + index}",
        kind=Kind.MESSAGE,
        platform=plan.groups.platform[group],
        group=plan.groups.handle[group],
        time_us=int(chat.time_us[index]),
        actor=accounts[int(chat.author[index])],
        target=accounts[int(chat.target[index])] if reply >= 0 else None,
        utc_offset_min=OFFSET_MIN,
        ref=str(first + index),
        reply_to=str(first + reply) if reply >= 0 else None,
        text=words,
        mentions=mentioned,
        media=MEDIA_KINDS[media] if media >= 0 else None,
    )


def _reactions(
    plan: Plan, group: int, accounts: list[Account], chat: Chat, rng: np.random.Generator
) -> Iterator[Event]:
    platform, handle, key, first = (
        plan.groups.platform[group],
        plan.groups.handle[group],
        plan.prefix,
        message_number(group),
    )
    reactions = draw_reactions(plan, group, chat, rng)
    columns = zip(
        reactions.message.tolist(),
        reactions.reactor.tolist(),
        reactions.time_us.tolist(),
        reactions.emoji.tolist(),
        chat.author[reactions.message].tolist(),
        strict=True,
    )
    for number, (message, reactor, time_us, emoji, author) in enumerate(columns):
        yield Event(
            key=f"{key}r{group}:{number}", kind=Kind.REACTION, platform=platform, group=handle,
            time_us=time_us, actor=accounts[reactor], target=accounts[author], utc_offset_min=OFFSET_MIN,
            reply_to=str(first + message), text=EMOJI[emoji],
        )  # fmt: skip


def _ads(plan: Plan, group: int, accounts: list[Account]) -> Iterator[Event]:
    rows = plan.group_rows(group)
    first = message_number(group) + _AD_NUMBERS
    count = 0
    for row, times in ad_times(rows, plan.cast):
        for time_us in times:
            ref = str(first + count)
            yield Event(
                key=f"{plan.prefix}m{ref}", kind=Kind.MESSAGE, platform=plan.groups.platform[group],
                group=plan.groups.handle[group], time_us=time_us, actor=accounts[row],
                utc_offset_min=OFFSET_MIN, ref=ref, text=ADS[(first + count + row) % len(ADS)],
            )  # fmt: skip
            count += 1
