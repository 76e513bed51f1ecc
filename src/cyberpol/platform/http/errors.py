"""One place that turns CyberPol errors, validation failures and oversized bodies into JSON."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from cyberpol.kernel import errors
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.platform.i18n import gettext, negotiate
from cyberpol.platform.web import is_page_request, pages

log = logging.getLogger("cyberpol.api")


def error_response(
    request: Request, status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> Response:
    if is_page_request(request):  # a citizen's browser gets a page, not JSON
        return pages(request).error_page(request, status, code, headers)
    language = negotiate(request.headers.get("accept-language"), request.query_params.get("lang"))
    title = gettext(errors.title_for(code), language)
    return JSONResponse(
        {"error": {"code": code, "title": title, "detail": redact_cards(detail)}},
        status_code=status,
        headers=headers,
    )


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for item in exc.errors()[:10]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "body"
        if item.get("type") == "json_invalid":
            return "The body is not valid JSON (or not valid UTF-8)."
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts)


def _allowed_methods(request: Request) -> str:
    # Asked of every route as the router itself asks (routes sit inside included routers).
    allowed = []
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.CyberPolError)
    async def cyberpol_error(request: Request, exc: errors.CyberPolError) -> Response:
        headers = {}
        if isinstance(exc, errors.RateLimited):
            headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, errors.NotAuthenticated):
            headers["WWW-Authenticate"] = "Bearer"
        return error_response(request, exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid_input", _describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {
            401: "not_authenticated",
            403: "forbidden",
            404: "not_found",
            413: "too_large",
            429: "rate_limited",
        }.get(exc.status_code, "invalid_input")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)
        return error_response(request, exc.status_code, code, str(exc.detail), headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, _exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "error", "Internal error; it has been logged.")
