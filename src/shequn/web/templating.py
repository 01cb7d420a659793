"""Rendering a page: the Jinja environment and what every template can use.

Every template gets `t` (the messages in the request's language), `lang`, the navigation (the pages
the caller may open), the caller and the session's `csrf_token`, the language switch, and the
filters `number` (12,345) and `when` (2026-03-01 09:00).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .access import page_context
from .i18n import COOKIE, HTML_LANG, LANGUAGE_NAMES, LANGUAGES, Translator, choose_language, format_number

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class NavItem:
    """A page's link in the header: its path and the message key of its label."""

    path: str
    label: str


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def format_when(iso: str | None) -> str:
    """An ISO time, already in the community's zone, to the minute."""
    return "—" if not iso else datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["number"] = format_number
    env.filters["when"] = format_when
    return env


templates = Jinja2Templates(env=_environment())


def language_of(request: Request) -> str:
    return choose_language(
        request.query_params.get("lang"), request.cookies.get(COOKIE), request.headers.get("accept-language")
    )


def translator(request: Request) -> Translator:
    return Translator(language_of(request))


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = language_of(request)
    shared = {
        "lang": lang,
        "html_lang": HTML_LANG[lang],
        "t": Translator(lang),
        "languages": _language_links(request, lang),
    } | page_context(request)
    return templates.TemplateResponse(request, template, shared | context, status_code=status_code)


def _language_links(request: Request, current: str) -> list[LanguageLink]:
    """This same page in each language, keeping the other query parameters."""
    params = [(name, value) for name, value in request.query_params.multi_items() if name != "lang"]
    return [
        LanguageLink(
            code,
            LANGUAGE_NAMES[code],
            f"{request.url.path}?{urlencode([*params, ('lang', code)])}",
            code == current,
        )
        for code in LANGUAGES
    ]
