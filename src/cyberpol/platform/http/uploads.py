"""Files partners upload: kept under the name the sender knows them by, never their path."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from cyberpol.kernel.indicators.normalize.card import redact_cards


def upload_name(filename: str | None) -> str:
    """The name an upload is known by: the last part of the sender's name, printable, at most
    100 characters and 200 bytes, never empty or only dots."""
    last = re.split(r"[/\\]", filename or "")[-1]
    shown = redact_cards("".join(c for c in last if c.isprintable())).strip()[:100]
    while len(shown.encode()) > 200:
        shown = shown[:-1]
    return shown if shown.strip(".") else "upload"


@contextmanager
def saved_upload(file: UploadFile) -> Iterator[Path]:
    """The upload as a file in a folder of its own, removed after the block."""
    with tempfile.TemporaryDirectory() as folder:
        # Only the cleaned label becomes a file, so messages name the file as the sender
        # knows it.
        path = Path(folder) / upload_name(file.filename)
        with path.open("wb") as handle:
            while chunk := file.file.read(1 << 20):
                handle.write(chunk)
        yield path
