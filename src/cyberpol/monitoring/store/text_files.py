"""Files of short texts to judge: one text a line, or a table (CSV, JSON Lines, Parquet) with
a column of them, such as an operator's SMS export or a platform's chat messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.files.tables import (
    LINE,
    file_columns,
    file_kind,
    read_batches,
    text_encoding,
)

# Columns that hold the text, most specific first.
TEXT_COLUMNS = ("text", "message", "sms", "body", "content", "description", "report", "comment")


def read_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) for every non-empty text in the file, in file order."""
    kind = file_kind(path)
    column = _text_column(path) if path.suffix.lower() != ".txt" else None
    if kind in ("parquet", "jsonl") and column is None:
        raise InvalidInput(f"{path.name}: no column of texts (expected one of: "
                           f"{', '.join(TEXT_COLUMNS)})")  # fmt: skip
    if column is None:
        return _lines(path)
    return _cells(path, column)


def _text_column(path: Path) -> str | None:
    try:
        columns = {c.strip().lower(): c for c in file_columns(path)}
    except InvalidInput:
        return None  # not a table: a text a line
    return next((columns[c] for c in TEXT_COLUMNS if c in columns), None)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding=text_encoding(path), errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip().lstrip("\ufeff")
            if text:
                yield number, text


def _cells(path: Path, column: str) -> Iterator[tuple[int, str]]:
    for table in read_batches(path):
        lines = table.column(LINE).to_pylist()
        for line, cell in zip(lines, table.column(column).to_pylist(), strict=True):
            if cell is not None and str(cell).strip():
                yield int(line), str(cell).strip()
