"""A fake Bot API server and a runtime whose bot talks to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberpol.bootstrap import Runtime, bootstrap
from tests.bot.fake_telegram import FakeTelegram, fake_telegram
from tests.factories import make_settings


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with fake_telegram() as fake:
        yield fake


@pytest.fixture
def bot_runtime(tmp_path: Path, telegram: FakeTelegram) -> Iterator[Runtime]:
    runtime = bootstrap(
        make_settings(tmp_path, telegram_token="123:TEST", telegram_api_url=telegram.base)
    )
    yield runtime
    runtime.engine.dispose()
