"""Server-rendered pages: the Jinja environment, the citizen's language, CSRF and error pages.

Pages work without JavaScript; HTMX, when it loads, only swaps parts of them in place. The
language comes from the switch on every page (a cookie), else from ``Accept-Language``.
Forms carry a CSRF token that must equal the one in the visitor's cookie (double submit):
another site can make a browser post a form here, but cannot read or set that cookie.
A refusal a page's route lets through (Forbidden, NotFound...) becomes the error page in
the visitor's language, by the app's one error handler; routes catch only what they show
differently.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import BaseLoader, Environment, select_autoescape
from starlette.datastructures import FormData

from cyberpol.kernel import errors
from cyberpol.kernel.access import Actor
from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.kernel.labels import CATEGORY_NAMES, KIND_NAMES, REGION_NAMES
from cyberpol.platform.i18n import LANGUAGES, gettext, negotiate

LANGUAGE_COOKIE = "lang"
CSRF_COOKIE = "csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "session"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# Paths that belong to the JSON API: their errors stay JSON.
API_PREFIXES = ("/api/", "/healthz", "/openapi.json", "/docs", "/static/", "/telegram/")


def page_language(request: Request) -> str:
    """The switch's choice (cookie), else the browser's languages, else Russian."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    return negotiate(request.headers.get("accept-language"), chosen)


def form_text(form: FormData, name: str, limit: int = 300) -> str:
    """A form field as text, trimmed and cut at ``limit``; "" for a missing field or a file."""
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def translated(request: Request, message: str) -> str:
    """``message`` in the visitor's language, for text made outside a template."""
    return gettext(message, page_language(request))


def error_text(request: Request, error: errors.CyberPolError) -> str:
    """A refusal in the visitor's language: its own words where they are catalogued (marked
    ``N_`` where raised), else its kind's title, never English on a Kazakh page."""
    message = str(error)
    text = translated(request, message)
    if text != message or page_language(request) == "en":
        return text
    return translated(request, error.title)


def csrf_token(request: Request) -> str:
    """The visitor's CSRF token: the cookie's, or a new one the response will set."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) != 43:  # token_urlsafe(32); anything else was not made here
        token = getattr(request.state, "new_csrf", "") or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def csrf_valid(request: Request, submitted: str | None) -> bool:
    """Whether a form's token is the one in the visitor's cookie."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie, submitted or "")


@dataclass(frozen=True, slots=True)
class Pages:
    """Renders templates in the visitor's language; kept on ``app.state.pages``."""

    environment: Environment
    secure_cookies: bool

    def render(
        self,
        request: Request,
        name: str,
        context: Mapping[str, Any] | None = None,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        """The template ``name`` with the language, its texts and a CSRF token in context."""
        language = page_language(request)
        token = csrf_token(request)
        body = self.environment.get_template(name).render(
            {
                "_": lambda message: gettext(message, language),
                "language": language,
                "languages": [(code, LANGUAGE_NAMES[code]) for code in ("kk", "ru", "en")],
                "csrf_field": CSRF_FIELD,
                "csrf_token": token,
                # With its query: a status link's key or a checked value survives a language
                # switch (the page is the same page, in other words).
                "path": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                "category_names": CATEGORY_NAMES,
                "region_names": REGION_NAMES,
                "kind_names": KIND_NAMES,
                **(context or {}),
            }
        )
        response = HTMLResponse(body, status_code=status, headers=dict(headers or {}))
        response.headers["Content-Language"] = language
        # Pages hold status keys and answers for one visitor: not for shared caches.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        )
        if getattr(request.state, "new_csrf", None) == token:
            response.set_cookie(
                CSRF_COOKIE,
                token,
                httponly=True,
                samesite="strict",
                secure=self.secure_cookies,
                max_age=86400,
            )
        return response

    def error_page(
        self, request: Request, status: int, code: str, headers: Mapping[str, str] | None = None
    ) -> HTMLResponse:
        """An error as a page in the visitor's language, with a way back."""
        return self.render(
            request,
            "shell/error.html",
            {"status": status, "title": errors.title_for(code)},
            status=status,
            headers=headers,
        )


def make_pages(loader: BaseLoader, *, secure_cookies: bool) -> Pages:
    """Pages over ``loader`` with HTML autoescaping on."""
    environment = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["LANGUAGES"] = LANGUAGES
    environment.filters["local_time"] = local_time
    environment.filters["tenge"] = tenge
    return Pages(environment, secure_cookies)


def tenge(amount: object, places: int = 2) -> str:
    """An amount as the unit writes it, groups apart by a space: 1 250 000.50."""
    return f"{amount:,.{places}f}".replace(",", " ")


def local_time(moment: datetime) -> str:
    """A stored time as a citizen reads it: Kazakhstan's one time zone since 2024 (UTC+5)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(KAZAKHSTAN).strftime("%d.%m.%Y %H:%M")


def pages(request: Request) -> Pages:
    """The pages of the app serving ``request``."""
    found: Pages = request.app.state.pages
    return found


def signed_in(request: Request) -> Actor | None:
    """Who the workspace session cookie belongs to, or None when there is no open session."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if not 20 <= len(token) <= 100:
        return None
    try:
        # HttpWiring, set by create_app (platform.http imports this module, so not by name).
        actor: Actor = request.app.state.wiring.session_actor(token)
    except errors.NotAuthenticated:
        return None
    return actor


def sign_in_first(request: Request) -> RedirectResponse:
    """To the sign-in page, and back here afterwards."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(back)}", status_code=303)


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: never a way to send someone elsewhere."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def is_page_request(request: Request) -> bool:
    """Whether ``request`` is for a page (errors as HTML) rather than the JSON API."""
    wired = getattr(request.app.state, "pages", None) is not None
    return wired and not request.url.path.startswith(API_PREFIXES)
