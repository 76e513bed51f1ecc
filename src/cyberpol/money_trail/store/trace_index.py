"""An in-memory index of all transfers for tracing: accounts as integers, edges sorted by time.

Tracing one victim's money touches a few hundred transfers out of tens of millions; with
every account's outgoing and incoming transfers laid out contiguously in time order, each
step of the walk is two binary searches instead of a query.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.feather as feather

from cyberpol.money_trail.domain.attribution import Ending, LedgerEvent
from cyberpol.money_trail.domain.transfers import EXIT_CHANNELS, TransferChannel
from cyberpol.money_trail.store.transfer_store import TransferStore

CHANNELS = tuple(TransferChannel)
# Money paid to ``outside:`` (a counterparty the data does not name) leaves like an exit.
UNNAMED_CODE = len(CHANNELS)
_EXIT_BY_CODE = {
    CHANNELS.index(TransferChannel.CASH_OUT): Ending.CASH_OUT,
    CHANNELS.index(TransferChannel.CRYPTO): Ending.CRYPTO,
    CHANNELS.index(TransferChannel.FOREIGN): Ending.FOREIGN,
    UNNAMED_CODE: Ending.UNNAMED,
}
_ARRAYS: tuple[str, ...] = ("src", "dst", "ts", "amount", "channel", "sorted_hash", "out_perm")
_ARRAYS += ("out_start", "out_ts", "in_perm", "in_start", "in_ts", "hash_order")

# Account ids are positions in the sorted account list, so one table serves the join
# below and the id -> account lookup the index keeps. An account's bank is the bank that
# holds it (``account_holders``); only an account no bank has reported as its own is shown
# at the bank its counterparties name.
_NAMES_SQL = """
CREATE OR REPLACE TEMP TABLE trace_names AS
SELECT n.account, coalesce(h.bank, n.bank) AS bank,
       CAST(row_number() OVER (ORDER BY n.account) - 1 AS INTEGER) AS id
FROM (SELECT account, min(nullif(bank, '')) AS bank FROM (
        SELECT from_account AS account, from_bank AS bank FROM transfers
        UNION ALL SELECT to_account, to_bank FROM transfers) GROUP BY account) n
LEFT JOIN account_holders h ON h.account = n.account
"""
_EDGES_SQL = """
SELECT f.id AS src, t.id AS dst, CAST(epoch(x.ts) AS BIGINT) AS ts,
       CAST(x.amount AS DOUBLE) AS amount,
       CAST(CASE WHEN x.to_account LIKE 'outside:%' AND x.channel NOT IN ({exits})
                 THEN {unnamed} ELSE list_position([{channels}], x.channel) - 1 END
            AS TINYINT) AS channel,
       hash(x.transfer_id) AS id_hash, x.transfer_id, x.rowid AS arrival
FROM transfers x JOIN trace_names f ON f.account = x.from_account
JOIN trace_names t ON t.account = x.to_account
WHERE x.rowid >= {since}
"""


# Transfers are only ever appended, so a row's rowid is its place in arrival order: an
# index covers the rows below a mark and anything above it is new.
_MARKS_SQL = """
SELECT (SELECT count(*) FROM transfers), (SELECT coalesce(max(load_id), 0) FROM loads),
       (SELECT count(*) FROM account_holders)
"""


@dataclass(frozen=True, slots=True)
class StoreMarks:
    """How far the store had got: transfers (rowids below ``rows``), loads, bank holders."""

    rows: int
    loads: int
    holders: int


def store_marks(store: TransferStore) -> StoreMarks:
    """The store's marks now; they change whenever transfers or account holders arrive."""
    cursor = store.reading()
    try:
        return read_marks(cursor)
    finally:
        cursor.close()


def read_marks(cursor: duckdb.DuckDBPyConnection) -> StoreMarks:
    rows, loads, holders = cursor.execute(_MARKS_SQL).fetchall()[0]
    return StoreMarks(int(rows), int(loads), int(holders))


def recent_holders(cursor: duckdb.DuckDBPyConnection, loads: int) -> int:
    """Holders recorded by load ``loads`` or later, or by account files (no load)."""
    found = cursor.execute(
        "SELECT count(*) FROM account_holders WHERE load_id IS NULL OR load_id >= ?", [loads]
    ).fetchall()
    return int(found[0][0])


def edges_sql(*, since: int) -> str:
    """The query of the transfers from rowid ``since`` on, over ``trace_names``."""
    return _EDGES_SQL.format(
        channels=", ".join(f"'{c.value}'" for c in CHANNELS),
        exits=", ".join(f"'{c.value}'" for c in EXIT_CHANNELS),
        unnamed=UNNAMED_CODE,
        since=since,
    )


@dataclass
class TraceIndex:
    marks: StoreMarks
    accounts: pa.Array  # account key by id
    banks: pa.Array  # the bank the account is seen at, by id
    transfer_ids: pa.Array  # transfer_id by position
    arrays: dict[str, np.ndarray]
    last_transfer: str | None = None  # the transfer_id at rowid marks.rows - 1
    recent_holders: int = 0  # see ``recent_holders``, at marks.loads
    _keys: np.ndarray | None = field(default=None, repr=False)  # accounts, for ids_of

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.arrays[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def size(self) -> int:
        return len(self.arrays["src"])

    @classmethod
    def build(cls, store: TransferStore) -> TraceIndex:
        """Read every transfer once and lay the index out; seconds per ten million."""
        cursor = store.reading()
        try:
            # One snapshot: loads committing meanwhile land wholly above the marks.
            cursor.execute("BEGIN TRANSACTION")
            marks = read_marks(cursor)
            cursor.execute(_NAMES_SQL)
            edges = cursor.sql(edges_sql(since=0))
            table = edges.to_arrow_table()
            names = cursor.sql("SELECT account, bank FROM trace_names ORDER BY id").to_arrow_table()
            last = cursor.execute(
                "SELECT transfer_id FROM transfers WHERE rowid = ?", [marks.rows - 1]
            ).fetchall()
            recent = recent_holders(cursor, marks.loads)
            cursor.execute("COMMIT")
        finally:
            cursor.close()
        return cls.laid_out(
            marks,
            names.column(0).combine_chunks(),
            names.column(1).combine_chunks(),
            table,
            accounts_total=names.num_rows,
            last_transfer=last[0][0] if last else None,
            recent_holders=recent,
        )

    @classmethod
    def laid_out(
        cls,
        marks: StoreMarks,
        accounts: pa.Array,
        banks: pa.Array,
        edges: pa.Table,
        *,
        accounts_total: int,
        last_transfer: str | None = None,
        recent_holders: int = 0,
    ) -> TraceIndex:
        """The index of ``edges`` (as ``_EDGES_SQL`` gives them), positions in arrival order.

        Positions break ties between transfers at the same second, so they follow arrival
        (rowid), which a join does not keep: the same store always gives the same order.
        """
        arrival = edges.column("arrival").to_numpy()
        if len(arrival) > 1 and not bool(np.all(arrival[1:] > arrival[:-1])):
            edges = edges.take(pa.array(np.argsort(arrival, kind="stable")))
        a = {
            name: edges.column(name).to_numpy()
            for name in ("src", "dst", "ts", "amount", "channel", "id_hash")
        }
        out_perm = np.lexsort((a["ts"], a["src"])).astype(np.int64)
        in_perm = np.lexsort((a["ts"], a["dst"])).astype(np.int64)
        a["out_perm"], a["in_perm"] = out_perm, in_perm
        a["out_ts"], a["in_ts"] = a["ts"][out_perm], a["ts"][in_perm]
        every = np.arange(accounts_total + 1)
        a["out_start"] = np.searchsorted(a["src"][out_perm], every)
        a["in_start"] = np.searchsorted(a["dst"][in_perm], every)
        hashes = a.pop("id_hash")
        a["hash_order"] = np.argsort(hashes, kind="stable")
        a["sorted_hash"] = hashes[a["hash_order"]]
        transfer_ids = edges.column("transfer_id").combine_chunks()
        return cls(marks, accounts, banks, transfer_ids, a, last_transfer, recent_holders)

    def save(self, folder: Path) -> None:
        """Write the index next to the store so the next start loads it instead of building.

        Written beside the folder and swapped in by renames: a process may still read the
        old files through memory maps, which stay valid once unlinked but not truncated.
        """
        fresh = folder.with_name(f"{folder.name}.new")
        stale = folder.with_name(f"{folder.name}.old")
        for leftover in (fresh, stale):
            shutil.rmtree(leftover, ignore_errors=True)
        fresh.mkdir(parents=True)
        for name in _ARRAYS:
            np.save(fresh / f"{name}.npy", self.arrays[name])
        table = pa.table({"account": self.accounts, "bank": self.banks})
        feather.write_feather(table, fresh / "accounts.arrow")
        feather.write_feather(pa.table({"id": self.transfer_ids}), fresh / "transfers.arrow")
        marks = {
            "marks": asdict(self.marks),
            "last_transfer": self.last_transfer,
            "recent_holders": self.recent_holders,
        }
        (fresh / "version.json").write_text(json.dumps(marks))
        if folder.exists():
            folder.rename(stale)
        fresh.rename(folder)
        shutil.rmtree(stale, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> TraceIndex | None:
        """The saved index, or None when there is none (or one from an older release)."""
        try:
            saved = json.loads((folder / "version.json").read_text())
            marks = StoreMarks(**saved["marks"])
            arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
            accounts = feather.read_table(folder / "accounts.arrow", memory_map=True)
            transfers = feather.read_table(folder / "transfers.arrow", memory_map=True)
        except (OSError, KeyError, TypeError, ValueError):
            return None
        return cls(
            marks,
            accounts.column(0).combine_chunks(),
            accounts.column(1).combine_chunks(),
            transfers.column(0).combine_chunks(),
            arrays,
            saved.get("last_transfer"),
            int(saved.get("recent_holders", 0)),
        )

    # ------------------------------------------------------------------ lookups

    def position_of(self, transfer_id: str, id_hash: int) -> int | None:
        """Where ``transfer_id`` sits; ``id_hash`` is DuckDB's hash() of it."""
        hashes, order = self.arrays["sorted_hash"], self.arrays["hash_order"]
        lo = int(np.searchsorted(hashes, np.uint64(id_hash)))
        while lo < len(order) and int(hashes[lo]) == id_hash:
            position = int(order[lo])
            if self.transfer_ids[position].as_py() == transfer_id:
                return position
            lo += 1
        return None

    def ids_of(self, accounts: list[str]) -> np.ndarray:
        """The ids of ``accounts`` (-1 where unknown), by binary search over the sorted keys."""
        if self._keys is None:
            self._keys = self.accounts.to_numpy(zero_copy_only=False)
        keys = self._keys
        wanted = np.array(accounts, dtype=object)
        found = np.searchsorted(keys, wanted).clip(max=max(len(keys) - 1, 0))
        if not len(keys):
            return np.full(len(accounts), -1, dtype=np.int64)
        return np.where(keys[found] == wanted, found, -1).astype(np.int64)

    def account_id(self, account: str) -> int | None:
        """The integer id of ``account``, by binary search over the sorted keys."""
        keys = self.accounts
        lo, hi = 0, len(keys)
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[mid].as_py() < account:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(keys) and keys[lo].as_py() == account else None

    def _span(
        self,
        direction: str,
        account: int,
        since: int,
        until: int,
        *,
        upto: Literal["left", "right"] = "right",
    ) -> tuple[np.ndarray, int, int]:
        """``direction``'s permutation and the slice of ``account``'s transfers in the time
        range: since <= ts <= until (``upto="right"``) or since <= ts < until (``"left"``)."""
        perm = self.arrays[f"{direction}_perm"]
        start, times = self.arrays[f"{direction}_start"], self.arrays[f"{direction}_ts"]
        lo, hi = int(start[account]), int(start[account + 1])
        a = lo + int(np.searchsorted(times[lo:hi], since, "left"))
        b = lo + int(np.searchsorted(times[lo:hi], until, upto))
        return perm, a, b

    def ledger_size(self, account: int, since: int, until: int) -> int:
        """How many transfers go into or out of ``account`` with since <= ts <= until."""
        total = 0
        for direction in ("out", "in"):
            _, a, b = self._span(direction, account, since, until)
            total += b - a
        return total

    def ledger_events(self, account: int, since: int, until: int) -> list[int]:
        """Positions of transfers into or out of ``account`` with since <= ts <= until."""
        found: list[int] = []
        for direction in ("out", "in"):
            perm, a, b = self._span(direction, account, since, until)
            found.extend(perm[a:b].tolist())
        return found

    def balance_before(self, account: int, since: int, until: int) -> float:
        """Money in minus money out in [since, until), floored at zero (older funds unseen)."""
        total = 0.0
        for direction, sign in (("in", 1.0), ("out", -1.0)):
            perm, a, b = self._span(direction, account, since, until, upto="left")
            if b > a:
                total += sign * float(self.arrays["amount"][perm[a:b]].sum())
        return max(total, 0.0)

    def event(self, position: int) -> LedgerEvent:
        a = self.arrays
        return LedgerEvent(
            ts=int(a["ts"][position]),
            position=position,
            source=int(a["src"][position]),
            target=int(a["dst"][position]),
            amount=float(a["amount"][position]),
            exit=_EXIT_BY_CODE.get(int(a["channel"][position])),
        )
