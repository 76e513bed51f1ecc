"""Load transfer files into the transfer store: check every row, keep the good, name the bad."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import duckdb
import pyarrow as pa

from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.money_trail.domain.transfers import (
    BIC_PATTERN,
    EXIT_CHANNELS,
    EXIT_NAME_PATTERN,
    NOT_AN_ACCOUNT,
    TS_PATTERN,
    TS_RANGE,
    TransferChannel,
    TransferLoadSummary,
    iban_bank,
    normalize_account,
)
from cyberpol.money_trail.store.formats import detect_format, staging_sql
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.platform.card_ids import refuse_card_numbers
from cyberpol.platform.files.tables import file_columns, read_batches

CARD_IN_ID = "transfer_id holds a card number; send the bank's own id for the transfer"
_CHANNELS = ", ".join(f"'{c.value}'" for c in TransferChannel)
_EXITS = ", ".join(f"'{c.value}'" for c in EXIT_CHANNELS)

_CHECKS = f"""
CREATE OR REPLACE TEMP TABLE checked AS
SELECT *, CASE
    WHEN problem IS NOT NULL THEN problem
    WHEN transfer_id IS NULL THEN 'transfer_id is empty'
    WHEN length(transfer_id) > 128 THEN 'transfer_id is longer than 128 characters'
    WHEN ts IS NULL AND ts_text IS NULL THEN 'ts is empty'
    WHEN ts_text IS NOT NULL AND NOT regexp_full_match(ts_text, '{TS_PATTERN}')
        THEN 'ts must be an ISO 8601 time with a zone, such as 2026-03-01T10:00:00+05:00: '
             || left(ts_text, 40)
    WHEN ts IS NULL THEN 'ts is not an ISO 8601 time: ' || left(ts_text, 40)
    WHEN ts < TIMESTAMPTZ '{TS_RANGE[0]}' OR ts >= TIMESTAMPTZ '{TS_RANGE[1]}'
        THEN 'ts must be between 1990 and 2099: '
             || coalesce(left(ts_text, 40), CAST(ts AS VARCHAR))
    WHEN amount IS NULL
        THEN 'amount is not a number: ' || coalesce(left(amount_text, 40), '(empty)')
    WHEN amount <= 0 THEN 'amount must be positive: ' || left(amount_text, 40)
    WHEN currency IS NULL OR NOT regexp_matches(currency, '^[A-Z]{{3}}$')
        THEN 'currency must be a three-letter code: ' || coalesce(left(currency, 40), '(empty)')
    WHEN channel IS NULL OR channel NOT IN ({_CHANNELS})
        THEN 'channel must be one of {_CHANNELS.replace("'", "")}: '
             || coalesce(left(channel, 40), '(empty)')
    WHEN from_raw IS NULL AND to_raw IS NULL THEN 'from_account and to_account are empty'
END AS reason, CAST(NULL AS VARCHAR) AS warning
FROM staged WHERE NOT skip
"""

# The exchange format names banks by BIC; datasets (IBM AML, AMLSim) by their own numbers.
# A bank field that is not one says nothing about where the account is: it is dropped
# with a warning, and the row still loads (its own side decides whether it may).
_BANK_CHECKS = f"""
UPDATE checked SET
    warning = nullif(concat_ws('; ',
        CASE WHEN NOT regexp_full_match(from_bank, '{BIC_PATTERN}')
             THEN 'from_bank is not a BIC, left unknown: ' || left(from_bank, 40) END,
        CASE WHEN NOT regexp_full_match(to_bank, '{BIC_PATTERN}')
              AND NOT (channel IN ({_EXITS}) AND regexp_full_match(to_bank, '{EXIT_NAME_PATTERN}'))
             THEN 'to_bank is not a BIC, left unknown: ' || left(to_bank, 40) END), ''),
    from_bank = CASE WHEN regexp_full_match(from_bank, '{BIC_PATTERN}') THEN from_bank END,
    to_bank = CASE WHEN regexp_full_match(to_bank, '{BIC_PATTERN}')
                    OR (channel IN ({_EXITS}) AND regexp_full_match(to_bank, '{EXIT_NAME_PATTERN}'))
                   THEN to_bank END
WHERE reason IS NULL
"""

# A row is refused for its own side only: a bank's side must be a valid account, and a load
# at the console needs one valid side. The other side is the counterparty as the sender
# saw it: empty (cash, an unnamed payee) it becomes ``outside:<channel>`` (``outside:unknown``
# outside the exit channels), and text that is no valid account is kept as given, with a
# warning when it looks like an IBAN or a card, so the ledger on our side stays whole.
_RESOLVED = f"""
CREATE OR REPLACE TEMP TABLE resolved AS
WITH sides AS (
    SELECT c.*, f.account AS f_key, f.problem AS f_problem, f.iban_bank AS from_iban_bank,
           t.account AS t_key, t.problem AS t_problem, t.iban_bank AS to_iban_bank,
           f.account IS NOT NULL AS from_ok, t.account IS NOT NULL AS to_ok,
           coalesce(left(c.from_bank, 8) = $own, false) AS from_own,
           coalesce(left(c.to_bank, 8) = $own, false) AS to_own
    FROM checked c
    LEFT JOIN account_keys f ON f.raw = c.from_raw
    LEFT JOIN account_keys t ON t.raw = c.to_raw
    WHERE c.reason IS NULL
)
SELECT s.line, s.transfer_id, s.ts, s.amount, s.currency,
       CASE WHEN from_ok THEN f_key WHEN from_raw IS NULL THEN 'outside:unknown'
            ELSE left(regexp_replace(from_raw, '\\s+', ' ', 'g'), 128) END AS from_account,
       coalesce(s.from_bank, '') AS from_bank,
       CASE WHEN to_ok THEN t_key
            WHEN to_raw IS NULL THEN 'outside:'
                 || CASE WHEN channel IN ({_EXITS}) THEN channel ELSE 'unknown' END
            ELSE left(regexp_replace(to_raw, '\\s+', ' ', 'g'), 128) END AS to_account,
       coalesce(s.to_bank, '') AS to_bank, s.channel, s.label, from_ok, to_ok,
       coalesce(from_iban_bank, hf.bank) AS from_holder, from_iban_bank,
       coalesce(to_iban_bank, ht.bank) AS to_holder, to_iban_bank,
       CASE WHEN (from_own OR $own IS NULL AND NOT to_ok) AND NOT from_ok
                THEN 'from_account: ' || coalesce(f_problem, 'is empty')
            WHEN (to_own OR $own IS NULL AND NOT from_ok) AND NOT to_ok
                THEN 'to_account: ' || coalesce(t_problem, 'is empty')
       END AS reason,
       nullif(concat_ws('; ', s.warning,
           CASE WHEN NOT starts_with(f_problem, '{NOT_AN_ACCOUNT}')
                THEN 'from_account kept as given: ' || f_problem END,
           CASE WHEN NOT starts_with(t_problem, '{NOT_AN_ACCOUNT}')
                THEN 'to_account kept as given: ' || t_problem END), '') AS warning,
       row_number() OVER (PARTITION BY s.transfer_id ORDER BY s.line) AS copy
FROM sides s
LEFT JOIN account_holders hf ON hf.account = s.f_key
LEFT JOIN account_holders ht ON ht.account = s.t_key
"""


# A bank speaks for its own accounts only: it may not call another bank's customer its own
# (an IBAN's bank code, or the first bank that reported the account as its own, decides).
_OWN_SIDES = """
UPDATE resolved SET reason = CASE
    WHEN left(from_bank, 8) = $own AND left(from_holder, 8) <> $own
        THEN 'from_account is not an account of ' || $own
    WHEN left(to_bank, 8) = $own AND left(to_holder, 8) <> $own
        THEN 'to_account is not an account of ' || $own
END WHERE reason IS NULL
"""

# A transfer_id seen before (in the store or earlier in this file) with the same content
# is a re-send and changes nothing; with other content it is refused, never overwritten.
# A bank learns nothing of a transfer it is not party to: the refusal then names no content.
_COMPARED = """
CREATE OR REPLACE TEMP TABLE compared AS
SELECT r.*, CASE
    WHEN r.reason IS NOT NULL THEN r.reason
    WHEN e.transfer_id IS NULL AND r.copy = 1 THEN NULL
    WHEN e.transfer_id IS NULL THEN
        CASE WHEN (r.ts, r.amount, r.from_account, r.to_account, r.channel)
                  IS NOT DISTINCT FROM (
                  SELECT (x.ts, x.amount, x.from_account, x.to_account, x.channel)
                  FROM resolved x WHERE x.transfer_id = r.transfer_id AND x.copy = 1)
             THEN '=' ELSE 'transfer_id ' || r.transfer_id
                  || ' appears earlier in this file with other content' END
    WHEN (e.ts, e.amount, e.currency, e.from_account, e.from_bank, e.to_account,
          e.to_bank, e.channel)
         IS NOT DISTINCT FROM (r.ts, r.amount, r.currency, r.from_account, r.from_bank,
                               r.to_account, r.to_bank, r.channel) THEN '='
    WHEN $own IS NULL OR left(e.from_bank, 8) = $own OR left(e.to_bank, 8) = $own
        THEN 'transfer_id ' || r.transfer_id || ' is already loaded with other content'
    ELSE 'transfer_id ' || r.transfer_id || ' cannot be used; send a reference unique to '
         || $own
END AS outcome
FROM resolved r LEFT JOIN transfers e USING (transfer_id)
"""

# The first bank to report an account as its own side holds it (a load at the console
# speaks for both sides); an IBAN's bank code outranks every report.
_HOLDERS = """
INSERT OR IGNORE INTO account_holders
SELECT account, bank, $load_id FROM (
    SELECT from_account AS account, coalesce(from_iban_bank, left(from_bank, 8)) AS bank, line
    FROM compared WHERE outcome IS NULL AND from_ok AND coalesce(from_iban_bank, from_bank) <> ''
      AND (from_iban_bank IS NOT NULL OR $own IS NULL OR left(from_bank, 8) = $own)
    UNION ALL
    SELECT to_account, coalesce(to_iban_bank, left(to_bank, 8)), line
    FROM compared WHERE outcome IS NULL AND to_ok AND coalesce(to_iban_bank, to_bank) <> ''
      AND (to_iban_bank IS NOT NULL OR $own IS NULL OR left(to_bank, 8) = $own)
) QUALIFY row_number() OVER (PARTITION BY account ORDER BY line) = 1
"""


class AccountKeys:
    """Raw account text → (key, display, problem, IBAN's bank), remembered across files."""

    def __init__(self, card_secret: bytes, iban_banks: Mapping[str, str] | None = None) -> None:
        self._secret = card_secret
        self._iban_banks = dict(iban_banks or {})
        self._known: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}

    def resolve(self, db: duckdb.DuckDBPyConnection, raws_sql: str) -> None:
        """Temp table ``account_keys`` (raw, account, display, problem, iban_bank) for the
        raw texts ``raws_sql`` selects."""
        raws = [row[0] for row in db.execute(raws_sql).fetchall()]
        db.register("account_keys_arrow", self.table(raws))
        db.execute("CREATE OR REPLACE TEMP TABLE account_keys AS SELECT * FROM account_keys_arrow")
        db.unregister("account_keys_arrow")

    def table(self, raws: list[str]) -> pa.Table:
        known = self._known
        for raw in raws:
            if raw not in known:
                try:
                    key, display = normalize_account(raw, card_secret=self._secret)
                    known[raw] = (key, display, None, iban_bank(key, self._iban_banks))
                except InvalidInput as exc:
                    known[raw] = (None, None, str(exc), None)
        rows = [known[raw] for raw in raws]
        return pa.table(
            {
                "raw": pa.array(raws, pa.string()),
                "account": pa.array([r[0] for r in rows], pa.string()),
                "display": pa.array([r[1] for r in rows], pa.string()),
                "problem": pa.array([r[2] for r in rows], pa.string()),
                "iban_bank": pa.array([r[3] for r in rows], pa.string()),
            }
        )


def load_transfer_file(
    store: TransferStore,
    path: Path,
    *,
    layout: str = "auto",
    accounts: AccountKeys,
    own_bank: str | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> TransferLoadSummary:
    """Load one file batch by batch; each batch commits alone, so a rerun resumes.

    Account attribute files (see ``account_load``) are recognised by their columns."""
    from cyberpol.money_trail.store.account_load import account_layout, load_account_file

    columns = file_columns(path)
    found = account_layout(columns)
    if found is not None and layout == "auto":
        return load_account_file(
            store,
            path,
            layout=found,
            accounts=accounts,
            own_bank=own_bank,
            on_rows=on_rows,
        )
    layout = detect_format(columns, layout)
    if own_bank is not None and layout != "cyberpol":
        # Datasets name banks by their own numbers: only the console loads them.
        raise InvalidInput(f"A bank sends the exchange format, not {layout!r}")
    return load_batches(
        store,
        read_batches(path),
        source=path.name,
        layout=layout,
        accounts=accounts,
        own_bank=own_bank,
        on_rows=on_rows,
    )


def load_batches(
    store: TransferStore,
    batches: Iterable[pa.Table],
    *,
    source: str,
    layout: str,
    accounts: AccountKeys,
    own_bank: str | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> TransferLoadSummary:
    """Load Arrow batches (with a ``__line`` column) of one layout under one load id.

    Each batch commits with its count in ``loads``, so a load killed midway still says
    how many of its rows are in the store.
    """
    source = redact_cards(source)  # a file name is the sender's free text
    summary = TransferLoadSummary(source=source, layout=layout)
    with store.writing() as db:
        load_id = db.execute(
            "INSERT INTO loads (load_id, source, bank) SELECT coalesce(max(load_id), 0) + 1, ?, ? "
            "FROM loads RETURNING load_id",
            [source, own_bank],
        ).fetchall()[0][0]
    for raw in batches:
        with store.writing() as db:
            loaded = _load_batch(db, raw, layout, accounts, load_id, summary, own_bank)
            db.execute(
                "UPDATE loads SET rows_loaded = rows_loaded + ? WHERE load_id = ?",
                [loaded, load_id],
            )
        if on_rows:
            on_rows(raw.num_rows)
    return summary


def _load_batch(
    db: duckdb.DuckDBPyConnection,
    raw: pa.Table,
    layout: str,
    accounts: AccountKeys,
    load_id: int,
    summary: TransferLoadSummary,
    own_bank: str | None,
) -> int:
    """Check and store one batch; how many new transfers it added."""
    schema = {name: raw.schema.field(name).type for name in raw.schema.names}
    db.register("raw", raw)
    try:
        db.execute(f"CREATE OR REPLACE TEMP TABLE staged AS {staging_sql(layout, schema)}")
    except duckdb.Error as exc:
        raise InvalidInput(f"{summary.source}: cannot read the columns ({exc})") from None
    finally:
        db.unregister("raw")
    summary.skipped += db.execute("SELECT count(*) FROM staged WHERE skip").fetchall()[0][0]
    db.execute(_CHECKS)
    if layout == "cyberpol":  # the other layouts' ids are content hashes made here
        db.execute(_BANK_CHECKS)
        refuse_card_numbers(db, "transfer_id", CARD_IN_ID)
    if own_bank is not None:
        # A bank reports its own customers' transfers, never other banks' traffic.
        db.execute(
            "UPDATE checked SET reason = 'neither from_bank nor to_bank is ' || $1 "
            "WHERE reason IS NULL AND left(from_bank, 8) <> $1 AND left(to_bank, 8) <> $1",
            [own_bank],
        )
    accounts.resolve(
        db,
        "SELECT DISTINCT raw FROM (SELECT from_raw AS raw FROM checked WHERE reason IS NULL "
        "UNION SELECT to_raw FROM checked WHERE reason IS NULL) WHERE raw IS NOT NULL",
    )
    db.execute(_RESOLVED, {"own": own_bank})
    if own_bank is not None:
        db.execute(_OWN_SIDES, {"own": own_bank})
    db.execute(_COMPARED, {"own": own_bank})
    db.execute(
        "INSERT INTO transfers SELECT transfer_id, ts, amount, currency, from_account, "
        "from_bank, to_account, to_bank, channel, ? FROM compared WHERE outcome IS NULL",
        [load_id],
    )
    db.execute(_HOLDERS, {"own": own_bank, "load_id": load_id})
    db.execute(
        "INSERT INTO account_display SELECT DISTINCT k.account, k.display FROM account_keys k "
        "WHERE k.account IS NOT NULL AND k.account <> k.display AND NOT EXISTS "
        "(SELECT 1 FROM account_display d WHERE d.account = k.account)"
    )
    labels = db.execute(
        "INSERT INTO transfer_labels SELECT transfer_id, label FROM compared "
        "WHERE outcome IS NULL AND label IS NOT NULL"
    ).fetchall()[0]
    summary.labels += labels[0]
    counts = dict(
        db.execute(
            "SELECT coalesce(outcome, 'new'), count(*) FROM compared "
            "WHERE outcome IS NULL OR outcome = '=' GROUP BY ALL"
        ).fetchall()
    )
    summary.loaded += counts.get("new", 0)
    summary.unchanged += counts.get("=", 0)
    rejected = db.execute(
        "SELECT line, reason FROM checked WHERE reason IS NOT NULL UNION ALL "
        "SELECT line, outcome FROM compared WHERE outcome IS NOT NULL AND outcome <> '=' "
        "ORDER BY line"
    ).fetchall()
    summary.rejected.extend((int(line), redact_cards(str(reason))) for line, reason in rejected)
    warned = db.execute(
        "SELECT line, warning FROM compared WHERE outcome IS NULL AND warning IS NOT NULL "
        "ORDER BY line"
    ).fetchall()
    summary.warnings.extend((int(line), redact_cards(str(text))) for line, text in warned)
    return int(counts.get("new", 0))
