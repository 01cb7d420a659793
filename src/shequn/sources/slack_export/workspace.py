"""The workspace files of a Slack export: who the users are, and which folder holds which channel.

`users.json` names people; `channels.json` (public channels), `groups.json` (private channels),
`mpims.json` (group DMs) and `dms.json` (DMs) list the conversations. Each conversation's messages
sit in a folder named after it: the channel's name, except for DMs, whose folder is their id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...domain.events import Account, AccountKind
from ..files import SourceFile
from ..importer import Problem
from ..jsonfile import json_items, text_or_none

SLACKBOT = "USLACKBOT"
# The lists of conversations, and whether each names its folder by the conversation's name or id.
CHANNEL_LISTS = {"channels.json": "name", "groups.json": "name", "mpims.json": "name", "dms.json": "id"}
USER_LIST = "users.json"


@dataclass(frozen=True)
class Channel:
    id: str
    title: str  # the group's name: "#general", a group DM's name, or the two people in a DM
    creator: str | None
    created: str | None  # Slack's epoch seconds, as written


@dataclass
class Workspace:
    accounts: dict[str, Account] = field(default_factory=dict)  # user id -> account
    channels: dict[str, Channel] = field(default_factory=dict)  # folder -> channel
    problems: list[Problem] = field(default_factory=list)

    def account(self, user_id: str, profile: Any = None) -> Account:
        """The account of a user id; a user missing from users.json is named by the message's own
        `user_profile` where it has one."""
        known = self.accounts.get(user_id)
        if known is not None:
            return known
        name = _profile_name(profile) if isinstance(profile, dict) else None
        kind = AccountKind.BOT if user_id == SLACKBOT else AccountKind.PERSON
        return Account(user_id, name, kind)

    def read_users(self, file: SourceFile) -> None:
        for number, user in array_items(file, "user"):
            user_id = user.get("id") if isinstance(user, dict) else None
            if not isinstance(user_id, str) or not user_id:
                self.problems.append(
                    Problem(file.name, number, f"user {number}: expected an object with an id")
                )
                continue
            bot = user.get("is_bot") is True or user_id == SLACKBOT
            name = (
                _profile_name(user.get("profile"))
                or text_or_none(user.get("real_name"))
                or text_or_none(user.get("name"))
            )
            self.accounts[user_id] = Account(user_id, name, AccountKind.BOT if bot else AccountKind.PERSON)

    def read_channels(self, file: SourceFile, folder_field: str) -> None:
        for number, raw in array_items(file, "conversation"):
            channel_id = raw.get("id") if isinstance(raw, dict) else None
            folder = raw.get(folder_field) if isinstance(raw, dict) else None
            if not isinstance(channel_id, str) or not channel_id or not isinstance(folder, str) or not folder:
                expected = f"an object with an id and a {folder_field}"
                self.problems.append(
                    Problem(file.name, number, f"conversation {number}: expected {expected}")
                )
                continue
            self.channels[folder] = Channel(
                channel_id, self._title(file, raw), text_or_none(raw.get("creator")), _epoch(raw)
            )

    def _title(self, file: SourceFile, raw: dict[str, Any]) -> str:
        if file.relative.name == "dms.json":
            members = [
                self.account(member).name or member
                for member in raw.get("members") or []
                if isinstance(member, str)
            ]
            return " & ".join(members) or str(raw["id"])
        name = str(raw.get("name") or raw["id"])
        return name if file.relative.name == "mpims.json" else f"#{name}"


def array_items(file: SourceFile, noun: str) -> Iterator[tuple[int, Any]]:
    """Each item of a file holding one JSON array, numbered from 1; damage raises SourceError."""
    return json_items(file, "item", noun, f"expected a JSON array of {noun} objects")


def _profile_name(profile: Any) -> str | None:
    """The name Slack shows: the display name a person chose, else their real name."""
    if not isinstance(profile, dict):
        return None
    return (
        text_or_none(profile.get("display_name"))
        or text_or_none(profile.get("real_name"))
        or text_or_none(profile.get("name"))
    )


def _epoch(raw: dict[str, Any]) -> str | None:
    created = raw.get("created")
    if isinstance(created, int | float) and not isinstance(created, bool):
        return str(int(created))
    return created if isinstance(created, str) and created.isascii() and created.isdigit() else None
