"""Fixtures only: a runtime on SQLite and, when CYBERPOL_TEST_POSTGRES_URL is set, PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.entrypoints.http import create_app
from tests.factories import make_settings

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


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    """The HTTP API over ``runtime``, through the real app."""
    with TestClient(create_app(runtime)) as test_client:
        yield test_client
