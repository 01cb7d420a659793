"""Orders at the seed's tiered prices (论功行赏): members pay ¥5,000 a bottle, group owners ¥4,000,
partners ¥3,000. A member usually buys through their group owner or a member-distributor (the
order's target); owners buy through a partner; some orders are never paid and a few are refunded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ...domain.events import Event, Kind
from .cast import ORDINARY, Role
from .names import BRAND_SHORT
from .plan import Plan
from .streams import Part, stream
from .table import pick_within
from .year import DAY_US, DAYS, END_US, HOUR_US, OFFSET_MIN, START_US, moments_on, seconds_us

PRODUCTS = (f"{BRAND_SHORT}灵芝孢子粉（瓶）", f"{BRAND_SHORT}营养粉（罐）")
# fen per unit, by product and by the buyer's tier: member, group owner, partner
PRICES_FEN = np.array([[500_000, 400_000, 300_000], [50_000, 40_000, 30_000]])
MOST_ORDERS = 12
_BUYING = {Role.MEMBER: 0.05, Role.DISTRIBUTOR: 0.3, Role.OWNER: 0.6, Role.PARTNER: 0.9}
_REPEATING = {Role.MEMBER: 0.45, Role.DISTRIBUTOR: 0.55, Role.OWNER: 0.7, Role.PARTNER: 0.75}
_TIER = {Role.MEMBER: 0, Role.DISTRIBUTOR: 0, Role.OWNER: 1, Role.PARTNER: 2}


@dataclass(frozen=True)
class Orders:
    buyer: np.ndarray
    group: np.ndarray
    seller: np.ndarray  # the distributor credited with the sale, -1 for a direct sale
    placed_us: np.ndarray
    paid_us: np.ndarray  # -1 when never paid
    refunded_us: np.ndarray  # -1 when not refunded
    product: np.ndarray
    amount_fen: np.ndarray
    refund_fen: np.ndarray


def draw_orders(plan: Plan) -> Orders:
    rng = stream(plan.seed, plan.members, Part.ORDERS)
    rows = _shopping_rows(plan)
    role = plan.cast.role[plan.rows.person[rows]]
    chance = np.select([role == r for r in _BUYING], list(_BUYING.values()), 0.0)
    chance = np.where((role == Role.MEMBER) & (plan.rows.weight[rows] > 0), 0.12, chance)  # talkers buy more
    buyers = rows[rng.random(len(rows)) < chance]
    row, placed = _times(rng, plan, buyers)
    order = np.argsort(placed, kind="stable")
    row, placed = row[order], placed[order]
    return _priced(rng, plan, row, placed)


def _shopping_rows(plan: Plan) -> np.ndarray:
    """Each member's first group; owners and partners shop in the partners group."""
    rows, role = plan.rows, plan.cast.role[plan.rows.person]
    team = np.flatnonzero(np.isin(role, (Role.OWNER, Role.PARTNER)) & (rows.group == 0))
    ordinary = np.flatnonzero(np.isin(role, ORDINARY))
    ordinary = ordinary[np.lexsort((rows.join_us[ordinary], rows.person[ordinary]))]
    _, first = np.unique(rows.person[ordinary], return_index=True)
    return np.concatenate([ordinary[first], team])


def _times(rng: np.random.Generator, plan: Plan, buyers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each buyer's first order a month or so after joining, then a repurchase every month or two."""
    role = plan.cast.role[plan.rows.person[buyers]]
    repeat = np.select([role == r for r in _REPEATING], list(_REPEATING.values()), 0.4)
    count = np.minimum(rng.geometric(1 - repeat), MOST_ORDERS)
    gaps = np.empty((len(buyers), MOST_ORDERS))
    gaps[:, 0] = 1 + rng.exponential(30.0, size=len(buyers))
    gaps[:, 1:] = 20 + rng.exponential(25.0, size=(len(buyers), MOST_ORDERS - 1))
    joined = plan.rows.join_us[buyers, None]
    days = (joined - START_US) // DAY_US + np.cumsum(gaps, axis=1).astype(np.int64)
    placed = moments_on(rng, np.minimum(days, DAYS - 1).ravel()).reshape(days.shape)
    latest = np.minimum(plan.rows.end_us[buyers], END_US - 12 * HOUR_US)
    wanted = (
        (np.arange(MOST_ORDERS)[None, :] < count[:, None]) & (placed < latest[:, None]) & (placed > joined)
    )
    return np.broadcast_to(buyers[:, None], placed.shape)[wanted], placed[wanted]


def _priced(rng: np.random.Generator, plan: Plan, row: np.ndarray, placed: np.ndarray) -> Orders:
    n = len(row)
    role = plan.cast.role[plan.rows.person[row]]
    tier = np.select([role == r for r in _TIER], list(_TIER.values()), 0)
    product = (rng.random(n) < np.where(tier > 0, 0.2, 0.35)).astype(np.int64)
    quantity = rng.choice([1, 2, 3, 6], size=n, p=[0.75, 0.15, 0.07, 0.03])
    amount = quantity * PRICES_FEN[product, tier]
    paid = np.where(rng.random(n) < 0.93, placed + seconds_us(rng, 60, 90 * 60, n), -1)
    refunded = paid + seconds_us(rng, 86400, 10 * 86400, n)
    refunding = (paid >= 0) & (rng.random(n) < 0.05) & (refunded < END_US)
    refund = np.where((quantity > 1) & (rng.random(n) < 0.3), PRICES_FEN[product, tier], amount)
    return Orders(
        buyer=plan.rows.person[row],
        group=plan.rows.group[row],
        seller=_sellers(rng, plan, row),
        placed_us=placed,
        paid_us=paid,
        refunded_us=np.where(refunding, refunded, -1),
        product=product,
        amount_fen=amount,
        refund_fen=refund,
    )


def _sellers(rng: np.random.Generator, plan: Plan, row: np.ndarray) -> np.ndarray:
    """Half through the group owner, a third through a member-distributor of the group, the rest direct;
    group owners buy through a partner."""
    rows, cast = plan.rows, plan.cast
    group, buyer = rows.group[row], rows.person[row]
    selling = np.flatnonzero(cast.role[rows.person] == Role.DISTRIBUTOR)  # rows, sorted by group
    first = np.searchsorted(rows.group[selling], group)
    count = np.searchsorted(rows.group[selling], group, side="right") - first
    found = pick_within(first, count, rng.random(len(row)))
    distributor = np.where(found >= 0, rows.person[selling[np.maximum(found, 0)]], -1) if len(selling) else -1
    owner = np.where(group == 0, -1, cast.owners_of(group))
    u = rng.random(len(row))
    seller = np.where(u < 0.5, owner, np.where(u < 0.85, distributor, -1))
    partner = rng.integers(cast.sizes.first_partner, cast.sizes.first_owner, size=len(row))
    role = cast.role[buyer]
    seller = np.where(role == Role.OWNER, np.where(u < 0.6, partner, -1), seller)
    seller = np.where(role == Role.PARTNER, -1, seller)
    return np.where(seller == buyer, -1, seller)


def order_events(plan: Plan) -> Iterator[Event]:
    orders = draw_orders(plan)
    for number in range(len(orders.buyer)):
        yield from _order(plan, orders, number)


def _order(plan: Plan, orders: Orders, number: int) -> Iterator[Event]:
    group, seller = int(orders.group[number]), int(orders.seller[number])
    platform = plan.groups.platform[group]
    buyer = plan.cast.account(int(orders.buyer[number]), platform)
    distributor = plan.cast.account(seller, platform) if seller >= 0 else None
    steps = [
        (Kind.ORDER_PLACED, orders.placed_us, orders.amount_fen),
        (Kind.ORDER_PAID, orders.paid_us, orders.amount_fen),
    ]
    steps.append((Kind.ORDER_REFUNDED, orders.refunded_us, orders.refund_fen))
    for kind, time_us, amount in steps:
        if time_us[number] < 0:
            continue
        yield Event(
            key=f"{plan.prefix}order:{number}:{kind.value}", kind=kind, platform=platform,
            group=plan.groups.handle[group], time_us=int(time_us[number]), actor=buyer, target=distributor,
            utc_offset_min=OFFSET_MIN, ref=f"KN{plan.seed}-{number + 1:07d}", amount_fen=int(amount[number]),
            product=PRODUCTS[int(orders.product[number])],
        )  # fmt: skip
