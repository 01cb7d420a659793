"""Every metric shequn computes, declared once: docs/metrics.md, `shequn metrics --list` and the
dashboard all list from here (tests/test_metrics_catalogue.py keeps the docs in step)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str  # the key it has in `shequn metrics --json`
    definition: str
    inputs: str  # the events it reads
    unit: str


ACTIVITY = "message and reaction events"
MEMBERSHIP = "join, leave and removal events, and activity (presence rule)"
ORDERS = "order_paid and order_refunded events"

CATALOGUE: tuple[Metric, ...] = (
    Metric(
        "members",
        "People ever seen as a member of any group (the presence rule of store/presence.py).",
        MEMBERSHIP,
        "people",
    ),
    Metric(
        "current_members",
        "Members present in at least one group at the last event.",
        MEMBERSHIP,
        "people",
    ),
    Metric(
        "active",
        (
            "Members who sent a message or a reaction in the period (a day is the community's local "
            "day; weeks start on Monday)."
        ),
        ACTIVITY,
        "people",
    ),
    Metric(
        "daily_active",
        "Members active on the local day of the last event.",
        ACTIVITY,
        "people",
    ),
    Metric(
        "weekly_active",
        "Members active in the 7 local days ending with the day of the last event.",
        ACTIVITY,
        "people",
    ),
    Metric(
        "monthly_active",
        "Members active in the 30 local days ending with the day of the last event.",
        ACTIVITY,
        "people",
    ),
    Metric(
        "stickiness",
        "Mean daily active members over those 30 days divided by monthly_active (DAU/MAU).",
        ACTIVITY,
        "ratio",
    ),
    Metric(
        "new",
        "Members first seen (first membership event or first activity) in the period.",
        MEMBERSHIP,
        "people",
    ),
    Metric(
        "returning",
        "Members active in the period who were first seen before it and are not resurrected in it.",
        ACTIVITY,
        "people",
    ),
    Metric(
        "resurrected",
        (
            "Members active in the period on a day at least silent_days (30) days after their previous "
            "active day."
        ),
        ACTIVITY,
        "people",
    ),
    Metric(
        "churned",
        (
            "Members with a churn in the period: silent_days (30) days after an active day with no "
            "activity since, while still a member; or leaving (or being removed from) their last group,"
            " unless already churned by silence."
        ),
        f"{ACTIVITY}; {MEMBERSHIP}",
        "people",
    ),
    Metric(
        "retention.still_member",
        (
            "Of the members whose first join fell in a week (their cohort), those present in at least "
            "one group at the end of week k after it (or at the last event, in its week)."
        ),
        MEMBERSHIP,
        "people",
    ),
    Metric(
        "retention.active",
        "Of a cohort, the members active in week k after the week of their first join.",
        f"{ACTIVITY}; join events",
        "people",
    ),
    Metric(
        "lurkers",
        (
            "Current members first seen at least newcomer_days (14) days before the last event who "
            "never sent a message."
        ),
        f"message events; {MEMBERSHIP}",
        "people",
    ),
    Metric(
        "spoke_share",
        "Of all members, the share who ever sent a message.",
        "message events",
        "ratio",
    ),
    Metric(
        "hours_to_first_message",
        (
            "Median hours from a member's first join to their first message, over members whose first "
            "message came at or after it."
        ),
        "join and message events",
        "hours",
    ),
    Metric(
        "messages_per_day",
        ("A group's messages sent by members over the last health_days (28) days, divided by health_days."),
        "message events",
        "messages per day",
    ),
    Metric(
        "top_sender_share",
        (
            "Of a group's messages in the last health_days days, the share sent by its top tenth of "
            "senders (rounded up)."
        ),
        "message events",
        "ratio",
    ),
    Metric(
        "median_reply_seconds",
        (
            "Median seconds from a message to its first reply, over replies in a group in the last "
            "health_days days; a reply answers the latest message of the author it replies to."
        ),
        "message events (their target)",
        "seconds",
    ),
    Metric(
        "active_share",
        "Of a group's current members, the share active there in the last health_days days.",
        f"{ACTIVITY}; {MEMBERSHIP}",
        "ratio",
    ),
    Metric(
        "dying",
        (
            "A group whose active members in the last 7 days are at most (1 - dying_drop) (half) of "
            "those in the 7 days dying_weeks (4) weeks earlier, which were at least dying_min_active "
            "(4): the 死群 alert."
        ),
        ACTIVITY,
        "yes/no",
    ),
    Metric(
        "stage",
        (
            "Each member's lifecycle stage, the first that holds of: former (not a current member), "
            "newcomer (first seen less than newcomer_days ago), lurker (never sent a message), "
            "distributor (credited with at least distributor_orders paid orders), repeat_buyer (at "
            "least repeat_orders paid orders), one_time_buyer (one paid order), core (a fan among the "
            "top core_share of current members by messages and reactions in the last fan_weeks weeks), "
            "fan (active in at least fan_active_weeks of the last fan_weeks seven-day windows), talker."
        ),
        f"{ACTIVITY}; {MEMBERSHIP}; {ORDERS}",
        "stage",
    ),
    Metric(
        "funnel",
        (
            "Per entry channel and per month of first join, the members who joined, spoke (sent a "
            "message), ordered (a paid order), repeat_ordered (at least repeat_orders paid orders) and "
            "brought_someone (invited another person's join); each step is counted on its own."
        ),
        f"join, message and {ORDERS}",
        "people",
    ),
    Metric(
        "channel.members",
        (
            "Members whose first join came by this entry channel (its code, else how: link, added, "
            "request, founder)."
        ),
        "join events",
        "people",
    ),
    Metric(
        "channel.retained",
        (
            "Of the channel's members whose first join was at least retention_days (30) days before the"
            " last event (eligible), those still a member retention_days after it."
        ),
        MEMBERSHIP,
        "people",
    ),
    Metric(
        "channel.activated",
        "Of the eligible members, those active within retention_days after their first join.",
        ACTIVITY,
        "people",
    ),
    Metric(
        "channel.spend_fen",
        "Paid minus refunded amounts of the orders the channel's members placed.",
        ORDERS,
        "fen",
    ),
    Metric(
        "channel.cost_per_retained_fen",
        "The channel's cost (`shequn channel add --cost`) divided by its retained members.",
        "entry channels; membership",
        "fen",
    ),
    Metric(
        "channel.payback_days",
        "Whole days from the channel's first join until its members' net spend reached its cost.",
        ORDERS,
        "days",
    ),
)

BY_NAME = {metric.name: metric for metric in CATALOGUE}
