"""Map each accepted file layout onto the exchange columns, as DuckDB SQL over ``raw``.

Layouts (the column mapping is also in README.md):
- ``cyberpol``: the exchange format, ``domain.transfers.TRANSFER_COLUMNS``.
- ``ibm-aml``: IBM's synthetic AML sets (Altman et al. 2023): ``Timestamp`` read as UTC,
  accounts qualified by bank (``<bank>/<account>``), ``Amount Paid`` in ``Payment
  Currency``, ``Payment Format`` Cash → cash_out, Bitcoin → crypto, Cheque and Credit Card
  → payment, others → transfer (foreign when the two currencies differ).
- ``amlsim``: IBM AMLSim and AMLGentex outputs, either ``sourceNodeId, targetNodeId,
  value, time`` or a ``tx_log`` with ``step, type, amount, nameOrig, nameDest``; a step is
  a day from 2020-01-01; negative ids are the outside world; opening balances are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.domain.transfers import TRANSFER_COLUMNS

FORMATS = ("auto", "cyberpol", "ibm-aml", "amlsim")
_IBM_COLUMNS = {"Timestamp", "From Bank", "Account", "To Bank", "Account.1", "Amount Paid"}
_AMLSIM_EDGES = {"sourceNodeId", "targetNodeId", "value", "time"}
_AMLSIM_LOG = {"step", "type", "amount", "nameOrig", "nameDest"}
_EPOCH = "TIMESTAMPTZ '2020-01-01 00:00:00+00'"
_IBM_CURRENCIES = {
    "US Dollar": "USD",
    "Euro": "EUR",
    "Yuan": "CNY",
    "Bitcoin": "XBT",
    "Rupee": "INR",
    "Yen": "JPY",
    "UK Pound": "GBP",
    "Ruble": "RUB",
    "Canadian Dollar": "CAD",
    "Australian Dollar": "AUD",
    "Swiss Franc": "CHF",
    "Mexican Peso": "MXN",
    "Brazil Real": "BRL",
    "Saudi Riyal": "SAR",
    "Shekel": "ILS",
}


def detect_format(columns: list[str], requested: str) -> str:
    """The layout of a transfer file, checked against what the user asked for."""
    names = set(columns)
    found = (
        "cyberpol"
        if {"transfer_id", "ts", "amount"} <= names
        else "ibm-aml"
        if names >= _IBM_COLUMNS
        else "amlsim"
        if names >= _AMLSIM_EDGES or names >= _AMLSIM_LOG
        else None
    )
    if requested not in FORMATS:
        raise InvalidInput(f"Unknown format {requested!r}; use one of {', '.join(FORMATS)}")
    if found is None:
        raise InvalidInput(
            f"Unrecognised columns ({', '.join(columns[:12])}): expected the exchange format "
            f"({', '.join(TRANSFER_COLUMNS)}), IBM AML's or AMLSim's"
        )
    if requested not in ("auto", found):
        raise InvalidInput(f"The columns look like {found}, not {requested!r}")
    return found


def staging_sql(layout: str, schema: Mapping[str, pa.DataType]) -> str:
    """SELECT over ``raw`` giving line, ids, parsed values, raw accounts, label and skip."""
    if layout == "cyberpol":
        return _cyberpol(schema)
    if layout == "ibm-aml":
        return _ibm()
    if "sourceNodeId" in schema:
        return _amlsim_edges()
    return _amlsim_log(schema)


def text_of(column: str) -> str:
    """A column as trimmed text, NULL when blank: how every layout reads raw values."""
    return f"nullif(trim(CAST(\"{column}\" AS VARCHAR)), '')"


# Space, no-break space, narrow no-break space and apostrophe group thousands.
_GROUP = "[ \u00a0\u202f'']"  # '' is a quote inside SQL text


def _amount(text: str) -> str:
    """An amount as bank exports write it, in the form DuckDB casts: ``1 250 000,50``,
    ``1,250,000.50``, ``1.250.000,50`` and ``250000,5`` all become ``1250000.50``-style."""
    return f"""CASE
        WHEN regexp_full_match({text}, '^-?\\d{{1,3}}({_GROUP}\\d{{3}})+(\\.\\d+)?$')
          OR regexp_full_match({text}, '^-?\\d{{1,3}}(,\\d{{3}})+(\\.\\d+)?$')
            THEN regexp_replace({text}, '[ \u00a0\u202f'',]', '', 'g')
        WHEN regexp_full_match({text}, '^-?\\d{{1,3}}({_GROUP}\\d{{3}})+(,\\d+)?$')
          OR regexp_full_match({text}, '^-?\\d{{1,3}}(\\.\\d{{3}})+(,\\d+)?$')
            THEN replace(regexp_replace({text}, '[ \u00a0\u202f''.]', '', 'g'), ',', '.')
        WHEN regexp_full_match({text}, '^-?\\d+,\\d{{1,2}}$') THEN replace({text}, ',', '.')
        ELSE {text} END"""


def _bic(column: str) -> str:
    """A bank field in upper case without spaces, a BIC's branch ``XXX`` dropped."""
    compact = f"upper(replace({text_of(column)}, ' ', ''))"
    return f"regexp_replace({compact}, '^([A-Z0-9]{{8}})XXX$', '\\1')"


def _cyberpol(schema: Mapping[str, pa.DataType]) -> str:
    missing = [c for c in TRANSFER_COLUMNS if c not in schema and c != "currency"]
    if missing:
        raise InvalidInput(f"Missing columns: {', '.join(missing)}")
    ts_type = schema["ts"]
    if pa.types.is_timestamp(ts_type):
        if ts_type.tz is None:
            raise InvalidInput("Column ts holds times without a zone; store them in UTC")
        ts, ts_text = "CAST(ts AS TIMESTAMPTZ)", "NULL"
    else:
        ts, ts_text = f"TRY_CAST({text_of('ts')} AS TIMESTAMPTZ)", text_of("ts")
    currency = f"upper({text_of('currency')})" if "currency" in schema else "'KZT'"
    problem = '"__error"' if "__error" in schema else "NULL"
    return f"""
        SELECT __line AS line, {text_of("transfer_id")} AS transfer_id,
               {ts} AS ts, {ts_text} AS ts_text,
               TRY_CAST({_amount(text_of("amount"))} AS DECIMAL(18, 2)) AS amount,
               {text_of("amount")} AS amount_text, {currency} AS currency,
               {text_of("from_account")} AS from_raw, {_bic("from_bank")} AS from_bank,
               {text_of("to_account")} AS to_raw, {_bic("to_bank")} AS to_bank,
               lower({text_of("channel")}) AS channel,
               CAST(NULL AS BOOLEAN) AS label, false AS skip, {problem} AS problem
        FROM raw"""


def _content_id(prefix: str, columns: list[str]) -> str:
    # No ids in these layouts: the row's content names it, and a repeat of the same row
    # in one batch is numbered, so loading the file again finds the same ids.
    joined = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in columns)
    digest = f"md5(concat_ws('|', {joined}))"
    return (
        f"'{prefix}-' || {digest} || '-' || "
        f"CAST(row_number() OVER (PARTITION BY {digest} ORDER BY __line) AS VARCHAR)"
    )


def _ibm() -> str:
    columns = [
        "Timestamp",
        "From Bank",
        "Account",
        "To Bank",
        "Account.1",
        "Amount Paid",
        "Payment Currency",
        "Amount Received",
        "Receiving Currency",
        "Payment Format",
    ]
    currency = 'CASE "Payment Currency" ' + " ".join(
        f"WHEN '{name}' THEN '{code}'" for name, code in _IBM_CURRENCIES.items()
    )
    return f"""
        SELECT __line AS line, {_content_id("ibm", columns)} AS transfer_id,
               CAST(TRY_STRPTIME("Timestamp", '%Y/%m/%d %H:%M') AS TIMESTAMPTZ) AS ts,
               NULL AS ts_text,
               TRY_CAST("Amount Paid" AS DECIMAL(18, 2)) AS amount,
               "Amount Paid" AS amount_text,
               {currency} ELSE upper("Payment Currency") END AS currency,
               "From Bank" || '/' || "Account" AS from_raw, "From Bank" AS from_bank,
               "To Bank" || '/' || "Account.1" AS to_raw, "To Bank" AS to_bank,
               CASE "Payment Format"
                   WHEN 'Cash' THEN 'cash_out' WHEN 'Bitcoin' THEN 'crypto'
                   WHEN 'Cheque' THEN 'payment' WHEN 'Credit Card' THEN 'payment'
                   ELSE CASE WHEN "Payment Currency" <> "Receiving Currency"
                             THEN 'foreign' ELSE 'transfer' END
               END AS channel,
               trim(CAST("Is Laundering" AS VARCHAR)) = '1' AS label,
               false AS skip, NULL AS problem
        FROM raw"""


def _amlsim_edges() -> str:
    columns = ["sourceNodeId", "targetNodeId", "value", "time"]
    return f"""
        SELECT __line AS line, {_content_id("amlsim", columns)} AS transfer_id,
               {_EPOCH} + to_days(CAST(TRY_CAST("time" AS DOUBLE) AS INTEGER)) AS ts,
               NULL AS ts_text,
               TRY_CAST("value" AS DECIMAL(18, 2)) AS amount,
               CAST("value" AS VARCHAR) AS amount_text, 'USD' AS currency,
               CAST("sourceNodeId" AS VARCHAR) AS from_raw, 'AMLSIM' AS from_bank,
               CAST("targetNodeId" AS VARCHAR) AS to_raw, 'AMLSIM' AS to_bank,
               'transfer' AS channel, CAST(NULL AS BOOLEAN) AS label,
               false AS skip, NULL AS problem
        FROM raw"""


def _amlsim_log(schema: Mapping[str, pa.DataType]) -> str:
    columns = [c for c in ("step", "type", "amount", "nameOrig", "nameDest") if c in schema]
    bank_from = 'upper(CAST("bankOrig" AS VARCHAR))' if "bankOrig" in schema else "'AMLSIM'"
    bank_to = 'upper(CAST("bankDest" AS VARCHAR))' if "bankDest" in schema else "'AMLSIM'"
    label = "CAST(\"isSAR\" AS VARCHAR) IN ('1', 'true', 'True')"
    return f"""
        SELECT __line AS line, {_content_id("amlsim", columns)} AS transfer_id,
               {_EPOCH} + to_days(CAST(TRY_CAST("step" AS DOUBLE) AS INTEGER)) AS ts,
               NULL AS ts_text,
               TRY_CAST("amount" AS DECIMAL(18, 2)) AS amount,
               CAST("amount" AS VARCHAR) AS amount_text, 'USD' AS currency,
               CASE WHEN CAST("nameOrig" AS BIGINT) < 0 THEN 'outside:income'
                    ELSE CAST("nameOrig" AS VARCHAR) END AS from_raw,
               {bank_from} AS from_bank,
               CASE WHEN CAST("nameDest" AS BIGINT) < 0 THEN 'outside:spending'
                    ELSE CAST("nameDest" AS VARCHAR) END AS to_raw,
               {bank_to} AS to_bank,
               CASE WHEN upper(CAST("type" AS VARCHAR)) = 'CASH' THEN 'cash_out'
                    WHEN CAST("nameDest" AS BIGINT) < 0 THEN 'payment'
                    ELSE 'transfer' END AS channel,
               {label if "isSAR" in schema else "CAST(NULL AS BOOLEAN)"} AS label,
               upper(CAST("type" AS VARCHAR)) IN ('INITALBALANCE', 'INITIALBALANCE') AS skip,
               NULL AS problem
        FROM raw"""
