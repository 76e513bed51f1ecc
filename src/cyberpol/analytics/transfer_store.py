"""The transfer store: an embedded DuckDB file under the data directory.

Transfers are append-only facts that banks send in bulk, so they live in a columnar file
built for scans and joins over tens of millions of rows; cases, freeze requests and the
registry stay in the transactional database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from cyberpol.domain.errors import Conflict

_SCHEMA = """
CREATE TABLE IF NOT EXISTS transfers (
    transfer_id VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    amount DECIMAL(18, 2) NOT NULL,
    currency VARCHAR NOT NULL,
    from_account VARCHAR NOT NULL,
    from_bank VARCHAR NOT NULL,
    to_account VARCHAR NOT NULL,
    to_bank VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    load_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    account VARCHAR PRIMARY KEY,
    bank VARCHAR,
    holder_id VARCHAR,
    opened_at TIMESTAMPTZ,
    holder_birth_year SMALLINT,
    holder_country VARCHAR,
    device_id VARCHAR,
    ip VARCHAR
);
CREATE TABLE IF NOT EXISTS account_display (
    account VARCHAR PRIMARY KEY,
    display VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS transfer_labels (
    transfer_id VARCHAR NOT NULL,
    is_laundering BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS account_labels (
    account VARCHAR NOT NULL,
    is_mule BOOLEAN NOT NULL,
    source VARCHAR NOT NULL,
    actor VARCHAR,
    labelled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS loads (
    load_id INTEGER PRIMARY KEY,
    source VARCHAR NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows_loaded BIGINT NOT NULL DEFAULT 0
);
"""


class TransferStore:
    """One DuckDB connection per process; writes are serialised, reads use cursors."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        target = ":memory:" if path is None else str(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = duckdb.connect(target)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise Conflict(
                    f"The transfer store {path} is open in another process (a running "
                    "`cyberpol serve`?). Stop it, or send transfers through its API."
                ) from None
            raise
        self._write_lock = threading.Lock()
        self._connection.execute("SET TimeZone = 'UTC'")
        self._connection.execute(_SCHEMA)

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection, held alone and inside a transaction that rolls back on error."""
        with self._write_lock:
            cursor = self._connection.cursor()
            cursor.execute("SET TimeZone = 'UTC'")
            cursor.execute("BEGIN TRANSACTION")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            else:
                cursor.execute("COMMIT")
            finally:
                cursor.close()

    def reading(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one reader thread; close it when done."""
        cursor = self._connection.cursor()
        cursor.execute("SET TimeZone = 'UTC'")
        return cursor

    def transfer_count(self) -> int:
        cursor = self.reading()
        try:
            return int(cursor.execute("SELECT count(*) FROM transfers").fetchall()[0][0])
        finally:
            cursor.close()

    def close(self) -> None:
        self._connection.close()
