"""Signing in and out: `/login` (a form with a CSRF cookie), `/login/link` (a one-time link from
`shequn serve --sign-in`), and `/logout`."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...services.sessions import SESSION_LIFETIME_US, Session, follow_link, sign_in, sign_out
from ..access import CSRF_FIELD, PUBLIC, SESSION_COOKIE, Refusal, first_page, signed_in
from ..dependencies import DatabaseDep
from ..templating import render

router = APIRouter()
ACCESS = PUBLIC

LOGIN_CSRF_COOKIE = "shequn_login_csrf"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> Response:
    return _form(request, next, problem=None, status_code=200)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DatabaseDep,
    name: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD, max_length=128)] = "",
    next: Annotated[str, Form(max_length=2048)] = "",
) -> Response:
    """Double-submit CSRF check, rate limits, then the password."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return _form(request, next, problem="login.csrf", status_code=403)
    now, address = request.app.state.clock(), _address(request)
    limits = request.app.state.rate_limits
    wait = limits.sign_in_per_address.hit(address, now) or limits.sign_in_per_name.wait(name, now)
    if wait is not None:
        raise Refusal(429, "too_many", retry_after=wait)
    session = sign_in(db, name, password, now, address)
    if session is None:
        limits.sign_in_per_name.hit(name, now)
        return _form(request, next, problem="login.wrong", status_code=401)
    return _signed_in(request, session, next)


@router.get("/login/link")
def login_link(request: Request, db: DatabaseDep, key: str = "") -> Response:
    session = follow_link(db, key, request.app.state.clock(), _address(request)) if key else None
    if session is None:
        return _form(request, "", problem="login.link_spent", status_code=401)
    return _signed_in(request, session, "")


@router.post("/logout", dependencies=[Depends(signed_in)])
def logout(request: Request, db: DatabaseDep) -> Response:
    session: Session | None = getattr(request.state, "session", None)
    if session is not None:
        sign_out(db, session, request.app.state.clock(), _address(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _form(request: Request, next: str, problem: str | None, status_code: int) -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request, "login.html", status_code=status_code, next=_local(next), problem=problem, login_csrf=token
    )
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


def _signed_in(request: Request, session: Session, next: str) -> Response:
    response = RedirectResponse(_local(next) or first_page(request, session.caller), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.secret,
        max_age=SESSION_LIFETIME_US // 1_000_000,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


def _local(target: str) -> str:
    """Only a path on this site: `/groups?x=1`, never `//elsewhere` or `https://elsewhere`."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else ""


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
