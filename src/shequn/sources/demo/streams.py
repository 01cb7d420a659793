"""Where the demo's randomness comes from: one independent stream per part of the story.

Every stream is seeded from (seed, members, part, ...), so a part can be drawn without drawing the
parts before it, and the same arguments always give the same community.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Part(IntEnum):
    CAST = 1
    GROUPS = 2
    MEMBERSHIPS = 3
    CAMPAIGN = 4
    MODERATION = 5
    IDENTITIES = 6
    CHAT = 7
    ORDERS = 8
    MEETUPS = 9


def stream(seed: int, members: int, part: Part, *more: int) -> np.random.Generator:
    """The random generator of one part of the demo (and of one group, when `more` names it)."""
    return np.random.default_rng([seed, members, int(part), *more])
