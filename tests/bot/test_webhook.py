"""The webhook mode: the server takes Telegram's updates, and only with Telegram's secret."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from cyberpol.bootstrap import bootstrap
from cyberpol.entrypoints.http import create_app
from tests.bot.fake_telegram import fake_telegram
from tests.factories import make_settings

SECRET = "s3cret-from-setWebhook_0123456789"


def _update(update_id: int, text: str) -> dict[str, object]:
    chat = {"id": 777, "type": "private", "first_name": "Ерлан"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1764700000,
            "chat": chat,
            "from": {"id": 777, "is_bot": False, "first_name": "Ерлан"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]
            if text.startswith("/")
            else [],
        },
    }


def test_webhook_takes_updates_with_the_secret_only(tmp_path: Path) -> None:
    with fake_telegram() as telegram:
        runtime = bootstrap(
            make_settings(
                tmp_path,
                telegram_token="123:TEST",
                telegram_api_url=telegram.base,
                telegram_webhook_secret=SECRET,
            )
        )
        with TestClient(create_app(runtime)) as client:
            assert client.post("/telegram/webhook", json=_update(1, "/start")).status_code == 403
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            assert (
                client.post("/telegram/webhook", json=_update(2, "/start"), headers=wrong)
            ).status_code == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            answer = client.post("/telegram/webhook", json=_update(3, "/start"), headers=right)
            assert answer.status_code == 200
            # Telegram retries an update it thinks was lost: it is handled once.
            client.post("/telegram/webhook", json=_update(3, "/start"), headers=right)
            assert telegram.wait_for(777, 1) == [
                "Тілді таңдаңыз · Выберите язык · Choose a language"
            ]
            bad = client.post("/telegram/webhook", content=b"[1, 2]", headers=right)
            assert bad.status_code == 400
        assert telegram.replies(777) == ["Тілді таңдаңыз · Выберите язык · Choose a language"]
        runtime.engine.dispose()


def test_without_the_secret_the_server_polls_instead(tmp_path: Path) -> None:
    with fake_telegram() as telegram:
        runtime = bootstrap(
            make_settings(tmp_path, telegram_token="123:TEST", telegram_api_url=telegram.base)
        )
        with TestClient(create_app(runtime)) as client:
            assert client.post("/telegram/webhook", json=_update(1, "/start")).status_code == 404
            telegram.text(778, "/start")
            assert telegram.wait_for(778, 1)[0].startswith("Тілді таңдаңыз")
        runtime.engine.dispose()
