"""Hand work on the transfer store to the process that holds it (a running `cyberpol serve`).

DuckDB lets one process open the store. A second one (`cyberpol transfers import` while the
server runs) copies its file into ``<data dir>/inbox/<id>/`` and writes ``<id>.request.json``
beside it, each under a temporary name renamed when complete; the server's watcher thread
marks the request ``<id>.taken``, does the work with the operator's authority and writes
``<id>.answer.json``: the import summary as a direct import gives it, or the error. Only
the operator can write under the data directory, and it is the operator's authority the
server then uses: the inbox grants nothing the command line did not already have.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cyberpol.kernel.errors import CyberPolError, error_classes
from cyberpol.money_trail.domain.transfers import TransferLoadSummary

logger = logging.getLogger(__name__)
_REQUEST = re.compile(r"^([0-9a-f]{32})\.request\.json$")
_POLL = 0.2


class TransferInbox:
    """The inbox folder, seen from either side."""

    def __init__(self, folder: Path, *, pickup_timeout: float = 60.0) -> None:
        self.folder = folder
        self.pickup_timeout = pickup_timeout

    # ------------------------------------------------------------ the sender's side

    def import_file(self, path: Path, *, layout: str) -> TransferLoadSummary:
        """Have the running server load ``path``; its summary, or its error raised here."""
        request_id = uuid.uuid4().hex
        files = self._open() / request_id
        files.mkdir(mode=0o700)
        partial = files / f"{path.name}.part"
        shutil.copyfile(path, partial)
        partial.rename(files / path.name)
        answer = self._ask(request_id, {"kind": "import", "file": path.name, "layout": layout})
        return _summary(answer["summary"])

    def reindex(self) -> dict[str, float]:
        """Have the running server rebuild its trace index now."""
        index = self._ask(uuid.uuid4().hex, {"kind": "reindex"})["index"]
        assert isinstance(index, dict)
        return {str(key): float(value) for key, value in index.items()}

    def _open(self) -> Path:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self.folder

    def _ask(self, request_id: str, request: Mapping[str, object]) -> dict[str, object]:
        _write_json(self._open() / f"{request_id}.request.json", request)
        taken = self.folder / f"{request_id}.taken"
        answer = self.folder / f"{request_id}.answer.json"
        deadline = time.monotonic() + self.pickup_timeout
        while not answer.exists():
            if not taken.exists() and time.monotonic() > deadline:
                _remove(self.folder, request_id)
                raise CyberPolError(
                    "The transfer store is open in another process, and no running "
                    f"`cyberpol serve` took the request from {self.folder} within "
                    f"{self.pickup_timeout:.0f} s. Stop that process and try again."
                )
            time.sleep(_POLL)
        found: dict[str, object] = json.loads(answer.read_text())
        _remove(self.folder, request_id)
        error = found.get("error")
        if isinstance(error, dict):
            kinds = {kind.__name__: kind for kind in error_classes()}
            raise kinds.get(str(error.get("kind")), CyberPolError)(str(error.get("message")))
        return found

    # ------------------------------------------------------------ the server's side

    @contextlib.contextmanager
    def watching(
        self,
        *,
        import_file: Callable[[Path, str], TransferLoadSummary],
        reindex: Callable[[], Mapping[str, float]],
    ) -> Iterator[None]:
        """Serve requests from a background thread while the block runs."""
        stop = threading.Event()
        thread = threading.Thread(
            target=self._watch,
            args=(stop, import_file, reindex),
            name="transfer-inbox",
            daemon=True,
        )
        self._open()
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=5)

    def _watch(
        self,
        stop: threading.Event,
        import_file: Callable[[Path, str], TransferLoadSummary],
        reindex: Callable[[], Mapping[str, float]],
    ) -> None:
        while not stop.wait(_POLL):
            try:
                self.serve_pending(import_file=import_file, reindex=reindex)
            except Exception:  # the next round tries again; the server keeps serving
                logger.exception("Serving the transfer inbox %s failed", self.folder)

    def serve_pending(
        self,
        *,
        import_file: Callable[[Path, str], TransferLoadSummary],
        reindex: Callable[[], Mapping[str, float]],
    ) -> int:
        """Answer every complete request waiting in the inbox, oldest first; how many."""
        waiting = sorted(
            (entry.stat().st_mtime, match.group(1))
            for entry in self.folder.iterdir()
            if (match := _REQUEST.match(entry.name)) and entry.is_file()
        )
        for _, request_id in waiting:
            (self.folder / f"{request_id}.taken").touch()
            answer = self._answer(request_id, import_file, reindex)
            _write_json(self.folder / f"{request_id}.answer.json", answer)
            (self.folder / f"{request_id}.request.json").unlink(missing_ok=True)
            shutil.rmtree(self.folder / request_id, ignore_errors=True)
        return len(waiting)

    def _answer(
        self,
        request_id: str,
        import_file: Callable[[Path, str], TransferLoadSummary],
        reindex: Callable[[], Mapping[str, float]],
    ) -> dict[str, object]:
        try:
            request = json.loads((self.folder / f"{request_id}.request.json").read_text())
            if request.get("kind") == "reindex":
                return {"index": dict(reindex())}
            name = str(request.get("file"))
            path = self.folder / request_id / name
            # Only a plain file the sender put in its own folder, never a link out of it.
            if Path(name).name != name or path.is_symlink() or not path.is_file():
                return _error(CyberPolError(f"No file {name!r} in inbox request {request_id}"))
            return {"summary": dataclasses.asdict(import_file(path, str(request["layout"])))}
        except CyberPolError as exc:
            return _error(exc)
        except Exception as exc:
            logger.exception("Inbox request %s failed", request_id)
            return _error(CyberPolError(f"The server could not do it: {type(exc).__name__}"))


def _error(exc: CyberPolError) -> dict[str, object]:
    return {"error": {"kind": type(exc).__name__, "message": exc.message}}


def _summary(data: object) -> TransferLoadSummary:
    """The summary as the server had it (JSON lists of pairs back to tuples)."""
    assert isinstance(data, dict)
    fields: dict[str, Any] = {
        key: [tuple(item) if isinstance(item, list) else item for item in value]
        if isinstance(value, list)
        else value
        for key, value in data.items()
    }
    return TransferLoadSummary(**fields)


def _write_json(path: Path, data: Mapping[str, object]) -> None:
    partial = path.with_name(f"{path.name}.part")
    partial.write_text(json.dumps(data))
    os.replace(partial, path)


def _remove(folder: Path, request_id: str) -> None:
    for suffix in (".request.json", ".taken", ".answer.json"):
        (folder / f"{request_id}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(folder / request_id, ignore_errors=True)
