"""The FastAPI application: routers, error handlers, body limit and rate limiters."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from cyberpol import __version__
from cyberpol.api.body_limit import BodySizeLimit
from cyberpol.api.deps import reject_unknown_query_parameters
from cyberpol.api.docs import install_offline_docs
from cyberpol.api.errors import install_error_handlers
from cyberpol.api.ratelimit import RateLimiter
from cyberpol.api.routers import freeze, indicators, mules, reports, system, transfers
from cyberpol.bootstrap import Runtime


def create_app(runtime: Runtime) -> FastAPI:
    """The HTTP API over one wired runtime; OpenAPI at /openapi.json, docs at /docs."""
    app = FastAPI(
        title="CyberPol",
        version=__version__,
        description="Registry of fraud indicators, citizen reports, the public check and "
        "freeze requests that cascade bank to bank.",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(reject_unknown_query_parameters)],
    )
    app.state.runtime = runtime
    app.state.rate_limiters = {
        "checks": RateLimiter(runtime.settings.public_check_rate),
        "reports": RateLimiter(runtime.settings.public_report_rate),
        "batches": RateLimiter(runtime.settings.batch_rate),
    }
    install_error_handlers(app)
    install_offline_docs(app)
    for router in (
        system.router,
        reports.router,
        indicators.router,
        transfers.router,
        mules.router,
        freeze.router,
    ):
        app.include_router(router)
    app.add_middleware(BodySizeLimit, max_bytes=runtime.settings.max_body_bytes)
    return app
