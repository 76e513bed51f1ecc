"""Builders for tests: settings, users with tokens, auth headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cyberpol.bootstrap import Runtime
from cyberpol.config import Settings
from cyberpol.kernel.access import OPERATOR, Role

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
    runtime.accounts.create_user(actor=OPERATOR, name=name, role=role, organisation=organisation)
    return runtime.accounts.create_token(actor=OPERATOR, user_name=name).secret


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for ``token``."""
    return {"Authorization": f"Bearer {token}"}
