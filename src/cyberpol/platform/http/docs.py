"""Interactive API docs served from a Swagger UI installed with the package, not a CDN.

Police networks are often closed; FastAPI's default /docs page loads its scripts from the
internet and shows nothing there. fastapi-offline ships Swagger UI 5, which reads the
OpenAPI 3.1 documents FastAPI writes; only its files are used here.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

_ASSETS = Path(fastapi_offline.__file__).parent / "static"


def install_offline_docs(app: FastAPI) -> None:
    app.mount("/static/swagger", StaticFiles(directory=_ASSETS), name="swagger")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="CyberPol API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon.png",
        )
