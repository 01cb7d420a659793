"""The dashboard's languages: which one a request gets, and its messages.

A `?lang=` parameter wins (and is remembered in a cookie), then the cookie, then the browser's
Accept-Language; anything else gets English. Messages live in `locales/<lang>/*.json`, one flat
object per file (a file per area of the dashboard), the same files and keys in every language.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}  # lets browsers pick Simplified Chinese glyphs

LOCALES = Path(__file__).parent / "locales"


def supported(lang: str | None) -> str | None:
    """The language code if shequn speaks it, else None."""
    return lang if lang in LANGUAGES else None


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    return supported(query) or supported(cookie) or from_accept_language(accept_language or "")


def from_accept_language(header: str) -> str:
    """The supported language the browser prefers most: `zh-CN,zh;q=0.9,en;q=0.8` gives zh."""
    best, best_weight = DEFAULT_LANGUAGE, 0.0
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        lang = supported(tag.strip().split("-")[0].lower())
        weight = _quality(params)
        if lang and weight > best_weight:
            best, best_weight = lang, weight
    return best


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


@cache
def catalog(lang: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.json")):
        with path.open(encoding="utf-8") as file:
            messages |= json.load(file)
    return messages


class Translator:
    """`t("key", name=value)`: the message for a key in one language, with `{name}` filled in."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.messages = catalog(lang)

    def __call__(self, key: str, **values: object) -> str:
        message = self.messages.get(key) or catalog(DEFAULT_LANGUAGE).get(key, key)
        return message.format(**values) if values else message


def format_number(value: int | float) -> str:
    """Thousands separated by commas, as both Chinese and English readers expect: 12,345."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
