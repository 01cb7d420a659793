"""The people of the demo: who plays which part, how much each one talks, and their accounts.

People are numbered slots. The first few are the brand's core team, then the partners (合伙人), the
group owners (群主), the advertisers and the throwaway accounts of a fake fission; everyone else is
an ordinary member, a few of them member-distributors. Slots past `members` are the old accounts of
people who moved to a new one (their `alias_of` says whose).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from math import sqrt

import numpy as np

from ...domain.events import Account
from .names import FOUNDER_NAME, OPERATOR_NAMES, person_name
from .streams import Part, stream

MIN_MEMBERS = 10
LURKER_SHARE = 0.6  # of ordinary members, who read and never write a word
DISTRIBUTOR_SHARE = 0.025
WECHAT, QQ = "wechat", "qq"


class Role(IntEnum):
    MEMBER = 0
    DISTRIBUTOR = 1  # a member who sells to the people behind them
    FOUNDER = 2  # the brand owner
    OPERATOR = 3  # the brand's community operators
    PARTNER = 4  # the few who brought group owners in; buy at the partner price
    OWNER = 5  # a group owner; buys at the group-owner price
    ADVERTISER = 6
    THROWAWAY = 7  # an account made only to count as an invitee
    ALIAS = 8  # a person's old account


ORDINARY = (Role.MEMBER, Role.DISTRIBUTOR)
TEAM = (Role.FOUNDER, Role.OPERATOR, Role.PARTNER, Role.OWNER)


@dataclass(frozen=True)
class Sizes:
    """How many of each part a community of `members` people has."""

    members: int
    groups: int
    operators: int
    partners: int
    advertisers: int
    fraudsters: int  # inviters who bring throwaway accounts
    throwaways_each: int

    @classmethod
    def for_members(cls, members: int) -> Sizes:
        if members < MIN_MEMBERS:
            raise ValueError(f"a demo community needs at least {MIN_MEMBERS} members, not {members}")
        throwaways_each = round(3 + 2.5 * sqrt(members / 100))
        fraudsters = 2 if members >= 200 else 1
        return cls(
            members=members,
            groups=max(2, round(30 * (members / 5000) ** 0.45)),
            operators=min(len(OPERATOR_NAMES) - 1 + members // 100_000, max(1, members // 60)),
            partners=max(1, round(sqrt(members) / 12)),
            advertisers=2 + members // 200_000,
            fraudsters=fraudsters,
            throwaways_each=min(throwaways_each, members // (10 * fraudsters)),
        )

    @property
    def first_partner(self) -> int:
        return 1 + self.operators

    @property
    def first_owner(self) -> int:
        return self.first_partner + self.partners

    @property
    def first_advertiser(self) -> int:
        return self.first_owner + self.groups - 1

    @property
    def first_throwaway(self) -> int:
        return self.first_advertiser + self.advertisers

    @property
    def first_member(self) -> int:
        return self.first_throwaway + self.fraudsters * self.throwaways_each


@dataclass(frozen=True)
class Cast:
    seed: int
    sizes: Sizes
    role: np.ndarray  # Role per slot
    weight: np.ndarray  # how much each one talks; 0 for those who never do
    name_code: np.ndarray  # what each display name is made from
    alias_of: np.ndarray  # for slot members + i, the person whose old account it is

    def owner_of(self, group: int) -> int:
        """The group owner's slot; the brand's own partners group belongs to the founder."""
        return 0 if group == 0 else self.sizes.first_owner + group - 1

    def owners_of(self, groups: np.ndarray) -> np.ndarray:
        """`owner_of` for each of `groups`."""
        owners: np.ndarray = np.where(groups == 0, 0, self.sizes.first_owner + groups - 1)
        return owners

    def name(self, person: int) -> str:
        if person >= self.sizes.members:
            return self.name(int(self.alias_of[person - self.sizes.members]))
        if person == 0:
            return FOUNDER_NAME
        if person <= self.sizes.operators:
            return OPERATOR_NAMES[(person - 1) % len(OPERATOR_NAMES)] + ("" if person < 6 else str(person))
        return person_name(int(self.name_code[person]))

    def account(self, person: int, platform: str) -> Account:
        return Account(account_id(person, platform, self.seed, self.sizes.members), self.name(person))

    def with_aliases(self, originals: np.ndarray) -> Cast:
        """The cast with an old account added for each of `originals`, talking as much as they do."""
        originals = originals.astype(np.int64)
        aliases = np.full(len(originals), Role.ALIAS, dtype=np.int8)
        return replace(
            self,
            role=np.concatenate([self.role[: self.sizes.members], aliases]),
            weight=np.concatenate([self.weight[: self.sizes.members], self.weight[originals]]),
            name_code=np.concatenate([self.name_code[: self.sizes.members], self.name_code[originals]]),
            alias_of=originals,
        )


def account_id(person: int, platform: str, seed: int, members: int) -> str:
    """A wxid or QQ number, different for every slot and for every (seed, members)."""
    salt = seed * 1_000_003 + members * 7_919
    if platform == QQ:
        return str(100_000_000 + (person * 1_000_003 + salt) % 2_900_000_000)
    return "wxid_" + format((person * 2_654_435_761 + salt) % 16**14, "014x")


def make_cast(seed: int, members: int) -> Cast:
    sizes = Sizes.for_members(members)
    rng = stream(seed, members, Part.CAST)
    role = _roles(sizes, rng)
    return Cast(
        seed=seed,
        sizes=sizes,
        role=role,
        weight=_weights(role, rng),
        name_code=rng.integers(0, 2**62, size=members),
        alias_of=np.zeros(0, dtype=np.int64),
    )


def _roles(sizes: Sizes, rng: np.random.Generator) -> np.ndarray:
    role = np.full(sizes.members, Role.MEMBER, dtype=np.int8)
    role[0] = Role.FOUNDER
    role[1 : sizes.first_partner] = Role.OPERATOR
    role[sizes.first_partner : sizes.first_owner] = Role.PARTNER
    role[sizes.first_owner : sizes.first_advertiser] = Role.OWNER
    role[sizes.first_advertiser : sizes.first_throwaway] = Role.ADVERTISER
    role[sizes.first_throwaway : sizes.first_member] = Role.THROWAWAY
    ordinary = np.arange(sizes.first_member, sizes.members)
    role[ordinary[rng.random(len(ordinary)) < DISTRIBUTOR_SHARE]] = Role.DISTRIBUTOR
    return role


def _weights(role: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Heavy-tailed talkativeness: a few members write most of what a group reads."""
    n = len(role)
    talker = rng.lognormal(0.0, 1.25, size=n)
    quiet = rng.random(n) < LURKER_SHARE
    weight = np.where(quiet, 0.0, talker)
    seller = role == Role.DISTRIBUTOR
    weight[seller] = np.where(rng.random(int(seller.sum())) < 0.1, 0.0, talker[seller] * 2.0)
    weight[role == Role.FOUNDER] = 0.6
    weight[role == Role.OPERATOR] = 2.5
    weight[role == Role.PARTNER] = 2.0 + talker[role == Role.PARTNER]
    weight[role == Role.OWNER] = 1.0
    weight[(role == Role.ADVERTISER) | (role == Role.THROWAWAY)] = 0.0
    return weight
