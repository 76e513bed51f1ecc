"""Small shared pieces of SQL plumbing: UTC times back from SQLite, bounded IN lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import CursorResult, Row, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

T = TypeVar("T")
CHUNK = 900  # below SQLite's bound-parameter limit on old builds


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything CyberPol stores is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in slices small enough for one IN list."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


# A result row of any shape: the row-to-domain functions read columns by name.
AnyRow: TypeAlias = "Row[*tuple[Any, ...]]"


def inserted_id(result: CursorResult[*tuple[Any, ...]]) -> int:
    """The primary key an INSERT of one row generated."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("The insert returned no primary key")
    return int(key[0])


class kz_month(FunctionElement[str]):
    """``YYYY-MM`` of a stored UTC time in Kazakhstan (UTC+5 all year since March 2024), so
    a report at 23:30 on 31 October in Astana counts in October."""

    type = String()
    inherit_cache = True
    name = "kz_month"


@compiles(kz_month, "sqlite")
def _kz_month_sqlite(element: kz_month, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)}, '+5 hours')"


@compiles(kz_month, "postgresql")
def _kz_month_postgresql(element: kz_month, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char(({column} AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM')"
