"""Builders for tests: settings, users with tokens, auth headers."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.config import Settings
from cyberpol.entrypoints.http import create_app
from cyberpol.entrypoints.server import server_config
from cyberpol.kernel.access import CONSOLE, Role

TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


def make_settings(tmp_path: Path, database_url: str | None = None, **overrides: Any) -> Settings:
    return Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=TEST_SECRET,
        **overrides,
    )


def token_for(runtime: Runtime, name: str, role: Role, organisation: str | None = None) -> str:
    """A user with ``role`` and a fresh bearer token for it, made at the console."""
    runtime.accounts.create_user(actor=CONSOLE, name=name, role=role, organisation=organisation)
    return runtime.accounts.create_token(actor=CONSOLE, user_name=name).secret


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for ``token``."""
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def serving(tmp_path: Path, **overrides: Any) -> Iterator[str]:
    """A uvicorn server configured as `cyberpol serve` configures it; yields its base URL."""
    with serving_runtime(bootstrap(make_settings(tmp_path, **overrides))) as base:
        yield base


@contextmanager
def serving_runtime(runtime: Runtime) -> Iterator[str]:
    """``runtime`` served by uvicorn on a free local port; yields its base URL."""
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


def signed_in_client(
    client: Any, runtime: Runtime, name: str, role: Role, organisation: str | None = None
) -> None:
    """Make ``name`` with ``role`` and a password, and sign ``client`` in through /login."""
    runtime.accounts.create_user(actor=CONSOLE, name=name, role=role, organisation=organisation)
    runtime.accounts.set_password(actor=CONSOLE, name=name, password=WORKSPACE_PASSWORD)
    sign_in(client, name)


WORKSPACE_PASSWORD = "жұмыс-орны 2026 күзі"


def sign_in(client: Any, name: str, password: str = WORKSPACE_PASSWORD) -> None:
    """Sign ``client`` in as ``name`` through the sign-in form."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token, "no CSRF token on the sign-in form"
    answer = client.post(
        "/login",
        data={"csrf_token": token.group(1), "username": name, "password": password},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
