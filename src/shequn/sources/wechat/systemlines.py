"""WeChat's system notices (Type 10000, or a rendered 10002 template) as membership events.

The Chinese wordings are WeChat's own (seen in exports and in bots that react to them); names are
quoted with ASCII or curly quotes, sometimes with a space inside the opening quote. "你" is the
account that made the export. The English wordings are those wechaty's parsers match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.events import Kind, Via

YOU = "你"
_ZH = ("、",)
_EN = (", ", " and ")


@dataclass(frozen=True)
class NoticeLine:
    """One event a notice reports. `subject` is who joined, left, was removed, renamed the group
    or recalled a message: a display name, several joined by a separator, or YOU."""

    kind: Kind
    subject: str
    other: str | None = None  # the inviter of a join, the remover of a removal
    via: Via | None = None
    title: str | None = None  # the new name of a renamed group
    separators: tuple[str, ...] = _ZH


_O, _C = r'["“]\s?', r'\s?["”]'  # an opening and a closing quote
_Q = rf"(?:{_O})?(?P<{{}}>.+?)(?:{_C})?"  # a quoted name, the quotes optional


def _q(group: str) -> str:
    return _Q.format(group)


# (pattern, via, the inviter when the pattern names none, whether the exporter joined too)
_JOINS: tuple[tuple[re.Pattern[str], Via | None, str | None, bool], ...] = tuple(
    (re.compile(pattern, re.S), via, inviter, you_joined)
    for pattern, via, inviter, you_joined in (
        (rf"你邀请{_q('names')}加入了群聊", Via.ADDED, YOU, False),
        (rf"{_q('inviter')}邀请你和{_q('names')}加入了群聊", Via.ADDED, None, True),
        (rf"{_q('inviter')}邀请你加入了群聊(?:[，,]群聊参与人还有[：:].*)?", Via.ADDED, None, True),
        (rf"{_q('inviter')}邀请{_q('names')}加入了群聊", Via.ADDED, None, False),
        (rf"你通过扫描{_q('inviter')}分享的二维码加入群聊", Via.CODE, None, True),
        (rf"{_q('names')}通过扫描你分享的二维码加入群聊", Via.CODE, YOU, False),
        (rf"{_q('names')}通过扫描{_q('inviter')}分享的二维码加入群聊", Via.CODE, None, False),
        (rf"{_q('names')}通过{_q('inviter')}的邀请二维码加入群聊", Via.CODE, None, False),
        (rf"{_q('names')}通过扫描二维码加入群聊", Via.CODE, None, False),
        (rf"{_q('names')}加入了群聊", Via.IMPORT, None, False),  # how is not said
        (r"You invited (?P<names>.+?) to the group chat\.?", Via.ADDED, YOU, False),
        (r"(?P<inviter>.+?) invited you and (?P<names>.+?) to the group chat\.?", Via.ADDED, None, True),
        (r"(?P<inviter>.+?) invited you to (?:a|the) group chat(?: with .*)?\.?", Via.ADDED, None, True),
        (r"(?P<inviter>.+?) invited (?P<names>.+?) to (?:a|the) group chat\.?", Via.ADDED, None, False),
        (r'" ?(?P<names>.+?)" joined group chat via the QR code you shared\.?', Via.CODE, YOU, False),
    )
)
_OTHERS = (
    (re.compile(rf"你将{_q('names')}移出了群聊"), Kind.REMOVAL),
    (re.compile(rf"{_q('actor')}将{_q('names')}移出了群聊"), Kind.REMOVAL),
    (re.compile(rf"你被{_q('actor')}移出群聊"), Kind.REMOVAL),
    (re.compile(rf"(?:你|{_q('actor')})修改群名为[“\"](?P<title>.*)[”\"]", re.S), Kind.GROUP_RENAMED),
    (re.compile(rf"(?:你|{_q('actor')}) ?撤回了一条消息(?: ?重新编辑)?"), Kind.MESSAGE),
    (re.compile(rf"{_q('names')}退出了群聊"), Kind.LEAVE),  # not announced to members; kept if seen
)


def notice_lines(text: str) -> list[NoticeLine]:
    """The events a notice reports; empty when it reports none (it is then kept as a message)."""
    if len(text) > 2000 or not ("群" in text or "撤回" in text or "group chat" in text):
        return []
    for pattern, via, inviter, you_joined in _JOINS:
        found = pattern.fullmatch(text)
        if found:
            return _joins(found, via, inviter, you_joined)
    for pattern, kind in _OTHERS:
        found = pattern.fullmatch(text)
        if found:
            return [_line(found, kind)]
    return []


def _joins(found: re.Match[str], via: Via | None, inviter: str | None, you_joined: bool) -> list[NoticeLine]:
    who_invited = inviter or _name(found, "inviter")
    separators = _ZH if "群聊" in found.re.pattern else _EN
    lines = [NoticeLine(Kind.JOIN, YOU, who_invited, via)] if you_joined else []
    names = _name(found, "names")
    if names:
        lines.append(NoticeLine(Kind.JOIN, names, who_invited, via, separators=separators))
    return lines


def _line(found: re.Match[str], kind: Kind) -> NoticeLine:
    actor = _name(found, "actor") or YOU
    if kind is Kind.REMOVAL:
        removed = _name(found, "names")
        return NoticeLine(kind, removed or YOU, actor)
    if kind is Kind.LEAVE:
        return NoticeLine(kind, _name(found, "names") or YOU)
    return NoticeLine(kind, actor, title=found.groupdict().get("title"))


def _name(found: re.Match[str], group: str) -> str | None:
    value = found.groupdict().get(group)
    return value.strip() if value and value.strip() else None
