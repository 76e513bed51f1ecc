"""How `cyberpol serve` runs the app under uvicorn, proxy headers included."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from cyberpol.config import Settings


def server_config(app: FastAPI, settings: Settings, *, host: str, port: int) -> uvicorn.Config:
    """uvicorn's settings: X-Forwarded-* is read only from CYBERPOL_TRUSTED_PROXIES.

    uvicorn trusts that header from 127.0.0.1 by default and rewrites the client address
    before the application sees it, so a caller on the same host (or behind an untrusted
    local proxy) could rotate it and get a fresh rate-limit bucket on every request.
    """
    trusted = [str(network) for network in settings.trusted_proxy_networks]
    # No access log: its request lines carry the checked value (a card number, say).
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level="info",
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted,
    )
