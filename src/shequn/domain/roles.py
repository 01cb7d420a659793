"""Who may see and do what: the four roles and what each permits.

A role is a set of permissions. Group owners hold none of them: they see only the groups they own
(and those groups' members), and nothing community-wide. A token acts with a role its user holds or a
narrower one, never wider.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"  # everything: money, members' personal data, users and settings
    OPERATOR = "operator"  # every group, and records events; no money, no settings
    GROUP_OWNER = "group_owner"  # only the groups they own and those groups' members
    VIEWER = "viewer"  # every group, read-only


class Permission(StrEnum):
    ALL_GROUPS = "all_groups"  # see every group and community-wide figures
    WRITE = "write"  # record events
    MONEY = "money"  # order amounts and anything counted in fen
    PERSONAL_DATA = "personal_data"  # phone numbers unmasked
    SETTINGS = "settings"  # users, tokens, the audit log


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.OPERATOR: frozenset({Permission.ALL_GROUPS, Permission.WRITE}),
    Role.GROUP_OWNER: frozenset(),
    Role.VIEWER: frozenset({Permission.ALL_GROUPS}),
}


def parse_role(text: str) -> Role:
    """A role by name, or a ValueError naming the ones there are."""
    try:
        return Role(text)
    except ValueError:
        raise ValueError(f"unknown role {text!r}; expected one of: {', '.join(Role)}") from None


def token_roles(user_role: Role) -> tuple[Role, ...]:
    """The roles a token of a user with `user_role` may carry: the user's own, or one permitting
    less. Only a group owner's tokens are limited to groups, so only they carry that role."""
    if user_role is Role.GROUP_OWNER:
        return (Role.GROUP_OWNER,)
    held = PERMISSIONS[user_role]
    return tuple(role for role in Role if role is not Role.GROUP_OWNER and PERMISSIONS[role] <= held)


class Caller:
    """Who is asking, as every page and API call sees them: a user, acting with a role (their own,
    or their token's), and the ids of the groups they may see (None: every group)."""

    __slots__ = ("groups", "name", "role", "user_id")

    def __init__(self, user_id: int, name: str, role: Role, groups: frozenset[int] | None) -> None:
        self.user_id, self.name, self.role = user_id, name, role
        self.groups = None if Permission.ALL_GROUPS in PERMISSIONS[role] else (groups or frozenset())

    def can(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    def sees_group(self, group_id: int) -> bool:
        return self.groups is None or group_id in self.groups

    def __repr__(self) -> str:
        return f"Caller({self.name!r}, {self.role})"
