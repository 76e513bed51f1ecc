"""Load call-record files (CSV, JSON Lines, Parquet) into the call store: every row checked,
the good kept, the bad named by line; a file loads whole or not at all, and a record an
operator already sent (same ``record_id``) is not stored twice."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa

from cyberpol.kernel.clock import FILE_TIME_RANGE, ISO_TIME_WITH_ZONE
from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.platform.card_ids import refuse_card_numbers
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.platform.files.tables import LINE, file_columns, read_batches
from cyberpol.telecom.domain.records import (
    CallLoadSummary,
    Direction,
    RecordType,
    Rejection,
    TrunkKind,
    normalize_call_number,
    normalize_imei,
)

FORMATS = ("auto", "cyberpol")
REQUIRED = ("record_id", "start", "duration_s", "record_type", "direction")
OPTIONAL = ("calling_number", "called_number", "imsi", "imei", "cell_id", "trunk_group",
            "trunk_kind", "operator", "roaming")  # fmt: skip
MAX_REJECTIONS = 1000  # named one by one; the count covers the rest
_TYPES = ", ".join(f"'{t.value}'" for t in RecordType)
_DIRECTIONS = ", ".join(f"'{d.value}'" for d in Direction)
_TRUNKS = ", ".join(f"'{k.value}'" for k in TrunkKind)
_TRUE = "('true', '1', 'yes', 'y', 't')"
_FALSE = "('false', '0', 'no', 'n', 'f')"


def _columns(source: str, names: list[str]) -> dict[str, str]:
    """Our column name -> the file's, matched without regard to case or spaces."""
    found = {name.strip().lower().replace(" ", "_"): name for name in names}
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise InvalidInput(
            f"{source}: missing columns {', '.join(missing)} (a call record has "
            f"{', '.join(REQUIRED + OPTIONAL)})"
        )
    return {c: found[c] for c in REQUIRED + OPTIONAL if c in found}


def _text(columns: dict[str, str], name: str) -> str:
    if name not in columns:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim(CAST(\"{columns[name]}\" AS VARCHAR)), '')"


def _staging(columns: dict[str, str], has_error: bool) -> str:
    def t(name: str) -> str:
        return _text(columns, name)

    return f"""
    CREATE OR REPLACE TEMP TABLE staged AS
    SELECT __line AS line, {t("record_id")} AS record_id,
           {t("start")} AS start_text, TRY_CAST({t("start")} AS TIMESTAMPTZ) AS start,
           {t("duration_s")} AS duration_text,
           TRY_CAST(replace({t("duration_s")}, ',', '.') AS DOUBLE) AS duration,
           lower({t("record_type")}) AS record_type, lower({t("direction")}) AS direction,
           {t("calling_number")} AS calling_raw, {t("called_number")} AS called_raw,
           replace({t("imsi")}, ' ', '') AS imsi, {t("imei")} AS imei_raw,
           {t("cell_id")} AS cell_id, {t("trunk_group")} AS trunk_group,
           lower({t("trunk_kind")}) AS trunk_kind,
           upper({t("operator")}) AS operator, lower({t("roaming")}) AS roaming_text,
           {'"__error"' if has_error else "CAST(NULL AS VARCHAR)"} AS problem
    FROM raw"""


_CHECKS = f"""
CREATE OR REPLACE TEMP TABLE checked AS
SELECT s.*, n1.value AS calling_number, n2.value AS called_number, i.value AS imei, CASE
    WHEN problem IS NOT NULL THEN problem
    WHEN record_id IS NULL THEN 'record_id is empty'
    WHEN length(record_id) > 128 THEN 'record_id is longer than 128 characters'
    WHEN operator IS NULL THEN 'operator is empty'
    WHEN NOT regexp_full_match(operator, '[A-Z][A-Z0-9_]{{1,31}}')
        THEN 'operator must be the operator''s code, such as KCELL: ' || left(operator, 40)
    WHEN operator <> coalesce($operator, operator)
        THEN 'operator must be ' || $operator
         || ': a token speaks for its own operator''s records only, not ' || left(operator, 40)
    WHEN start_text IS NULL THEN 'start is empty'
    WHEN NOT regexp_full_match(start_text, '{ISO_TIME_WITH_ZONE}')
        THEN 'start must be an ISO 8601 time with a zone, such as '
             || '2026-03-01T10:00:00+05:00: ' || left(start_text, 40)
    WHEN start IS NULL THEN 'start is not an ISO 8601 time: ' || left(start_text, 40)
    WHEN start < TIMESTAMPTZ '{FILE_TIME_RANGE[0]}' OR start >= TIMESTAMPTZ '{FILE_TIME_RANGE[1]}'
        THEN 'start must be between 1990 and 2099: ' || left(start_text, 40)
    WHEN duration IS NULL
        THEN 'duration_s is not a number: ' || coalesce(left(duration_text, 40), '(empty)')
    WHEN duration < 0 OR duration > 172800 OR isnan(duration)
        THEN 'duration_s must be 0 to 172800 seconds: ' || left(duration_text, 40)
    WHEN record_type IS NULL OR record_type NOT IN ({_TYPES})
        THEN 'record_type must be one of {_TYPES.replace("'", "")}: '
             || coalesce(left(record_type, 40), '(empty)')
    WHEN direction IS NULL OR direction NOT IN ({_DIRECTIONS})
        THEN 'direction must be one of {_DIRECTIONS.replace("'", "")}: '
             || coalesce(left(direction, 40), '(empty)')
    WHEN trunk_kind IS NOT NULL AND trunk_kind NOT IN ({_TRUNKS})
        THEN 'trunk_kind must be one of {_TRUNKS.replace("'", "")}: ' || left(trunk_kind, 40)
    WHEN roaming_text IS NOT NULL AND roaming_text NOT IN {_TRUE} AND roaming_text NOT IN {_FALSE}
        THEN 'roaming must be true or false: ' || left(roaming_text, 40)
    WHEN calling_raw IS NOT NULL AND n1.value IS NULL THEN 'calling_number: ' || n1.why
    WHEN called_raw IS NOT NULL AND n2.value IS NULL THEN 'called_number: ' || n2.why
    WHEN direction = 'originating' AND calling_raw IS NULL
        THEN 'calling_number is empty: on an originating record it is the subscriber'
    WHEN record_type = 'data' AND called_raw IS NOT NULL
        THEN 'a data record has no called_number'
    WHEN record_type <> 'data' AND called_raw IS NULL THEN 'called_number is empty'
    WHEN imsi IS NOT NULL AND NOT regexp_full_match(imsi, '[2-7][0-9]{{5,14}}')
        THEN 'imsi must be up to 15 digits starting with a country code such as 401: '
             || left(imsi, 40)
    WHEN imei_raw IS NOT NULL AND i.value IS NULL THEN 'imei: ' || i.why
    WHEN length(cell_id) > 64 THEN 'cell_id is longer than 64 characters'
    WHEN length(trunk_group) > 64 THEN 'trunk_group is longer than 64 characters'
END AS reason
FROM staged s
LEFT JOIN checked_values n1 ON n1.raw = s.calling_raw
LEFT JOIN checked_values n2 ON n2.raw = s.called_raw
LEFT JOIN checked_values i ON i.raw = 'imei:' || s.imei_raw
"""

_FRESH = """
CREATE OR REPLACE TEMP TABLE fresh AS
SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY operator, record_id ORDER BY line) AS nth FROM checked
    WHERE reason IS NULL
) c
WHERE nth = 1 AND NOT EXISTS (
    SELECT 1 FROM calls k WHERE k.operator = c.operator AND k.record_id = c.record_id
)
"""

_INSERT = f"""
INSERT INTO calls
SELECT operator, record_id, start, CAST(round(duration) AS INTEGER), record_type, direction,
       calling_number, called_number, imsi, imei, cell_id, trunk_group, trunk_kind,
       coalesce(roaming_text IN {_TRUE}, false), $load_id
FROM fresh
"""

# The subscriber a record is about: the caller on an originating record, else the called.
_ROAMING = f"""
INSERT INTO roaming (number, operator, roaming, as_of)
SELECT number, operator, roaming, start FROM (
    SELECT CASE WHEN direction = 'originating' THEN calling_number ELSE called_number END
               AS number, operator, roaming_text IN {_TRUE} AS roaming, start,
           row_number() OVER (PARTITION BY number ORDER BY start DESC, line DESC) AS nth
    FROM fresh WHERE roaming_text IS NOT NULL
) r
WHERE nth = 1 AND number IS NOT NULL AND number LIKE '+%'
ON CONFLICT (number) DO UPDATE SET operator = excluded.operator, roaming = excluded.roaming,
    as_of = excluded.as_of
WHERE excluded.as_of >= roaming.as_of
"""


# Whose subscriber each Kazakh number is: the operator of its latest record, flag or not (a
# number moved to another operator moves with that operator's records). A new number is
# not abroad until a record or the API says so.
_OWNERS = """
INSERT INTO roaming (number, operator, roaming, as_of, owner_as_of)
SELECT number, operator, false, TIMESTAMPTZ '1970-01-01 00:00:00+00', start FROM (
    SELECT CASE WHEN direction = 'originating' THEN calling_number ELSE called_number END
               AS number, operator, start,
           row_number() OVER (PARTITION BY number ORDER BY start DESC, line DESC) AS nth
    FROM fresh
) r
WHERE nth = 1 AND number LIKE '+77%'
ON CONFLICT (number) DO UPDATE SET operator = excluded.operator,
    owner_as_of = excluded.owner_as_of
WHERE roaming.owner_as_of IS NULL OR excluded.owner_as_of >= roaming.owner_as_of
"""


@lru_cache(maxsize=1 << 17)
def _checked(raw: str) -> tuple[str | None, str | None]:
    """(value, None) for a number or an ``imei:``-prefixed IMEI, else (None, the problem)."""
    try:
        if raw.startswith("imei:"):
            return normalize_imei(raw[5:]), None
        return normalize_call_number(raw), None
    except InvalidInput as exc:
        return None, str(exc)


def _check_values(db: duckdb.DuckDBPyConnection) -> None:
    """Numbers and IMEIs checked once per distinct value (a file repeats them by the
    million), in Python where the numbering plans and the Luhn check are."""
    rows = db.execute(
        "SELECT DISTINCT v FROM (SELECT calling_raw AS v FROM staged UNION ALL "
        "SELECT called_raw FROM staged UNION ALL SELECT 'imei:' || imei_raw FROM staged) "
        "WHERE v IS NOT NULL"
    ).fetchall()
    raws = [r[0] for r in rows]
    results = [_checked(r) for r in raws]
    table = pa.table({
        "raw": pa.array(raws, pa.string()),
        "value": pa.array([v for v, _ in results], pa.string()),
        "why": pa.array([p for _, p in results], pa.string()),
    })  # fmt: skip
    db.register("checked_values_arrow", table)
    db.execute("CREATE OR REPLACE TEMP TABLE checked_values AS SELECT * FROM checked_values_arrow")
    db.unregister("checked_values_arrow")


def _scalar(db: duckdb.DuckDBPyConnection, sql: str) -> int:
    rows = db.execute(sql).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def load_call_file(
    store: DuckDbFile,
    path: Path,
    *,
    operator: str | None,
    requested_format: str = "auto",
    progress: Callable[[int], None] | None = None,
) -> CallLoadSummary:
    """Load one file. ``operator`` is the sending operator's code (its token's organisation):
    every row must be its own. At the console (None) each row names its operator."""
    if requested_format not in FORMATS:
        raise InvalidInput(f"Unknown format {requested_format!r}; use one of {', '.join(FORMATS)}")
    _columns(path.name, file_columns(path))  # a file that is no call records fails at once
    read = loaded = duplicates = rejected = roaming = 0
    rejections: list[Rejection] = []
    with store.writing() as db:
        load_id = _scalar(db, "SELECT coalesce(max(load_id), 0) + 1 FROM call_loads")
        for batch in read_batches(path):
            # Per batch: JSON Lines records need not all carry the same keys.
            names = [n for n in batch.schema.names if n not in (LINE, "__error")]
            columns = _columns(path.name, names)
            if operator is None and "operator" not in columns:
                raise InvalidInput(f"{path.name}: each record names its operator at the console")
            db.register("raw", batch)
            db.execute(_staging(columns, "__error" in batch.schema.names))
            db.unregister("raw")
            if operator is not None:
                db.execute("UPDATE staged SET operator = coalesce(operator, $o)", {"o": operator})
            _check_values(db)
            db.execute(_CHECKS, {"operator": operator})  # fmt: skip
            for column in ("record_id", "cell_id", "trunk_group"):
                refuse_card_numbers(db, column, f"{column} holds a card number")
            db.execute(_FRESH)
            [counts] = db.execute(
                "SELECT count(*), count(*) FILTER (WHERE reason IS NOT NULL) FROM checked"
            ).fetchall()
            fresh = _scalar(db, "SELECT count(*) FROM fresh")
            db.execute(_INSERT, {"load_id": load_id})
            db.execute(_OWNERS)
            roaming += _scalar(db, _ROAMING)
            read += counts[0]
            rejected += counts[1]
            loaded += fresh
            duplicates += counts[0] - counts[1] - fresh
            room = MAX_REJECTIONS - len(rejections)
            if room > 0 and counts[1]:
                for line, reason in db.execute(
                    "SELECT line, reason FROM checked WHERE reason IS NOT NULL ORDER BY line "
                    "LIMIT $n", {"n": room}
                ).fetchall():  # fmt: skip
                    rejections.append(Rejection(int(line), redact_cards(str(reason))))
            if progress:
                progress(counts[0])
        if read == 0:
            raise InvalidInput(f"{path.name}: no call records in the file")
        db.execute(
            "INSERT INTO call_loads (load_id, source, operator, rows_loaded) VALUES (?, ?, ?, ?)",
            [load_id, path.name, operator, loaded],
        )
    return CallLoadSummary(
        source=path.name, operator=operator, rows_read=read, rows_loaded=loaded,
        duplicates=duplicates, rejected=rejected, rejections=rejections,
        roaming_changed=roaming,
    )  # fmt: skip
