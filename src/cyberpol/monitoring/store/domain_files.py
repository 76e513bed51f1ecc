"""Files of domain names: one a line, or a new-domain or certificate-transparency feed in CSV.

A CSV feed names its domains in a column such as ``domain``, ``all_domains`` or
``dns_names``; a certificate's names are several to a cell (space, comma, semicolon or bar
between them) and may be wildcards (``*.kaspi-bonus.top`` stands for its parent).
"""

from __future__ import annotations

import re
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

# Columns that hold names, most specific first.
NAME_COLUMNS = (
    "domain", "domains", "all_domains", "dns_names", "san", "sans", "subject_alt_names",
    "fqdn", "hostname", "host", "name", "common_name", "cn", "url", "query",
)  # fmt: skip
_SPLIT = re.compile(r"[\s,;|]+")
_HEADERLESS = re.compile(r"^[^\s,;|\t\"]+$")


def read_names(path: Path) -> Iterator[tuple[int, str]]:
    """(line, name) for every name in the file, in file order; wildcards lose their ``*.``.

    A file that holds no names, or a table without a column of them, is refused here,
    before anything is read from it.
    """
    kind = file_kind(path)
    if kind == "parquet" or kind == "jsonl" or not _is_plain_list(path):
        return _table_names(path, _name_column(path))
    return _plain_names(path)


def _plain_names(path: Path) -> Iterator[tuple[int, str]]:
    encoding = text_encoding(path)
    with path.open(encoding=encoding, errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip().lstrip("\ufeff")
            if text and not text.startswith("#"):
                yield number, _unwild(text)


def _is_plain_list(path: Path) -> bool:
    """No header naming a column: the first line is a name by itself."""
    with path.open("rb") as handle:
        first = b""
        for raw in handle:
            first = raw.strip().lstrip(b"\xef\xbb\xbf")
            if first and not first.startswith(b"#"):
                break
    if not first:
        raise InvalidInput(f"{path.name}: the file holds no domain names")
    head = first.decode("utf-8", errors="replace").strip().lower()
    return bool(_HEADERLESS.match(head)) and head not in NAME_COLUMNS


def _name_column(path: Path) -> str:
    columns = {c.strip().lower(): c for c in file_columns(path)}
    column = next((columns[c] for c in NAME_COLUMNS if c in columns), None)
    if column is None:
        raise InvalidInput(
            f"{path.name}: no column of domain names (expected one of: "
            f"{', '.join(NAME_COLUMNS)}; found: {', '.join(columns.values())})"
        )
    return column


def _table_names(path: Path, column: str) -> Iterator[tuple[int, str]]:
    for table in read_batches(path):
        lines = table.column(LINE).to_pylist()
        for line, cell in zip(lines, table.column(column).to_pylist(), strict=True):
            for name in _SPLIT.split(cell or ""):
                if name:
                    yield int(line), _unwild(name)


def _unwild(name: str) -> str:
    return name[2:] if name.startswith("*.") else name
