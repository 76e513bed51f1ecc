"""The roaming view in the call store: which Kazakh subscribers are abroad now, and whose
subscribers they are (the operator that last spoke for them, by a record or the API)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pyarrow as pa

from cyberpol.platform.duckdb import DuckDbFile


def _read(store: DuckDbFile, sql: str, params: dict[str, object] | None = None) -> list[tuple[str]]:
    cursor = store.reading()
    try:
        return cursor.execute(sql, params or {}).fetchall()
    finally:
        cursor.close()


def roaming_numbers(store: DuckDbFile) -> set[str]:
    return {n for (n,) in _read(store, "SELECT number FROM roaming WHERE roaming")}


def number_owners(store: DuckDbFile, numbers: Sequence[str]) -> dict[str, str]:
    """The operator each known number belongs to (unknown numbers are left out)."""
    if not numbers:
        return {}
    table = pa.table({"number": pa.array(list(numbers), pa.string())})
    cursor = store.reading()
    try:
        cursor.register("asked", table)
        rows = cursor.execute(
            "SELECT r.number, r.operator FROM roaming r JOIN asked a USING (number)"
        ).fetchall()
    finally:
        cursor.close()
    return dict(rows)


def set_roaming(
    store: DuckDbFile, numbers: Sequence[str], *, operator: str, roaming: bool, at: datetime
) -> int:
    """Say the numbers are abroad (or home) as of ``at``; how many changed."""
    table = pa.table({"number": pa.array(list(dict.fromkeys(numbers)), pa.string())})
    with store.writing() as db:
        db.register("told", table)
        [(changed,)] = db.execute(
            "SELECT count(*) FROM told t LEFT JOIN roaming r USING (number) "
            "WHERE r.roaming IS DISTINCT FROM $roaming",
            {"roaming": roaming},
        ).fetchall()
        db.execute(
            "INSERT INTO roaming (number, operator, roaming, as_of) "
            "SELECT number, $operator, $roaming, $at FROM told "
            "ON CONFLICT (number) DO UPDATE SET operator = excluded.operator, "
            "roaming = excluded.roaming, as_of = excluded.as_of",
            {"operator": operator, "roaming": roaming, "at": at},
        )
        db.unregister("told")
    return int(changed)
