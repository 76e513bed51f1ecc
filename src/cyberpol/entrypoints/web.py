"""The public web shell: templates of every capability, static files, the language switch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import FileSystemLoader, PrefixLoader

from cyberpol.accounts import web as accounts_web
from cyberpol.cases import web as cases_web
from cyberpol.freeze import web as freeze_web
from cyberpol.monitoring import web as monitoring_web
from cyberpol.platform.i18n import LANGUAGES
from cyberpol.platform.web import LANGUAGE_COOKIE, make_pages, safe_next
from cyberpol.registry import web as registry_web
from cyberpol.reports import web as reports_web
from cyberpol.stats import web as stats_web
from cyberpol.telecom import web as telecom_web

_ROOT = Path(__file__).resolve().parent.parent
# Each capability keeps its templates beside its web.py; names are "<capability>/<file>".
_TEMPLATES = {
    "shell": _ROOT / "entrypoints" / "templates",
    "registry": _ROOT / "registry" / "templates",
    "reports": _ROOT / "reports" / "templates",
    "accounts": _ROOT / "accounts" / "templates",
    "cases": _ROOT / "cases" / "templates",
    "freeze": _ROOT / "freeze" / "templates",
    "stats": _ROOT / "stats" / "templates",
    "telecom": _ROOT / "telecom" / "templates",
    "monitoring": _ROOT / "monitoring" / "templates",
}
_ROUTERS = (
    registry_web.router,
    reports_web.router,
    accounts_web.router,
    freeze_web.router,
    cases_web.router,
    stats_web.router,
    telecom_web.router,
    monitoring_web.router,
)


def _language_router(secure: bool) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/language/{code}")
    def switch(code: str, next: Annotated[str, Query(max_length=2000)] = "/") -> RedirectResponse:
        """Remember the chosen language and go back to the page it was chosen on."""
        response = RedirectResponse(safe_next(next, "/"), status_code=303)
        if code in LANGUAGES:
            response.set_cookie(
                LANGUAGE_COOKIE,
                code,
                max_age=365 * 86400,
                samesite="lax",
                secure=secure,
                httponly=True,
            )
        return response

    return router


def install_pages(app: FastAPI, *, secure_cookies: bool) -> None:
    """Serve the public pages and their static files from ``app``."""
    loader = PrefixLoader({name: FileSystemLoader(path) for name, path in _TEMPLATES.items()})
    app.state.pages = make_pages(loader, secure_cookies=secure_cookies)
    app.mount(
        "/static",
        StaticFiles(directory=_ROOT / "entrypoints" / "static"),
        name="static",
    )
    for router in (_language_router(secure_cookies), *_ROUTERS):
        app.include_router(router)
