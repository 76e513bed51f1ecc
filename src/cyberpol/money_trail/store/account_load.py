"""Load account attribute files: who holds an account, since when, from which device.

Layouts: the exchange's (``account, bank, holder_id, opened_at, holder_birth_year,
holder_country, device_id, ip``; all but ``account`` optional), AMLGentex's
``accounts.csv`` (its ``IS_SAR`` kept as a dataset label) and AMLSim's ``nodes.csv``
(``isFraud`` kept as a label). A later file's row for the same account replaces the earlier.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.domain.transfers import TransferLoadSummary
from cyberpol.money_trail.store.formats import text_of
from cyberpol.money_trail.store.transfer_load import AccountKeys
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.platform.files.tables import read_batches

ACCOUNT_LAYOUTS = ("accounts", "amlgentex-accounts", "amlsim-nodes")


def account_layout(columns: list[str]) -> str | None:
    """Which account layout these columns are, if any."""
    names = set(columns)
    if "account" in names and "transfer_id" not in names:
        return "accounts"
    if {"ACCOUNT_ID", "BANK_ID"} <= names:
        return "amlgentex-accounts"
    if {"nodeid", "isFraud"} <= names:
        return "amlsim-nodes"
    return None


def _text(schema: dict[str, pa.DataType], column: str) -> str:
    return text_of(column) if column in schema else "CAST(NULL AS VARCHAR)"


def _staging(layout: str, schema: dict[str, pa.DataType]) -> str:
    t = _text
    if layout == "accounts":
        return f"""
            SELECT __line AS line, {t(schema, "account")} AS raw,
                   upper({t(schema, "bank")}) AS bank, {t(schema, "holder_id")} AS holder_id,
                   {t(schema, "opened_at")} AS opened_text,
                   TRY_CAST({t(schema, "opened_at")} AS TIMESTAMPTZ) AS opened_at,
                   {t(schema, "holder_birth_year")} AS year_text,
                   TRY_CAST({t(schema, "holder_birth_year")} AS SMALLINT) AS birth_year,
                   upper({t(schema, "holder_country")}) AS country,
                   {t(schema, "device_id")} AS device_id, {t(schema, "ip")} AS ip,
                   CAST(NULL AS BOOLEAN) AS label
            FROM raw"""
    if layout == "amlgentex-accounts":
        return f"""
            SELECT __line AS line, {t(schema, "ACCOUNT_ID")} AS raw,
                   upper({t(schema, "BANK_ID")}) AS bank, {t(schema, "CUSTOMER_ID")} AS holder_id,
                   NULL AS opened_text, CAST(NULL AS TIMESTAMPTZ) AS opened_at,
                   NULL AS year_text, CAST(NULL AS SMALLINT) AS birth_year,
                   CAST(NULL AS VARCHAR) AS country, CAST(NULL AS VARCHAR) AS device_id,
                   CAST(NULL AS VARCHAR) AS ip,
                   lower({t(schema, "IS_SAR")}) IN ('true', '1') AS label
            FROM raw"""
    return f"""
        SELECT __line AS line, {t(schema, "nodeid")} AS raw, 'AMLSIM' AS bank,
               CAST(NULL AS VARCHAR) AS holder_id, NULL AS opened_text,
               CAST(NULL AS TIMESTAMPTZ) AS opened_at, NULL AS year_text,
               CAST(NULL AS SMALLINT) AS birth_year, CAST(NULL AS VARCHAR) AS country,
               CAST(NULL AS VARCHAR) AS device_id, CAST(NULL AS VARCHAR) AS ip,
               {t(schema, "isFraud")} = '1' AS label
        FROM raw"""


_CHECKS = """
CREATE OR REPLACE TEMP TABLE account_rows AS
SELECT s.*, k.account, k.iban_bank, coalesce(k.iban_bank, h.bank) AS holder, CASE
    WHEN s.raw IS NULL THEN 'account is empty'
    WHEN k.problem IS NOT NULL THEN 'account: ' || k.problem
    WHEN s.opened_text IS NOT NULL AND s.opened_at IS NULL
        THEN 'opened_at is not an ISO 8601 time: ' || s.opened_text
    WHEN s.year_text IS NOT NULL AND (s.birth_year IS NULL OR s.birth_year < 1900
                                      OR s.birth_year > 2030)
        THEN 'holder_birth_year is not a plausible year: ' || s.year_text
    WHEN s.country IS NOT NULL AND NOT regexp_matches(s.country, '^[A-Z]{2}$')
        THEN 'holder_country must be a two-letter code: ' || s.country
END AS reason
FROM account_staged s LEFT JOIN account_keys k ON k.raw = s.raw
LEFT JOIN account_holders h ON h.account = k.account
"""

# A bank writes attributes only for accounts it holds (see ``account_holders``).
_OWN_ACCOUNTS = """
UPDATE account_rows SET reason = CASE
    WHEN left(coalesce(bank, ''), 8) <> $own THEN 'bank is not ' || $own
    WHEN left(holder, 8) <> $own THEN 'account is not an account of ' || $own
END WHERE reason IS NULL
"""


def load_account_file(
    store: TransferStore,
    path: Path,
    *,
    layout: str,
    accounts: AccountKeys,
    own_bank: str | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> TransferLoadSummary:
    """Upsert account attributes (and dataset labels) batch by batch."""
    if layout not in ACCOUNT_LAYOUTS:
        raise InvalidInput(f"Not an account layout: {layout!r}")
    if own_bank is not None and layout != "accounts":
        raise InvalidInput(f"A bank sends the exchange format, not {layout!r}")
    summary = TransferLoadSummary(source=path.name, layout=layout)
    for raw in read_batches(path):
        schema = {name: raw.schema.field(name).type for name in raw.schema.names}
        with store.writing() as db:
            db.register("raw", raw)
            db.execute(f"CREATE OR REPLACE TEMP TABLE account_staged AS {_staging(layout, schema)}")
            db.unregister("raw")
            accounts.resolve(db, "SELECT DISTINCT raw FROM account_staged WHERE raw IS NOT NULL")
            db.execute(_CHECKS)
            if own_bank is not None:
                db.execute(_OWN_ACCOUNTS, {"own": own_bank})
            # The last good row for an account in the file wins.
            db.execute(
                "CREATE OR REPLACE TEMP TABLE account_valid AS SELECT * FROM account_rows "
                "WHERE reason IS NULL QUALIFY row_number() OVER "
                "(PARTITION BY account ORDER BY line DESC) = 1"
            )
            db.execute(
                "INSERT OR REPLACE INTO accounts SELECT account, bank, holder_id, opened_at, "
                "birth_year, country, device_id, ip FROM account_valid"
            )
            db.execute(
                "INSERT OR IGNORE INTO account_holders SELECT account, "
                "coalesce(iban_bank, left(bank, 8)), NULL FROM account_valid "
                "WHERE coalesce(iban_bank, bank) IS NOT NULL"
            )
            summary.loaded += db.execute("SELECT count(*) FROM account_valid").fetchall()[0][0]
            summary.labels += db.execute(
                "INSERT INTO account_labels (account, is_mule, source) SELECT account, label, "
                "'dataset' FROM account_valid WHERE label IS NOT NULL"
            ).fetchall()[0][0]
            rejected = db.execute(
                "SELECT line, reason FROM account_rows WHERE reason IS NOT NULL ORDER BY line"
            ).fetchall()
            summary.rejected.extend((int(line), str(reason)) for line, reason in rejected)
        if on_rows:
            on_rows(raw.num_rows)
    return summary
