"""Load transfer files into the transfer store: check every row, keep the good, name the bad."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.money_trail.domain.transfers import (
    TransferChannel,
    TransferLoadSummary,
    normalize_account,
)
from cyberpol.money_trail.store.card_ids import refuse_card_numbers_in_ids
from cyberpol.money_trail.store.formats import detect_format, staging_sql
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.platform.files.tables import file_columns, read_batches

_CHANNELS = ", ".join(f"'{c.value}'" for c in TransferChannel)
_ZONE = r"(Z|z|[+-]\d\d(:?\d\d)?)$"

_CHECKS = f"""
CREATE OR REPLACE TEMP TABLE checked AS
SELECT *, CASE
    WHEN problem IS NOT NULL THEN problem
    WHEN transfer_id IS NULL THEN 'transfer_id is empty'
    WHEN length(transfer_id) > 128 THEN 'transfer_id is longer than 128 characters'
    WHEN ts IS NULL AND ts_text IS NULL THEN 'ts is empty'
    WHEN ts IS NULL THEN 'ts is not an ISO 8601 time: ' || ts_text
    WHEN ts_text IS NOT NULL AND NOT regexp_matches(ts_text, '{_ZONE}')
        THEN 'ts has no time zone (add Z or +05:00): ' || ts_text
    WHEN amount IS NULL THEN 'amount is not a number: ' || coalesce(amount_text, '(empty)')
    WHEN amount <= 0 THEN 'amount must be positive: ' || amount_text
    WHEN currency IS NULL OR NOT regexp_matches(currency, '^[A-Z]{{3}}$')
        THEN 'currency must be a three-letter code: ' || coalesce(currency, '(empty)')
    WHEN channel IS NULL OR channel NOT IN ({_CHANNELS})
        THEN 'channel must be one of {_CHANNELS.replace("'", "")}: '
             || coalesce(channel, '(empty)')
    WHEN from_raw IS NULL THEN 'from_account is empty'
    WHEN to_raw IS NULL THEN 'to_account is empty'
    WHEN from_bank IS NULL THEN 'from_bank is empty'
    WHEN to_bank IS NULL THEN 'to_bank is empty'
END AS reason
FROM staged WHERE NOT skip
"""

_RESOLVED = """
CREATE OR REPLACE TEMP TABLE resolved AS
SELECT c.line, c.transfer_id, c.ts, c.amount, c.currency, f.account AS from_account,
       c.from_bank, t.account AS to_account, c.to_bank, c.channel, c.label,
       CASE WHEN f.problem IS NOT NULL THEN 'from_account: ' || f.problem
            WHEN t.problem IS NOT NULL THEN 'to_account: ' || t.problem END AS reason,
       row_number() OVER (PARTITION BY c.transfer_id ORDER BY c.line) AS copy
FROM checked c
JOIN account_keys f ON f.raw = c.from_raw
JOIN account_keys t ON t.raw = c.to_raw
WHERE c.reason IS NULL
"""

# A transfer_id seen before (in the store or earlier in this file) with the same content
# is a re-send and changes nothing; with other content it is refused, never overwritten.
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
    ELSE 'transfer_id ' || r.transfer_id || ' is already loaded with other content'
END AS outcome
FROM resolved r LEFT JOIN transfers e USING (transfer_id)
"""


class AccountKeys:
    """Raw account text → (key, display, problem), remembered across batches and files."""

    def __init__(self, card_secret: bytes) -> None:
        self._secret = card_secret
        self._known: dict[str, tuple[str | None, str | None, str | None]] = {}

    def resolve(self, db: duckdb.DuckDBPyConnection, raws_sql: str) -> None:
        """Temp table ``account_keys`` (raw, account, display, problem) for the raw texts
        ``raws_sql`` selects."""
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
                    known[raw] = (key, display, None)
                except InvalidInput as exc:
                    known[raw] = (None, None, str(exc))
        rows = [known[raw] for raw in raws]
        return pa.table(
            {
                "raw": pa.array(raws, pa.string()),
                "account": pa.array([r[0] for r in rows], pa.string()),
                "display": pa.array([r[1] for r in rows], pa.string()),
                "problem": pa.array([r[2] for r in rows], pa.string()),
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

    Account attribute files (see ``account_load``) are recognised by their columns.
    """
    from cyberpol.money_trail.store.account_load import account_layout, load_account_file

    columns = file_columns(path)
    found = account_layout(columns)
    if found is not None and layout == "auto":
        return load_account_file(
            store, path, layout=found, accounts=accounts, own_bank=own_bank, on_rows=on_rows
        )
    layout = detect_format(columns, layout)
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
    """Load Arrow batches (with a ``__line`` column) of one layout under one load id."""
    source = redact_cards(source)  # a file name is the sender's free text
    summary = TransferLoadSummary(source=source, layout=layout)
    with store.writing() as db:
        load_id = db.execute(
            "INSERT INTO loads (load_id, source) SELECT coalesce(max(load_id), 0) + 1, ? "
            "FROM loads RETURNING load_id",
            [source],
        ).fetchall()[0][0]
    for raw in batches:
        with store.writing() as db:
            _load_batch(db, raw, layout, accounts, load_id, summary, own_bank)
        if on_rows:
            on_rows(raw.num_rows)
    with store.writing() as db:
        db.execute("UPDATE loads SET rows_loaded = ? WHERE load_id = ?", [summary.loaded, load_id])
    return summary


def _load_batch(
    db: duckdb.DuckDBPyConnection,
    raw: pa.Table,
    layout: str,
    accounts: AccountKeys,
    load_id: int,
    summary: TransferLoadSummary,
    own_bank: str | None,
) -> None:
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
        refuse_card_numbers_in_ids(db)
    if own_bank is not None:
        # A bank reports its own customers' transfers, never other banks' traffic.
        db.execute(
            "UPDATE checked SET reason = 'neither from_bank nor to_bank is ' || $1 "
            "WHERE reason IS NULL AND from_bank <> $1 AND to_bank <> $1",
            [own_bank],
        )
    if own_bank is not None:
        # A bank reports its own customers' transfers, never other banks' traffic.
        db.execute(
            "UPDATE checked SET reason = 'neither from_bank nor to_bank is ' || $1 "
            "WHERE reason IS NULL AND from_bank <> $1 AND to_bank <> $1",
            [own_bank],
        )
    accounts.resolve(
        db,
        "SELECT DISTINCT raw FROM (SELECT from_raw AS raw FROM checked WHERE reason IS NULL "
        "UNION SELECT to_raw FROM checked WHERE reason IS NULL)",
    )
    db.execute(_RESOLVED)
    db.execute(_COMPARED)
    db.execute(
        "INSERT INTO transfers SELECT transfer_id, ts, amount, currency, from_account, "
        "from_bank, to_account, to_bank, channel, ? FROM compared WHERE outcome IS NULL",
        [load_id],
    )
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
