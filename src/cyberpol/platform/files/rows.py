"""Reading import files: CSV or JSON Lines, numbered by line, with a content digest for resuming."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

from cyberpol.kernel.errors import InvalidInput

Row = dict[str, object]


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes: the same file resumes, a changed one starts afresh."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    raise InvalidInput(f"Cannot tell the format of {path.name!r}: use .csv or .jsonl")


def count_rows(path: Path) -> int:
    """Data rows in the file (for the progress bar)."""
    with path.open("rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(0, lines - 1) if detect_format(path) == "csv" else lines


def read_rows(path: Path) -> Iterator[tuple[int, Row | str]]:
    """(line number, fields) per data row; an unreadable row yields its error text instead."""
    if detect_format(path) == "jsonl":
        yield from _read_jsonl(path)
    else:
        yield from _read_csv(path)


def _read_jsonl(path: Path) -> Iterator[tuple[int, Row | str]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield number, "not valid UTF-8"
                continue
            except json.JSONDecodeError as exc:
                yield number, f"not valid JSON ({exc.msg})"
                continue
            yield number, row if isinstance(row, dict) else "a line must be a JSON object"


def _read_csv(path: Path) -> Iterator[tuple[int, Row | str]]:
    with path.open("rb") as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline="")
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        try:
            reader = csv.DictReader(text, delimiter=delimiter)
            if not reader.fieldnames:
                return
            reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
            for row in reader:
                extra = row.pop(None, None)
                line = reader.line_num
                yield (
                    (line, f"{len(extra)} more fields than the header")
                    if extra
                    else (line, dict(row))
                )
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{path.name} is not valid UTF-8 (byte {exc.start})") from exc
        except csv.Error as exc:
            raise InvalidInput(f"{path.name}: broken CSV ({exc})") from exc
