"""The presence rule of presence.py over part of the log: some groups, or the events of some accounts.

The condition goes inside each of the rule's scans, next to the community, so an index on the
condition's columns answers it instead of a scan of the whole log (see NOT_BY_COMMUNITY).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .presence import SUBJECTS, SUBJECTS_PARAMETERS

_EVERY_FACT = "WHERE community_id = ?"
if SUBJECTS.count(_EVERY_FACT) != SUBJECTS_PARAMETERS:
    raise RuntimeError("presence.SUBJECTS changed shape; scoped_presence must follow it")


def scoped_subjects(condition: str) -> str:
    """SUBJECTS over the events meeting `condition`; see `scoped_parameters` for its parameters."""
    return SUBJECTS.replace(_EVERY_FACT, f"WHERE {NOT_BY_COMMUNITY} = ? AND ({condition})")


# `+community_id` still filters by community but keeps SQLite from answering the filter with the
# index on (community_id, time_us), which it otherwise prefers (it has no statistics) and which
# reads the community's whole log. The condition's own index is then used. PostgreSQL reads it as
# the plain column.
NOT_BY_COMMUNITY = "+community_id"


def scoped_parameters(community_id: int, condition_parameters: Sequence[Any]) -> list[Any]:
    return [community_id, *condition_parameters] * SUBJECTS_PARAMETERS


def marks(values: Sequence[Any]) -> str:
    """`?, ?, ?` for an IN list of these values."""
    return ", ".join("?" * len(values))
