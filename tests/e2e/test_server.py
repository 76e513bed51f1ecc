"""`cyberpol serve`'s uvicorn settings, checked on a real server listening on a free port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from cyberpol.bootstrap import bootstrap
from cyberpol.entrypoints.http import create_app
from cyberpol.entrypoints.server import server_config
from tests.factories import make_settings


@contextmanager
def _serving(tmp_path: Path, **overrides: Any) -> Iterator[str]:
    """A uvicorn server configured as `cyberpol serve` configures it; yields its base URL."""
    runtime = bootstrap(make_settings(tmp_path, **overrides))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = server_config(create_app(runtime), runtime.settings, host="127.0.0.1", port=port)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "server stopped while starting"
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        runtime.engine.dispose()


def _checks_with_rotating_forwarded_for(base: str, count: int) -> list[int]:
    with httpx.Client(base_url=base) as client:
        return [
            client.get(
                "/api/v1/indicators/check",
                params={"value": "87015551234"},
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
            for n in range(count)
        ]


def test_forwarded_for_from_an_untrusted_address_does_not_dodge_the_limit(
    tmp_path: Path,
) -> None:
    # uvicorn trusts X-Forwarded-For from 127.0.0.1 unless told otherwise; with no trusted
    # proxies configured, a local caller rotating it must still share one bucket.
    with _serving(tmp_path, public_check_rate=2) as base:
        assert _checks_with_rotating_forwarded_for(base, 5) == [200, 200, 429, 429, 429]


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(tmp_path: Path) -> None:
    with _serving(tmp_path, public_check_rate=2, trusted_proxies="127.0.0.0/8") as base:
        assert _checks_with_rotating_forwarded_for(base, 5) == [200] * 5
