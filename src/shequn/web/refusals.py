"""How the dashboard says no: a sign-in page for pages, JSON for the API, and one 404 for every
object that is missing or not the caller's to see."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse

from ..services.sessions import now_us
from .access import Refusal
from .rate_limits import RateLimits
from .templating import render

# The API's words for each refusal; pages show the same in the reader's language.
API_MESSAGES = {
    "sign_in": "sign in first: send a session cookie or an `Authorization: Bearer` API token",
    "bad_token": "the API token is unknown or revoked",
    "no_users": "this database has no users yet; add one with `shequn user add` to change anything",
    "forbidden": "your role may not do this",
    "csrf": "the form's CSRF token is missing or wrong; reload the page and try again",
    "not_found": "not found",
    "too_many": "too many requests; wait and try again",
}


def install_access(app: FastAPI) -> None:
    """The wall clock, the rate limits, and the answers to refusals. Tests may replace
    `app.state.clock` and `app.state.rate_limits`."""
    app.state.clock = now_us
    app.state.rate_limits = RateLimits()
    app.exception_handler(Refusal)(refused)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, Refusal)
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
    if is_api(request):
        if error.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse({"detail": API_MESSAGES[error.reason]}, error.status, headers=headers)
    if error.status == 401 and error.reason == "sign_in":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    response = render(request, "refused.html", status_code=error.status, reason=error.reason)
    response.headers.update(headers)
    return response
