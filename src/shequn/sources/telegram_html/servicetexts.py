"""The service lines of a Telegram Desktop HTML export, which are fixed English sentences whatever
the app's language, read back into the actions the JSON export names.

| sentence                                          | action                 |
|---------------------------------------------------|------------------------|
| X created group «T» [with members A, B and C]     | create_group           |
| Channel «T» created                               | create_channel         |
| X changed group title to «T»; Channel title changed to «T» | edit_group_title |
| X invited A, B and C                              | invite_members         |
| X removed Y                                       | remove_members         |
| X joined group by link from Y                     | join_group_by_link     |
| X joined group by request                         | join_group_by_request  |

Everything else (pins, photos, voice chats, conversions to a supergroup...) has no canonical kind.
Lists of names are joined with ", " and a final " and ", which a name may contain too: a list is
split where the pieces are names seen elsewhere in the export, else at every separator.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

_IGNORED = re.compile(r".+ invited .+ to the voice chat|.+ (?:changed|removed) group photo", re.S)
_SENTENCES = (
    (
        "create_group",
        re.compile(r"(?P<actor>.+?) created group «(?P<title>.*)»(?: with members (?P<members>.+))?", re.S),
    ),
    ("create_channel", re.compile(r"Channel «(?P<title>.*)» created", re.S)),
    ("edit_group_title", re.compile(r"(?P<actor>.+?) changed group title to «(?P<title>.*)»", re.S)),
    ("edit_group_title", re.compile(r"Channel title changed to «(?P<title>.*)»", re.S)),
    ("join_group_by_link", re.compile(r"(?P<actor>.+?) joined group by link from (?P<inviter>.+)", re.S)),
    ("join_group_by_request", re.compile(r"(?P<actor>.+?) joined group by request", re.S)),
    ("invite_members", re.compile(r"(?P<actor>.+?) invited (?P<members>.+)", re.S)),
    ("remove_members", re.compile(r"(?P<actor>.+?) removed (?P<members>.+)", re.S)),
)
_SEPARATOR = re.compile(r"(, | and )")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY = re.compile(rf"(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}})")


@dataclass(frozen=True)
class ServiceText:
    action: str  # as the JSON export names it
    actor: str | None  # None: the channel itself
    title: str | None = None
    members: str | None = None  # the names as the sentence lists them
    inviter: str | None = None


def read_service_text(text: str) -> ServiceText | None:
    if _IGNORED.fullmatch(text):
        return None
    for action, sentence in _SENTENCES:
        if found := sentence.fullmatch(text):
            fields = found.groupdict()
            return ServiceText(
                action, fields.get("actor"), fields.get("title"), fields.get("members"), fields.get("inviter")
            )
    return None


def day_of(text: str) -> date | None:
    """The day a "23 August 2023" separator opens, or None for any other service line."""
    found = _DAY.fullmatch(text)
    if found is None:
        return None
    return date(int(found[3]), _MONTHS.index(found[2]) + 1, int(found[1]))


def split_names(listed: str, known: Collection[str]) -> list[str]:
    """The names in "A, B and C": the split that makes the most pieces known names, and among
    those the one with the most pieces."""
    if listed in known:
        return [listed]
    parts = _SEPARATOR.split(listed)
    words, separators = parts[0::2], parts[1::2]
    best: list[tuple[int, int, list[str]]] = [(0, 0, [])] * (len(words) + 1)
    for start in reversed(range(len(words))):
        name, options = words[start], []
        for end in range(start, len(words)):
            if end > start:
                name += separators[end - 1] + words[end]
            known_after, pieces_after, names_after = best[end + 1]
            options.append((known_after + (name in known), pieces_after + 1, [name, *names_after]))
        best[start] = max(options, key=lambda option: option[:2])
    return best[0][2]
