"""Who is asking and what they may open: every route but the public ones is behind `Needs`.

A page module says how it is reached with `ACCESS`:

- `PUBLIC`: anyone (the sign-in page, /healthz, the API's OpenAPI document);
- `GROUP_SCOPED`: any signed-in caller; the page shows only `caller.groups` (None: every group),
  and answers 404 for another group's object exactly as for a missing one;
- `ALL_GROUPS` (the default, when a module says nothing): callers who see every group; group
  owners are refused (403), so a page nobody has scoped cannot leak another group's data.

`app.py` puts each module's router behind `page_dependencies(module)`; a route that needs more
(money, settings, writing) adds `Depends(Needs(Permission...))`. Routes ask for the caller with a
`caller: CallerDep` parameter.

A caller is found from, in order: an `Authorization: Bearer` API token; the session cookie; else,
while the database has no user at all, the local owner (read-only: add a user to change anything).
Requests that change something with a session must carry its CSRF token (form field `csrf_token`
or header `X-CSRF-Token`). API calls are rate-limited per caller.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Path, Request

try:
    from fastapi.routing import iter_route_contexts
except ImportError:  # FastAPI before included routers kept their own routes: app.routes is flat

    def iter_route_contexts(routes: Any) -> Any:  # type: ignore[misc]
        return iter(routes)


from ..domain.roles import Caller, Permission, Role
from ..services.sessions import Session, find_session
from ..services.tokens import token_caller
from ..store import Database
from ..store.users import any_user
from .dependencies import open_database
from .rate_limits import RateLimits

PUBLIC, GROUP_SCOPED, ALL_GROUPS = "public", "group_scoped", "all_groups"
SESSION_COOKIE = "shequn_session"
CSRF_FIELD, CSRF_HEADER = "csrf_token", "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOCAL_OWNER = Caller(0, "local", Role.OWNER, None)


class Refusal(Exception):
    """A request that will not be answered; `status` says why (401, 403, 404, 429)."""

    def __init__(self, status: int, reason: str, retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.retry_after = status, reason, retry_after


def missing() -> Refusal:
    """The one answer for a missing object and for one the caller may not see."""
    return Refusal(404, "not_found")


class Needs:
    """A dependency giving the signed-in caller, refused (403) unless they hold `permission`.
    `Needs(None)` lets any signed-in caller in: the route scopes what it shows."""

    def __init__(self, permission: Permission | None) -> None:
        self.permission = permission

    async def __call__(self, request: Request, db: Annotated[Database, Depends(open_database)]) -> Caller:
        caller = await identify(request, db)
        if self.permission is not None and not caller.can(self.permission):
            raise Refusal(403, "forbidden")
        return caller

    def __repr__(self) -> str:
        return f"Needs({self.permission})"


# An id in a path: a group's or a member's. Past the 64-bit range nothing can be stored, so such a
# path is refused (422) rather than looked up.
ObjectId = Annotated[int, Path(ge=0, le=2**63 - 1)]

signed_in = Needs(None)
sees_all_groups = Needs(Permission.ALL_GROUPS)
CallerDep = Annotated[Caller, Depends(signed_in)]

_LEVELS: dict[str, list[Any]] = {
    PUBLIC: [],
    GROUP_SCOPED: [Depends(signed_in)],
    ALL_GROUPS: [Depends(sees_all_groups)],
}


def page_dependencies(page: object) -> list[Any]:
    """What a page module's routes are behind, from its `ACCESS` (default ALL_GROUPS)."""
    return _LEVELS[getattr(page, "ACCESS", ALL_GROUPS)]


async def identify(request: Request, db: Database) -> Caller:
    """The caller of this request (worked out once per request), or a 401 Refusal."""
    known: Caller | None = getattr(request.state, "caller", None)
    if known is not None:
        return known
    now = request.app.state.clock()
    caller = _bearer(request, db) or await _session_caller(request, db, now)
    if caller is None:
        if any_user(db):
            raise Refusal(401, "sign_in")
        if request.method not in SAFE_METHODS:
            raise Refusal(401, "no_users")
        caller = LOCAL_OWNER
    if request.url.path.startswith("/api/"):
        limits: RateLimits = request.app.state.rate_limits
        wait = limits.api_per_caller.hit(f"{caller.user_id}:{caller.role}", now)
        if wait is not None:
            raise Refusal(429, "too_many", retry_after=wait)
    request.state.caller = caller
    return caller


def _bearer(request: Request, db: Database) -> Caller | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, secret = header.partition(" ")
    caller = token_caller(db, secret.strip()) if scheme.lower() == "bearer" else None
    if caller is None:
        raise Refusal(401, "bad_token")
    return caller


async def _session_caller(request: Request, db: Database, now_us: int) -> Caller | None:
    secret = request.cookies.get(SESSION_COOKIE)
    session = find_session(db, secret, now_us) if secret else None
    if session is None:
        return None
    if request.method not in SAFE_METHODS and not await _carries_csrf_token(request, session):
        raise Refusal(403, "csrf")
    request.state.session = session
    return session.caller


async def _carries_csrf_token(request: Request, session: Session) -> bool:
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    return given is not None and hmac.compare_digest(given, session.csrf_token)


def app_routes(app: Any) -> list[Any]:
    """Every route of the app with its effective dependencies (the router's included), so checks
    see a route as requests meet it. Each has `path`, `methods`, `dependant`, `include_in_schema`."""
    return [route for route in iter_route_contexts(app.routes) if getattr(route, "dependant", None)]


def route_needs(route: Any) -> list[Needs]:
    """The access checks a route is behind (none: it is public)."""
    found: list[Needs] = []
    pending = [*route.dependant.dependencies]
    while pending:
        dependant = pending.pop()
        if isinstance(dependant.call, Needs):
            found.append(dependant.call)
        pending.extend(dependant.dependencies)
    return found


def may_open(caller: Caller, route: Any) -> bool:
    return all(need.permission is None or caller.can(need.permission) for need in route_needs(route))


def page_context(request: Request) -> dict[str, Any]:
    """What every page's header needs: the caller, the session's CSRF token for forms, and the
    navigation without the pages the caller may not open."""
    caller: Caller | None = getattr(request.state, "caller", None)
    session: Session | None = getattr(request.state, "session", None)
    nav = getattr(request.app.state, "nav", ())
    routes = _page_routes(request.app)
    if caller is not None:
        nav = [item for item in nav if item.path not in routes or may_open(caller, routes[item.path])]
    return {"caller": caller, "csrf_token": session.csrf_token if session else "", "nav": nav}


def first_page(request: Request, caller: Caller) -> str:
    """Where a caller lands: the first page of the header they may open."""
    routes = _page_routes(request.app)
    for item in getattr(request.app.state, "nav", ()):
        if item.path in routes and may_open(caller, routes[item.path]):
            return str(item.path)
    return "/"


def _page_routes(app: Any) -> dict[str, Any]:
    routes: dict[str, Any] | None = getattr(app.state, "page_routes", None)
    if routes is None:
        routes = {route.path: route for route in app_routes(app) if "GET" in route.methods}
        app.state.page_routes = routes
    return routes
