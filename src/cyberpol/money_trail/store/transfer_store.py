"""The transfer store: an embedded DuckDB file under the data directory.

Transfers are append-only facts that banks send in bulk, so they live in a columnar file
built for scans and joins over tens of millions of rows; cases, freeze requests and the
registry stay in the transactional database.
"""

from __future__ import annotations

from pathlib import Path

from cyberpol.platform.duckdb import DuckDbFile

TRANSFER_SCHEMA = """
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
-- The bank that sent a load (NULL: the console); stores made before it get the column.
ALTER TABLE loads ADD COLUMN IF NOT EXISTS bank VARCHAR;
-- Which bank holds an account: an IBAN's bank code, or the first bank to report the account
-- as its own side of a transfer. Other banks' words about an account never change it.
CREATE TABLE IF NOT EXISTS account_holders (
    account VARCHAR PRIMARY KEY,
    bank VARCHAR NOT NULL,
    load_id INTEGER
);
"""


class TransferStore(DuckDbFile):
    """The transfer store file, its tables created on open."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(path, schema=TRANSFER_SCHEMA, what="transfer store")

    def transfer_count(self) -> int:
        cursor = self.reading()
        try:
            return int(cursor.execute("SELECT count(*) FROM transfers").fetchall()[0][0])
        finally:
            cursor.close()
