"""The seeded demo community: a year of 康宁健康, a health brand run on patient and city groups.

The story follows the seed articles. The brand's founder and operators run a network of hospital
patient groups on QQ and city groups on WeChat; partners brought the group owners in; owners with
call energy keep their groups lively while others fade or die; member-distributors sell at the
tiered prices (¥5,000 / ¥4,000 / ¥3,000 a bottle); a fission campaign brings real friends and, from
one or two cheats, throwaway accounts; advertisers are removed, lurkers purged; city branches meet
offline. Most members never say a word, as in life.

`demo_events(members, seed)` yields it all as canonical events, lazily, one group at a time: the
same arguments always give the same events with the same natural keys, so loading twice stores
everything once. About 40 messages per member: 200,000 for the default 5,000 members.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...domain.events import Event
from .chat_events import chat_events
from .identities import linked_platform_events, merge_events
from .meetups import check_in_events
from .membership_events import membership_events
from .orders import order_events
from .plan import make_plan

EVENTS_PER_MEMBER = 46  # measured at 5,000 and 1,000,000 members: messages, reactions, joins, orders...


def demo_events(members: int = 5000, seed: int = 1) -> Iterator[Event]:
    """Every event of the demo community of `members` people drawn with `seed`."""
    plan = make_plan(seed, members)
    for group in range(plan.groups.count):
        accounts = plan.accounts(group)
        yield from membership_events(plan, group, accounts)
        yield from chat_events(plan, group, accounts)
    yield from order_events(plan)
    yield from check_in_events(plan)
    yield from merge_events(plan.prefix, plan.cast, plan.switches)
    yield from linked_platform_events(plan.prefix, plan.cast, plan.rows, plan.groups)


def demo_event_estimate(members: int) -> int:
    """About how many events `demo_events(members)` yields, for a progress bar."""
    return EVENTS_PER_MEMBER * members


__all__ = ["demo_event_estimate", "demo_events"]
