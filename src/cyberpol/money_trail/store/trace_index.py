"""An in-memory index of all transfers for tracing: accounts as integers, edges sorted by time.

Tracing one victim's money touches a few hundred transfers out of tens of millions; with
every account's outgoing and incoming transfers laid out contiguously in time order, each
step of the walk is two binary searches instead of a query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
       hash(x.transfer_id) AS id_hash, x.transfer_id
FROM transfers x JOIN trace_names f ON f.account = x.from_account
JOIN trace_names t ON t.account = x.to_account
"""


def store_version(store: TransferStore) -> str:
    """Changes whenever transfers are added, so a stale index is noticed."""
    cursor = store.reading()
    try:
        # Account files change no transfer but may settle which bank holds an account.
        count, loads, holders = cursor.execute(
            "SELECT (SELECT count(*) FROM transfers), "
            "(SELECT coalesce(max(load_id), 0) FROM loads), (SELECT count(*) FROM account_holders)"
        ).fetchall()[0]
    finally:
        cursor.close()
    return f"{count}:{loads}:{holders}"


@dataclass
class TraceIndex:
    version: str
    accounts: pa.Array  # account key by id
    banks: pa.Array  # the bank the account is seen at, by id
    transfer_ids: pa.Array  # transfer_id by position
    arrays: dict[str, np.ndarray]

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
        version = store_version(store)
        channels = ", ".join(f"'{c.value}'" for c in CHANNELS)
        cursor = store.reading()
        try:
            cursor.execute(_NAMES_SQL)
            exits = ", ".join(f"'{c.value}'" for c in EXIT_CHANNELS)
            sql = _EDGES_SQL.format(channels=channels, exits=exits, unnamed=UNNAMED_CODE)
            edges = cursor.sql(sql).to_arrow_table()
            names = cursor.sql("SELECT account, bank FROM trace_names ORDER BY id").to_arrow_table()
        finally:
            cursor.close()
        a = {
            name: edges.column(name).to_numpy()
            for name in ("src", "dst", "ts", "amount", "channel", "id_hash")
        }
        n_accounts = names.num_rows
        out_perm = np.lexsort((a["ts"], a["src"])).astype(np.int64)
        in_perm = np.lexsort((a["ts"], a["dst"])).astype(np.int64)
        a["out_perm"], a["in_perm"] = out_perm, in_perm
        a["out_ts"], a["in_ts"] = a["ts"][out_perm], a["ts"][in_perm]
        every = np.arange(n_accounts + 1)
        a["out_start"] = np.searchsorted(a["src"][out_perm], every)
        a["in_start"] = np.searchsorted(a["dst"][in_perm], every)
        a["hash_order"] = np.argsort(a.pop("id_hash"), kind="stable")
        a["sorted_hash"] = edges.column("id_hash").to_numpy()[a["hash_order"]]
        return cls(
            version,
            names.column(0).combine_chunks(),
            names.column(1).combine_chunks(),
            edges.column("transfer_id").combine_chunks(),
            a,
        )

    def save(self, folder: Path) -> None:
        """Write the index next to the store so the next start loads it instead of building."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            np.save(folder / f"{name}.npy", self.arrays[name])
        table = pa.table({"account": self.accounts, "bank": self.banks})
        feather.write_feather(table, folder / "accounts.arrow")
        feather.write_feather(pa.table({"id": self.transfer_ids}), folder / "transfers.arrow")
        (folder / "version.json").write_text(json.dumps({"version": self.version}))

    @classmethod
    def load(cls, folder: Path) -> TraceIndex | None:
        """The saved index, or None when there is none."""
        try:
            version = json.loads((folder / "version.json").read_text())["version"]
            arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
            accounts = feather.read_table(folder / "accounts.arrow", memory_map=True)
            transfers = feather.read_table(folder / "transfers.arrow", memory_map=True)
        except (OSError, KeyError, ValueError):
            return None
        return cls(
            version,
            accounts.column(0).combine_chunks(),
            accounts.column(1).combine_chunks(),
            transfers.column(0).combine_chunks(),
            arrays,
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
