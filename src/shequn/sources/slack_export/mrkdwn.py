"""Slack's message markup ("mrkdwn") as plain text, and the people it mentions.

Slack stores `<@U123>` for a mention, `<#C123|general>` for a channel, `<!here>` for a broadcast,
`<https://x|label>` for a link, and escapes `&`, `<`, `>` as entities. The text shequn keeps reads as
Slack shows it: `@Hamza`, `#general`, `@here`, `label (https://x)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...domain.events import Account

_MARKUP = re.compile(r"<([^<>\n]*)>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def render(text: str, account: Callable[[str], Account]) -> tuple[str, tuple[Account, ...]]:
    """The text as Slack shows it, and the accounts its `<@U…>` mentions name, in order."""
    if "<" not in text and "&" not in text:
        return text, ()
    mentioned: dict[str, Account] = {}

    def replace(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            person = account(target[1:])
            mentioned.setdefault(target[1:], person)
            return "@" + (label or person.name or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return _special(target[1:], label)
        return _link(target, label)

    rendered = _MARKUP.sub(replace, text)
    for entity, character in _ENTITIES:
        rendered = rendered.replace(entity, character)
    return rendered, tuple(mentioned.values())


def _special(command: str, label: str) -> str:
    """`<!here>`, `<!channel>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`: the label if any."""
    if label:
        return label
    return "@" + command.partition("^")[0]


def _link(url: str, label: str) -> str:
    if not label or label == url or url.endswith("//" + label) or url == "mailto:" + label:
        return label or url
    return f"{label} ({url})"
