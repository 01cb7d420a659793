"""What QQ's system sender says: `XXX加入本群。` and the like, as membership and recall notices.

Only the joiner is named, never how they came or who invited them, so a join's `via` is `import`
("no record of how"), as for the other formats whose join notices do not say.
Lines about "你" (the exporter) are dropped: the export never says which account that is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.events import Kind, Via

YOU = "你"


@dataclass(frozen=True)
class SystemFact:
    kind: Kind
    subject: str  # the display name the line is about
    other: str | None = None  # who invited (a join) or removed (a removal)
    via: Via | None = None


# (pattern, kind, via). Order matters: "A邀请B加入本群" must not read as a join by "A邀请B".
_LINES: tuple[tuple[re.Pattern[str], Kind, Via | None], ...] = (
    # Not seen in a real export, but parsed so such a line never becomes a join by "A邀请B".
    (
        re.compile(r"(?P<other>.+?) ?邀请 ?(?P<subject>.+?) ?加入(?:了)?(?:本群|群聊)[。.]?"),
        Kind.JOIN,
        Via.ADDED,
    ),
    (re.compile(r"(?P<subject>.+?) ?加入(?:了)?(?:本群|群聊)[。.]?"), Kind.JOIN, Via.IMPORT),
    # Reported by other parsers (ChatLab), not seen in a 消息管理器 export.
    (re.compile(r"(?P<subject>.+?) ?(?:已)?退出(?:了)?(?:本群|群聊|该群)[。.]?"), Kind.LEAVE, None),
    (
        re.compile(r"(?P<subject>.+?) ?被(?:(?P<other>.+?) ?)?移出(?:了)?(?:本群|群聊)[。.]?"),
        Kind.REMOVAL,
        None,
    ),
    (re.compile(r"(?P<subject>.+?) ?撤回了一条(?:成员)?消息(?: 重新编辑)?[。.]?"), Kind.MESSAGE, None),
)
_GENERIC_REMOVERS = frozenset({"管理员", "群主"})  # a role, not a person


def system_fact(body: str) -> SystemFact | None:
    """The event a system line reports, or None when it reports none (a notice kept as a message)."""
    if len(body) > 200 or "\n" in body:
        return None
    for pattern, kind, via in _LINES:
        found = pattern.fullmatch(body)
        if found:
            names = found.groupdict()
            other = names.get("other")
            if other in _GENERIC_REMOVERS and kind is Kind.REMOVAL:
                other = None
            return SystemFact(kind, names["subject"].strip(), other.strip() if other else None, via)
    return None
