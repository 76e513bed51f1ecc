"""The FastAPI application: routers, error handlers, body limit and rate limiters."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Response
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from cyberpol import __version__
from cyberpol.accounts import http as accounts_http
from cyberpol.bootstrap import Runtime
from cyberpol.cases import http as cases_http
from cyberpol.entrypoints.bot import bot_lifespan, webhook_enabled, webhook_router
from cyberpol.entrypoints.web import install_pages
from cyberpol.feeds import http as feeds_http
from cyberpol.freeze import http as freeze_http
from cyberpol.money_trail import http as money_trail_http
from cyberpol.monitoring import http as monitoring_http
from cyberpol.mules import http as mules_http
from cyberpol.platform.http.body_limit import BodySizeLimit
from cyberpol.platform.http.deps import HttpWiring, reject_unknown_query_parameters
from cyberpol.platform.http.docs import install_offline_docs
from cyberpol.platform.http.errors import install_error_handlers
from cyberpol.platform.http.responses import MaskedJSONResponse
from cyberpol.platform.logs import mask_cards_in_logs
from cyberpol.registry import http as registry_http
from cyberpol.reports import http as reports_http
from cyberpol.telecom import http as telecom_http


def _lifespan(runtime: Runtime) -> Any:
    bot = bot_lifespan(runtime)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with bot(app):
            # What is loaded by now lives as long as the server. Frozen, it is out of the
            # cycle collector's walk: a full collection over it took 120-150 ms, landing in
            # the middle of every few requests (a trace page went from 90 ms to 240 ms).
            gc.collect()
            gc.freeze()
            try:
                yield
            finally:
                gc.unfreeze()
                if "telecom" in runtime.__dict__:  # built by the first call-verdict request
                    runtime.telecom.flush()

    return lifespan


class Health(BaseModel):
    status: str
    database: str


def _system_router(runtime: Runtime) -> APIRouter:
    router = APIRouter(tags=["system"])

    @router.get("/healthz", response_model=Health)
    def healthz(response: Response) -> Health:
        """Liveness and database reachability: 503 while the database cannot be reached."""
        engine = runtime.engine
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            response.status_code = 503
            return Health(status="database unreachable", database=engine.dialect.name)
        return Health(status="ok", database=engine.dialect.name)

    return router


def create_app(runtime: Runtime) -> FastAPI:
    """The HTTP API over one wired runtime; OpenAPI at /openapi.json, docs at /docs."""
    mask_cards_in_logs()
    app = FastAPI(
        title="CyberPol",
        version=__version__,
        description="Registry of fraud indicators, citizen reports, the public check and "
        "freeze requests that cascade bank to bank.",
        docs_url=None,
        redoc_url=None,
        default_response_class=MaskedJSONResponse,
        dependencies=[Depends(reject_unknown_query_parameters)],
        lifespan=_lifespan(runtime),
    )
    app.state.wiring = HttpWiring(
        services=runtime.services(),
        authenticate=runtime.accounts.authenticate,
        rate_limits=runtime.rate_limits,
        trusted_proxies=runtime.settings.trusted_proxy_networks,
        session_actor=runtime.accounts.session_actor,
    )
    install_error_handlers(app)
    install_offline_docs(app)
    # Registry before reports: /indicators/check must win over /indicators/{id}.
    for router in (
        telecom_http.switch_router,
        _system_router(runtime),
        accounts_http.router,
        registry_http.router,
        reports_http.router,
        reports_http.indicator_router,
        reports_http.appeal_router,
        money_trail_http.router,
        mules_http.router,
        freeze_http.router,
        telecom_http.router,
        monitoring_http.router,
        feeds_http.router,
        feeds_http.partner_router,
        cases_http.router,
    ):
        app.include_router(router)
    install_pages(app, secure_cookies=runtime.settings.env == "production")
    if webhook_enabled(runtime):
        app.include_router(webhook_router(runtime))
    settings = runtime.settings
    # The report form sends files as they are, not base64: room for every file and the text.
    form = settings.max_attachments * settings.max_attachment_bytes + 4 * settings.max_text_chars
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        larger={"/report": form + 1024 * 1024, "/appeal": form + 1024 * 1024},
    )
    return app
