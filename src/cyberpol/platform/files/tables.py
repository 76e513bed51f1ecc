"""Read transfer and account files (CSV, JSON Lines, Parquet) in batches with line numbers."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cyberpol.kernel.errors import InvalidInput

LINE = "__line"
BATCH_ROWS = 500_000


def file_columns(path: Path) -> list[str]:
    """Column names as the file declares them (duplicates get ``.1``, ``.2``… as pandas does)."""
    suffix = _suffix(path)
    if suffix == "parquet":
        return list(pq.ParquetFile(path).schema_arrow.names)
    if suffix == "jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = _json_record(line, 1)
                    return list(record)
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    return _deduplicate([name.strip() for name in header])


def read_batches(path: Path, *, rows: int = BATCH_ROWS) -> Iterator[pa.Table]:
    """The file as Arrow tables of at most ``rows`` rows, each with a ``__line`` column.

    ``__line`` is the line a row starts on (CSV: the header is line 1) or its row number
    in a Parquet file, so a rejected row can be found by the person who sent the file.
    """
    suffix = _suffix(path)
    if suffix == "parquet":
        yield from _parquet_batches(path, rows)
    elif suffix == "jsonl":
        yield from _jsonl_batches(path, rows)
    else:
        yield from _csv_batches(path, rows)


def _suffix(path: Path) -> str:
    if not path.is_file():
        raise InvalidInput(f"No such file: {path}")
    name = path.name.lower()
    for suffix, kind in ((".parquet", "parquet"), (".jsonl", "jsonl"), (".ndjson", "jsonl")):
        if name.endswith(suffix):
            return kind
    if name.endswith((".csv", ".txt")):
        return "csv"
    raise InvalidInput(f"{path.name}: expected a .csv, .jsonl or .parquet file")


def _deduplicate(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        result.append(name if count == 0 else f"{name}.{count}")
    return result


def _with_lines(table: pa.Table, first: int) -> pa.Table:
    lines = pa.array(range(first, first + table.num_rows), type=pa.int64())
    return table.append_column(LINE, lines)


def _parquet_batches(path: Path, rows: int) -> Iterator[pa.Table]:
    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InvalidInput(f"{path.name}: not a readable Parquet file ({exc})") from None
    first = 1
    for batch in handle.iter_batches(batch_size=rows):
        table = pa.Table.from_batches([batch])
        yield _with_lines(table, first)
        first += table.num_rows


def _csv_batches(path: Path, rows: int) -> Iterator[pa.Table]:
    names = file_columns(path)
    if not names:
        raise InvalidInput(f"{path.name}: the file is empty (expected a header line)")
    options = pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=64 << 20)
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True
    )
    try:
        reader = pacsv.open_csv(path, read_options=options, convert_options=convert)
        # Embedded newlines inside quoted fields would shift these numbers; bank exports
        # don't carry them, and the message would still point near the row.
        first = 2
        pending: list[pa.RecordBatch] = []
        pending_rows = 0
        for batch in reader:
            pending.append(batch)
            pending_rows += batch.num_rows
            if pending_rows >= rows:
                table = pa.Table.from_batches(pending)
                yield _with_lines(table, first)
                first += table.num_rows
                pending, pending_rows = [], 0
        if pending:
            yield _with_lines(pa.Table.from_batches(pending), first)
    except pa.ArrowInvalid as exc:
        raise InvalidInput(f"{path.name}: malformed CSV ({exc})") from None


def _json_record(line: str, number: int) -> dict[str, object]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"line {number}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InvalidInput(f"line {number}: expected a JSON object")
    return record


def _jsonl_batches(path: Path, rows: int) -> Iterator[pa.Table]:
    records: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                record = {"__error": f"not valid JSON ({exc.msg})"}
            if not isinstance(record, dict):
                record = {"__error": "expected a JSON object"}
            # Values go in as text, as from CSV, so one set of checks covers both.
            row: dict[str, object] = {
                str(key): None if value is None else str(value) for key, value in record.items()
            }
            row[LINE] = number
            records.append(row)
            if len(records) >= rows:
                yield _json_table(records)
                records = []
    if records:
        yield _json_table(records)


def _json_table(records: list[dict[str, object]]) -> pa.Table:
    names = list(dict.fromkeys(key for record in records for key in record))
    columns = {
        name: pa.array(
            [record.get(name) for record in records],
            type=pa.int64() if name == LINE else pa.string(),
        )
        for name in names
    }
    return pa.table(columns)


def row_estimate(path: Path) -> int | None:
    """Rows in the file if cheap to know (Parquet), for a progress bar; None otherwise."""
    if path.name.lower().endswith(".parquet"):
        try:
            return int(pq.ParquetFile(path).metadata.num_rows)
        except (pa.ArrowInvalid, OSError):
            return None
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            sample = handle.read(1 << 20)
    except OSError:
        return None
    lines = sample.count(b"\n")
    return int(size / len(sample) * lines) if sample and lines else None
