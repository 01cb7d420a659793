"""The dashboard's FastAPI app: pages are route modules listed in PAGES, rendered server-side.

Adding a page: write `routes/<name>.py` with a `router` (and a `NAV` to put it in the header), a
template in `templates/`, its messages in `locales/en/` and `locales/zh/`, and add the module to PAGES.
Who may open it is the module's `ACCESS` (see access.py): by default only roles that see every group.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from types import ModuleType

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from ..store import StoreError
from .access import page_dependencies
from .api import events as api_events
from .api import reads as api_reads
from .api import schema as api_schema
from .i18n import COOKIE, supported
from .refusals import install_access
from .routes import analytics, circles, fission, groups, health, leaders, login, members, overview
from .templating import NavItem, render

PAGES: tuple[ModuleType, ...] = (
    overview,
    groups,
    members,
    analytics,
    leaders,
    circles,
    fission,
    health,
    login,
    api_reads,
    api_events,
    api_schema,
)

STATIC = Path(__file__).parent / "static"
ONE_YEAR = 365 * 86_400


def create_app(db_url: str | None, community: str | None = None) -> FastAPI:
    """The dashboard for one community in one database (the only community when none is named).

    The database is opened for each request, so the CLI can keep writing while the app serves.
    """
    app = FastAPI(title="shequn", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db_url = db_url
    app.state.community = community
    app.state.nav = [page.NAV for page in PAGES if isinstance(getattr(page, "NAV", None), NavItem)]
    for page in PAGES:
        app.include_router(page.router, dependencies=page_dependencies(page))
    install_access(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(remember_language)
    app.exception_handler(StoreError)(store_problem)
    return app


async def remember_language(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """A `?lang=` choice is kept in a cookie, so the next page speaks the same language."""
    response = await call_next(request)
    chosen = supported(request.query_params.get("lang"))
    if chosen and chosen != request.cookies.get(COOKIE):
        response.set_cookie(COOKIE, chosen, max_age=ONE_YEAR, samesite="lax")
    response.headers.append("Vary", "Accept-Language, Cookie")
    return response


async def store_problem(request: Request, error: Exception) -> Response:
    """A missing database or community is something the user can fix: say what, on a page."""
    return render(request, "error.html", status_code=503, message=str(error))
