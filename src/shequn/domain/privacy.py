"""Members' personal data shown only as much as a role needs: phone numbers are masked.

An account is a phone number when its platform is `phone` or WhatsApp (whose ids are numbers), or
when its handle or name is written like one: international with a leading + (`+86 138 0013 8000`,
as WhatsApp exports name unsaved contacts) or a mainland mobile number (`13800138000`). Bare digits
otherwise are left alone: they are QQ numbers and Telegram ids far more often than phones.
A masked number keeps its last four digits, so people can still tell two apart.
"""

from __future__ import annotations

import re

PHONE_PLATFORMS = frozenset({"phone", "whatsapp"})
_INTERNATIONAL = re.compile(r"^\+[\d\s().-]{7,24}$")
_MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_DIGIT = re.compile(r"\d")


def looks_like_phone(text: str) -> bool:
    """A + and seven to fifteen digits (spaces, dots, dashes, brackets between), or a mainland mobile."""
    text = text.strip()
    if _MAINLAND_MOBILE.match(text):
        return True
    return bool(_INTERNATIONAL.match(text)) and 7 <= len(_DIGIT.findall(text)) <= 15


def mask_phone(text: str) -> str:
    """Every digit but the last four becomes `*`; the rest of the writing stays."""
    digits = len(_DIGIT.findall(text))
    seen = 0

    def hide(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group(0) if seen > digits - 4 else "*"

    return _DIGIT.sub(hide, text)


def shown_handle(platform: str, handle: str) -> str:
    """An account's handle as someone without access to personal data sees it."""
    if platform in PHONE_PLATFORMS or looks_like_phone(handle):
        return mask_phone(handle)
    return handle


def shown_name(name: str | None) -> str | None:
    """A display name as someone without access to personal data sees it."""
    return mask_phone(name) if name and looks_like_phone(name) else name
