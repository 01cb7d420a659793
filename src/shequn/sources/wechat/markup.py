"""The XML WeChat stores in some messages: system notices (`<sysmsg>`, `<revokemsg>`) and app
messages (`<appmsg>`, where a quote reply keeps the quoted message in `<refermsg>`)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from .records import Quote

_TAG = re.compile(r"<[^<>]*>")
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)
_PLACEHOLDER = re.compile(r"\$(\w+)\$")


def _parse(content: str) -> ElementTree.Element | None:
    """The XML in a message, which in group chats may follow a "wxid_…:\\n" sender prefix."""
    start = content.find("<")
    if start < 0:
        return None
    try:
        return ElementTree.fromstring(content[start:].strip())
    except (ElementTree.ParseError, ValueError):
        return None


def is_markup(content: str) -> bool:
    return "<sysmsg" in content or "<revokemsg" in content


def notice_text(content: str) -> tuple[str, dict[str, str]]:
    """What a system notice says as plain text, and the wxid of every name it links.

    A `sysmsgtemplate` notice is a template (`"$username$"邀请"$names$"加入了群聊`) whose
    placeholders link member lists; it is rendered the way WeChat shows it, so the same patterns
    read it as read the plain-text notices, and the member lists say who each name is.
    """
    root = _parse(content) if is_markup(content) else None
    if root is None:
        return plain_notice(content), {}
    if root.tag == "revokemsg" or root.get("type") == "revokemsg":
        shown = (
            root.findtext("revokemsg/replacemsg") or root.findtext("replacemsg") or "".join(root.itertext())
        )
        return plain_notice(shown), {}
    template = root.findtext(".//content_template/template")
    if template is None:
        return plain_notice("".join(root.itertext())), {}
    return _render(root, template)


def _render(root: ElementTree.Element, template: str) -> tuple[str, dict[str, str]]:
    linked: dict[str, str] = {}
    values: dict[str, str] = {}
    for link in root.iterfind(".//link_list/link"):
        names = []
        for member in link.iterfind("memberlist/member"):
            wxid, nickname = (
                (member.findtext("username") or "").strip(),
                (member.findtext("nickname") or "").strip(),
            )
            if nickname:
                names.append(nickname)
                if wxid:
                    linked[nickname] = wxid
        separator = link.findtext("separator") or "、"
        values[link.get("name") or ""] = separator.join(names) if names else (link.findtext("title") or "")
    shown = _PLACEHOLDER.sub(lambda found: values.get(found.group(1), ""), template)
    return plain_notice(shown), linked


def plain_notice(text: str) -> str:
    """A notice without the markup some exporters leave in it (CDATA, the "重新编辑" link)."""
    if "<" in text or "]]>" in text:
        text = text.replace("<![CDATA[", "").replace("]]>", "")
        text = _TAG.sub("", _LINK.sub("", text))
    return text.replace("$revoke$", "").strip()


def app_message(content: str) -> tuple[str | None, Quote | None]:
    """The title of an app message (the words of a quote reply) and the message it quotes."""
    if "<appmsg" not in content:
        return (content or None), None
    root = _parse(content)
    if root is None:
        return None, None
    title = root.findtext(".//appmsg/title") or root.findtext(".//title")
    refer = root.find(".//refermsg")
    if refer is None:
        return title, None
    quote = Quote(
        author_name=_text(refer, "displayname"),
        author_id=_author_id(refer),
        message_id=_text(refer, "svrid"),
        text=_text(refer, "content"),
    )
    return title, quote


def _author_id(refer: ElementTree.Element) -> str | None:
    """In a group the quoted author is `chatusr` (`fromusr` is the group); in a chat of two, `fromusr`."""
    for tag in ("chatusr", "fromusr"):
        found = _text(refer, tag)
        if found and not found.endswith("@chatroom"):
            return found
    return None


def _text(element: ElementTree.Element, tag: str) -> str | None:
    found = element.findtext(tag)
    return found.strip() or None if found else None
