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
BATCH_BYTES = 128 << 20  # a batch's size in memory, whatever its rows hold
MAX_COLUMNS = 200
MAX_EXPANSION = 200  # unpacked bytes per file byte a Parquet file may declare…
MIN_EXPANDED_BYTES = 256 << 20  # …or this much, for small files
MAX_JSON_DEPTH = 32


def file_columns(path: Path) -> list[str]:
    """Column names as the file declares them (duplicates get ``.1``, ``.2``… as pandas does)."""
    kind = file_kind(path)
    if path.stat().st_size == 0:
        raise InvalidInput(f"{path.name}: the file is empty")
    if kind == "parquet":
        return list(_open_parquet(path).schema_arrow.names)
    if kind == "jsonl":
        for number, line in _jsonl_lines(path):
            if line is None or line.strip():
                record = _json_record(line)
                if "__error" in record:
                    raise InvalidInput(f"{path.name}: line {number}: {record['__error']}")
                return list(record)
        return []
    try:
        with path.open(encoding=text_encoding(path), newline="") as handle:
            header = next(csv.reader(handle, delimiter=csv_delimiter(path)), [])
    except csv.Error as exc:
        raise InvalidInput(f"{path.name}: the header line is not CSV ({exc})") from None
    return _deduplicate([name.strip() for name in header])


def read_batches(path: Path, *, rows: int = BATCH_ROWS) -> Iterator[pa.Table]:
    """The file as Arrow tables of at most ``rows`` rows, each with a ``__line`` column.

    ``__line`` is the line a row starts on (CSV: the header is line 1) or its row number
    in a Parquet file, so a rejected row can be found by the person who sent the file.
    """
    kind = file_kind(path)
    if kind == "parquet":
        yield from _parquet_batches(path, rows)
    elif kind == "jsonl":
        yield from _jsonl_batches(path, rows)
    else:
        yield from _csv_batches(path, rows)


def file_kind(path: Path) -> str:
    """``parquet``, ``jsonl`` or ``csv``: by the name's suffix, else by the first bytes."""
    if not path.is_file():
        raise InvalidInput(f"No such file: {path.name}")
    name = path.name.lower()
    for suffix, kind in ((".parquet", "parquet"), (".jsonl", "jsonl"), (".ndjson", "jsonl")):
        if name.endswith(suffix):
            return kind
    if name.endswith((".csv", ".txt")):
        return "csv"
    # Files from other systems arrive named ``export``, ``day.dat`` or ``upload``.
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    if not head.strip() or b"\x00" in head:
        raise InvalidInput(f"{path.name}: expected a CSV, JSON Lines or Parquet file")
    return "csv"


def csv_delimiter(path: Path) -> str:
    """The separator the header line uses: a comma, or the semicolon (Excel in Russian and
    Kazakh locales), tab or bar other exports use."""
    with path.open("rb") as handle:
        header = handle.readline(1 << 16)
    counts = {sep: header.count(sep.encode()) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def text_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1251, as Kazakh and Russian
    banking software still writes."""
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A sample cut inside a character is still UTF-8.
        if exc.start < len(sample) - 3:
            return "cp1251"
    return "utf-8-sig"


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


def _open_parquet(path: Path) -> pq.ParquetFile:
    """The file's footer read and its declared size checked, before any data is read."""
    try:
        handle = pq.ParquetFile(path)
        meta = handle.metadata
        declared = _unpacked_bytes(meta)
    except (pa.ArrowException, OSError) as exc:
        raise InvalidInput(f"{path.name}: not a readable Parquet file ({exc})") from None
    if meta.num_columns > MAX_COLUMNS:
        raise InvalidInput(f"{path.name}: {meta.num_columns} columns; at most {MAX_COLUMNS}")
    # A few kilobytes of compressed zeros can unpack to gigabytes: refuse what would.
    allowance = max(MIN_EXPANDED_BYTES, MAX_EXPANSION * path.stat().st_size)
    if declared > allowance:
        raise InvalidInput(
            f"{path.name}: unpacks to {declared:,} bytes, more than {allowance:,} allowed "
            "for a file of its size"
        )
    return handle


def _unpacked_bytes(meta: pq.FileMetaData) -> int:
    """The bytes a Parquet file's row groups say they unpack to."""
    return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))


def _parquet_batches(path: Path, rows: int) -> Iterator[pa.Table]:
    handle = _open_parquet(path)
    meta = handle.metadata
    per_row = _unpacked_bytes(meta) / meta.num_rows if meta.num_rows else 1
    rows = min(rows, max(1_000, int(BATCH_BYTES / max(per_row, 1))))
    first = 1
    try:
        for batch in handle.iter_batches(batch_size=rows):
            table = pa.Table.from_batches([batch])
            yield _with_lines(table, first)
            first += table.num_rows
    except (pa.ArrowException, OSError) as exc:
        raise InvalidInput(
            f"{path.name}: unreadable Parquet data near row {first} ({exc})"
        ) from None


def _csv_batches(path: Path, rows: int) -> Iterator[pa.Table]:
    names = file_columns(path)
    if not names:
        raise InvalidInput(f"{path.name}: the file is empty (expected a header line)")
    options = pacsv.ReadOptions(
        column_names=names, skip_rows=1, block_size=64 << 20, encoding=text_encoding(path)
    )
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True
    )
    try:
        parse = pacsv.ParseOptions(delimiter=csv_delimiter(path))
        reader = pacsv.open_csv(
            path, read_options=options, parse_options=parse, convert_options=convert
        )
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
    except pa.ArrowException as exc:
        raise InvalidInput(f"{path.name}: malformed CSV ({exc})") from None


def _json_record(line: str | None) -> dict[str, object]:
    """The object on one line, or ``{"__error": why}``: a bad line is a bad row, not a bad file."""
    if line is None:
        return {"__error": "not UTF-8 text"}
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"__error": f"not valid JSON ({exc.msg})"}
    except RecursionError:
        return {"__error": "JSON nested too deeply"}
    if not isinstance(record, dict):
        return {"__error": "expected a JSON object"}
    if any(_depth(value) > MAX_JSON_DEPTH for value in record.values()):
        return {"__error": "JSON nested too deeply"}
    return record


def _depth(value: object) -> int:
    depth = 0
    level: list[object] = [value]
    while level and depth <= MAX_JSON_DEPTH:
        nested: list[object] = []
        for item in level:
            if isinstance(item, dict):
                nested.extend(item.values())
            elif isinstance(item, list):
                nested.extend(item)
        level, depth = nested, depth + 1
    return depth


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """Numbered lines; None for one that is not UTF-8 (JSON is UTF-8 by definition)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None


def _jsonl_batches(path: Path, rows: int) -> Iterator[pa.Table]:
    records: list[dict[str, object]] = []
    for number, line in _jsonl_lines(path):
        if line is not None and not line.strip():
            continue
        record = _json_record(line)
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
