"""A fake Telegram Bot API server on localhost: the methods the bot uses, and a way to play
the citizen (queue updates) and read what the bot sent.

It speaks the Bot API's own shapes (``{"ok": true, "result": ...}``), takes parameters as
JSON, form or multipart as python-telegram-bot sends them, long-polls ``getUpdates``, and
serves files at ``/file/bot<token>/<path>``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

BOT = {"id": 7000001, "is_bot": True, "first_name": "CyberPol", "username": "cyberpol_test_bot"}


class FakeTelegram:
    """State of the fake server; methods play a citizen's side."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.replayed: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self.base = ""
        # When set, every second sendMessage fails with 502, as an overloaded Telegram does.
        self.failing = False
        self._calls = itertools.count()

    # --- the citizen's side -------------------------------------------------------------
    def _push(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            update = {"update_id": next(self._update_ids), **body}
            self.updates.append(update)
        return update

    def _message(self, chat: int, **fields: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private", "first_name": "Гүлнар"},
            "from": {"id": chat, "is_bot": False, "first_name": "Гүлнар"},
            **fields,
        }

    def text(self, chat: int, text: str, **fields: Any) -> dict[str, Any]:
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        extra = {"entities": entities} if text.startswith("/") else {}
        return self._push({"message": self._message(chat, text=text, **extra, **fields)})

    def send(self, chat: int, **fields: Any) -> dict[str, Any]:
        """Any other message: a photo, a document, a sticker, a contact."""
        return self._push({"message": self._message(chat, **fields)})

    def in_group(self, user: int, group: dict[str, Any], text: str) -> dict[str, Any]:
        """``user`` writes ``text`` in a group chat the bot is in."""
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        message = {**self._message(user, text=text), "chat": group}
        if text.startswith("/"):
            message["entities"] = entities
        return self._push({"message": message})

    def press(self, chat: int, data: str, timeout: float = 15) -> dict[str, Any]:
        """Press the inline button with ``data`` under the chat's latest message that has it,
        once the bot has sent one."""
        deadline = time.monotonic() + timeout
        while (under := self._with_button(chat, data)) is None:
            assert time.monotonic() < deadline, f"no button {data!r} in chat {chat}"
            time.sleep(0.01)
        message = {**self._message(chat, text=under["text"]), "message_id": under["message_id"]}
        message["from"] = BOT
        query = {
            "id": str(next(self._message_ids)),
            "from": message["chat"] | {"is_bot": False},
            "chat_instance": str(chat),
            "message": message,
            "data": data,
        }
        return self._push({"callback_query": query})

    def forge(self, chat: int, data: str) -> dict[str, Any]:
        """A button press with ``data`` no button carries, under the bot's latest message: what
        a modified client or an old keyboard sends."""
        with self.lock:
            under = next(m for m in reversed(self.sent) if m["chat"]["id"] == chat)
        message = {**self._message(chat, text=under["text"]), "message_id": under["message_id"]}
        message["from"] = BOT
        query = {"id": str(next(self._message_ids)), "from": message["chat"] | {"is_bot": False},
                 "chat_instance": str(chat), "message": message, "data": data}  # fmt: skip
        return self._push({"callback_query": query})

    def _with_button(self, chat: int, data: str) -> dict[str, Any] | None:
        wanted = json.dumps(data)
        with self.lock:
            for message in reversed(self.sent):
                markup = json.dumps(message.get("reply_markup", {}), ensure_ascii=False)
                if message["chat"]["id"] == chat and wanted in markup:
                    return message
        return None

    def replay(self, update: dict[str, Any]) -> None:
        """Deliver ``update`` again, as Telegram does when it thinks it was not received."""
        with self.lock:
            self.replayed.append(update)

    def upload(self, content: bytes) -> dict[str, Any]:
        """A file on Telegram's side, as a document's or photo size's fields."""
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(content)}

    def replies(self, chat: int) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.sent if m["chat"]["id"] == chat]

    def wait_for(self, chat: int, count: int, timeout: float = 15) -> list[str]:
        """The chat's messages from the bot once there are at least ``count`` of them."""
        deadline = time.monotonic() + timeout
        while len(self.replies(chat)) < count:
            assert time.monotonic() < deadline, f"bot said only {self.replies(chat)}"
            time.sleep(0.02)
        return self.replies(chat)

    # --- the Bot API side ---------------------------------------------------------------
    async def _params(self, request: Request) -> dict[str, Any]:
        kind = request.headers.get("content-type", "")
        if kind.startswith("application/json"):
            raw = await request.json()
        else:
            raw = dict((await request.form()).items())
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if isinstance(value, str) and value[:1] in "{[":
                value = json.loads(value)
            params[key] = value
        return params

    async def method(self, request: Request) -> Response:
        name = request.path_params["method"]
        params = await self._params(request)
        if name == "sendMessage" and self.failing and next(self._calls) % 2 == 0:
            return JSONResponse(
                {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status_code=502
            )
        handler = getattr(self, f"api_{name}", None)
        if handler is None:
            return JSONResponse({"ok": True, "result": True})
        result = await handler(params) if name == "getUpdates" else handler(params)
        return JSONResponse({"ok": True, "result": result})

    def api_getMe(self, _params: dict[str, Any]) -> dict[str, Any]:
        return BOT

    async def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
        while True:
            with self.lock:
                # As Telegram does: an offset confirms, and forgets, every earlier update.
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                found = list(self.updates)
                found = self.replayed + found
                self.replayed = []
            if found or time.monotonic() >= deadline:
                return found
            await asyncio.sleep(0.02)

    def _sent(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        message = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT,
            "text": params.get("text", ""),
        }
        markup = params.get("reply_markup") or {}
        if "inline_keyboard" in markup:  # a reply keyboard is not part of the message
            message["reply_markup"] = markup
        with self.lock:
            self.sent.append(message)
        return message

    def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._sent(params)

    def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._sent(params, int(params["message_id"]))

    def api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = params["file_id"]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self.files[file_id]),
            "file_path": f"documents/{file_id}.bin",
        }

    async def download(self, request: Request) -> Response:
        file_id = request.path_params["path"].removeprefix("documents/").removesuffix(".bin")
        return Response(self.files[file_id], media_type="application/octet-stream")


@contextmanager
def fake_telegram() -> Iterator[FakeTelegram]:
    """The fake server, listening on a free port until the block ends."""
    fake = FakeTelegram()
    app = Starlette(
        routes=[
            Route("/bot{token}/{method}", fake.method, methods=["POST", "GET"]),
            Route("/file/bot{token}/{path:path}", fake.download),
        ]
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    fake.base = f"http://127.0.0.1:{port}"
    try:
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def polling(application: Any) -> Iterator[None]:
    """``application`` polling in a thread of its own until the block ends, then shut down
    (which saves its persistence), as ``cyberpol bot run`` does between start and Ctrl+C."""
    stop, started = threading.Event(), threading.Event()

    async def run() -> None:
        await application.initialize()
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
        started.set()
        while not stop.is_set():
            await asyncio.sleep(0.02)
        await application.updater.stop()
        await application.stop()
        await application.shutdown()

    thread = threading.Thread(target=lambda: asyncio.run(run()), daemon=True)
    thread.start()
    assert started.wait(30), "the bot did not start"
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)
