"""Shared fixtures: a runtime on SQLite and, when CYBERPOL_TEST_POSTGRES_URL is set, PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cyberpol.accounts.service import create_token, create_user
from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.config import Settings
from cyberpol.kernel.access import OPERATOR, Role

TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"
POSTGRES_URL = os.environ.get("CYBERPOL_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test that asks for it runs on both databases (PostgreSQL skipped when absent)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cyberpol.db'}"
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: CYBERPOL_TEST_POSTGRES_URL is not set")
        pytest.skip("CYBERPOL_TEST_POSTGRES_URL not set (scripts/test starts a PostgreSQL for you)")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


def make_settings(tmp_path: Path, database_url: str | None = None, **overrides: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=TEST_SECRET,
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
def runtime(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    rt = bootstrap(make_settings(tmp_path, database_url))
    yield rt
    rt.engine.dispose()


@pytest.fixture
def sqlite_runtime(tmp_path: Path) -> Iterator[Runtime]:
    """SQLite only, for tests about behaviour rather than the database."""
    rt = bootstrap(make_settings(tmp_path))
    yield rt
    rt.engine.dispose()


def token_for(runtime: Runtime, name: str, role: Role, organisation: str | None = None) -> str:
    create_user(uow=runtime.uow(), actor=OPERATOR, name=name, role=role, organisation=organisation)
    return create_token(uow=runtime.uow(), actor=OPERATOR, user_name=name).secret
