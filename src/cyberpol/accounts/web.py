"""Signing in to the workspace and out of it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cyberpol.accounts.domain import SESSION_LIFETIME
from cyberpol.accounts.service import AccountService
from cyberpol.kernel.errors import NotAuthenticated, RateLimited, SecondFactorMissing
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import (
    SESSION_COOKIE,
    csrf_valid,
    pages,
    safe_next,
    signed_in,
)

router = APIRouter(include_in_schema=False)
AccountsDep = Annotated[AccountService, Depends(service(AccountService))]
HOME = "/cases"
WRONG = N_("Wrong user name, password or code.")
LOCKED = N_("Too many failed attempts. Wait a quarter of an hour, or ask an administrator.")
NEEDS_TOTP = N_("Administrators sign in with a code from an authenticator app. Ask for one.")
EXPIRED = N_("The form has expired. Please sign in again.")


def _form(request: Request, next_: str, error: str | None = None, status: int = 200) -> Response:
    return pages(request).render(
        request, "accounts/login.html", {"next": next_, "error": error}, status=status
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = HOME) -> Response:
    """The sign-in form; someone signed in already goes on."""
    if signed_in(request) is not None:
        return RedirectResponse(safe_next(next, HOME), status_code=303)
    return _form(request, safe_next(next, HOME))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    accounts: AccountsDep,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    totp: Annotated[str, Form(max_length=12)] = "",
    next: Annotated[str, Form(max_length=2000)] = HOME,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Check the name, password and code; a session cookie on success."""
    target = safe_next(next, HOME)
    if not csrf_valid(request, csrf_token):
        return _form(request, target, EXPIRED, status=403)
    try:
        session = accounts.sign_in(name=username.strip(), password=password, code=totp or None)
    except RateLimited:
        return _form(request, target, LOCKED, status=429)
    except SecondFactorMissing:
        return _form(request, target, NEEDS_TOTP, status=401)
    except NotAuthenticated:
        return _form(request, target, WRONG, status=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=pages(request).secure_cookies,
    )
    return response


@router.post("/logout")
def logout(
    request: Request,
    accounts: AccountsDep,
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """End the session here and on the server."""
    if not csrf_valid(request, csrf_token):
        return pages(request).error_page(request, 403, "forbidden")
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.sign_out(token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
