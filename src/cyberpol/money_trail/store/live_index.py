"""The trace index as of now: the main index plus a small delta of the transfers since.

Rebuilding the main index reads every transfer (seconds per ten million), so transfers
that arrive after it go into a delta laid out the same way; lookups read both. The answer
is the one a full rebuild gives: accounts new in the delta take ids after the main
index's (ids are only names inside a trace), positions follow arrival in both parts, and
an opening balance adds its transfers in the order a full index would.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cyberpol.money_trail.domain.attribution import LedgerEvent
from cyberpol.money_trail.store.trace_index import (
    StoreMarks,
    TraceIndex,
    edges_sql,
    read_marks,
    recent_holders,
)
from cyberpol.money_trail.store.transfer_store import TransferStore

# The accounts the new transfers name, with the least bank they name and the bank holding
# them. The bank shown follows the main index's ``_NAMES_SQL`` rule over old and new
# transfers together: the holder's, else the least named (a holder, once recorded, never
# changes).
_SEEN_SQL = """
SELECT s.account, s.bank, h.bank AS holder FROM (
    SELECT account, min(nullif(bank, '')) AS bank FROM (
        SELECT from_account AS account, from_bank AS bank FROM transfers WHERE rowid >= $since
        UNION ALL
        SELECT to_account, to_bank FROM transfers WHERE rowid >= $since) GROUP BY account) s
LEFT JOIN account_holders h ON h.account = s.account
ORDER BY s.account
"""
# Holders recorded since the main index: by the loads from its last one on, or by account
# files (no load). When the counts show others (a load that was still running), all.
_NEW_HOLDERS_SQL = """
SELECT account, bank FROM account_holders
WHERE $all OR load_id IS NULL OR load_id >= $loads
"""


class _Joined:
    """A column by id across the main index and the delta (``column[i].as_py()`` works)."""

    def __init__(self, main: pa.Array, extra: pa.Array, changed: dict[int, str]) -> None:
        self._main, self._extra, self._changed = main, extra, changed

    def __len__(self) -> int:
        return len(self._main) + len(self._extra)

    def __getitem__(self, number: int) -> pa.Scalar:
        if number in self._changed:
            return pa.scalar(self._changed[number], pa.string())
        known = len(self._main)
        return self._main[number] if number < known else self._extra[number - known]


class _Targets:
    """``dst`` by position across both parts."""

    def __init__(self, main: np.ndarray, extra: np.ndarray) -> None:
        self._main, self._extra = main, extra

    def __getitem__(self, position: int) -> int:
        known = len(self._main)
        return int(self._main[position] if position < known else self._extra[position - known])


@dataclass(frozen=True)
class LiveIndex:
    """The main index and the delta above its marks, read as one index."""

    marks: StoreMarks
    main: TraceIndex
    delta: TraceIndex  # global account ids; its ``accounts`` are only the new ones
    changed_banks: dict[int, str]

    @classmethod
    def over(cls, store: TransferStore, main: TraceIndex) -> LiveIndex:
        """``main`` with every transfer that arrived after it; milliseconds for thousands."""
        known = len(main.accounts)
        cursor = store.reading()
        try:
            cursor.execute("BEGIN TRANSACTION")
            marks = read_marks(cursor)
            seen = cursor.execute(_SEEN_SQL, {"since": main.marks.rows}).fetchall()
            names = _names(main, seen)
            cursor.register("delta_names", names)
            cursor.execute("CREATE OR REPLACE TEMP TABLE trace_names AS FROM delta_names")
            cursor.unregister("delta_names")
            edges = cursor.sql(edges_sql(since=main.marks.rows)).to_arrow_table()
            recent = recent_holders(cursor, main.marks.loads)
            expected = main.recent_holders + marks.holders - main.marks.holders
            holders = cursor.execute(
                _NEW_HOLDERS_SQL, {"all": recent != expected, "loads": main.marks.loads}
            ).fetchall()
            cursor.execute("COMMIT")
        finally:
            cursor.close()
        fresh = names.filter(pc.greater_equal(names.column("id"), known))
        changed = _changed_banks(main, names, holders)
        delta = TraceIndex.laid_out(
            marks,
            fresh.column("account").combine_chunks(),
            fresh.column("bank").combine_chunks(),
            edges,
            accounts_total=known + fresh.num_rows,
        )
        return cls(marks, main, delta, changed)

    @classmethod
    def alone(cls, main: TraceIndex) -> LiveIndex:
        """``main`` when nothing arrived after it."""
        empty = pa.table(
            {
                "src": pa.array([], pa.int32()),
                "dst": pa.array([], pa.int32()),
                "ts": pa.array([], pa.int64()),
                "amount": pa.array([], pa.float64()),
                "channel": pa.array([], pa.int8()),
                "id_hash": pa.array([], pa.uint64()),
                "transfer_id": pa.array([], pa.string()),
                "arrival": pa.array([], pa.int64()),
            }
        )
        none = pa.array([], pa.string())
        total = len(main.accounts)
        delta = TraceIndex.laid_out(main.marks, none, none, empty, accounts_total=total)
        return cls(main.marks, main, delta, {})

    # ------------------------------------------------------- what trace_view reads

    @property
    def size(self) -> int:
        return self.main.size + self.delta.size

    @property
    def accounts(self) -> _Joined:
        return _Joined(self.main.accounts, self.delta.accounts, {})

    @property
    def banks(self) -> _Joined:
        return _Joined(self.main.banks, self.delta.banks, self.changed_banks)

    @property
    def transfer_ids(self) -> _Joined:
        return _Joined(self.main.transfer_ids, self.delta.transfer_ids, {})

    @property
    def dst(self) -> _Targets:
        return _Targets(self.main.arrays["dst"], self.delta.arrays["dst"])

    # ------------------------------------------------------------------ lookups

    def position_of(self, transfer_id: str, id_hash: int) -> int | None:
        """Where ``transfer_id`` sits; ``id_hash`` is DuckDB's hash() of it."""
        found = self.main.position_of(transfer_id, id_hash)
        if found is not None:
            return found
        found = self.delta.position_of(transfer_id, id_hash)
        return None if found is None else self.main.size + found

    def account_id(self, account: str) -> int | None:
        """The integer id of ``account`` in either part."""
        found = self.main.account_id(account)
        if found is not None:
            return found
        found = self.delta.account_id(account)
        return None if found is None else len(self.main.accounts) + found

    def _parts(self, account: int) -> list[tuple[TraceIndex, int]]:
        """The parts that may hold ``account``'s transfers, each with its first position."""
        parts = [(self.delta, self.main.size)] if self.delta.size else []
        if account < len(self.main.accounts):
            parts.insert(0, (self.main, 0))
        return parts

    def ledger_size(self, account: int, since: int, until: int) -> int:
        """How many transfers go into or out of ``account`` with since <= ts <= until."""
        return sum(part.ledger_size(account, since, until) for part, _ in self._parts(account))

    def ledger_events(self, account: int, since: int, until: int) -> list[int]:
        """Positions of transfers into or out of ``account`` with since <= ts <= until."""
        found: list[int] = []
        for part, first in self._parts(account):
            found.extend(first + position for position in part.ledger_events(account, since, until))
        return found

    def balance_before(self, account: int, since: int, until: int) -> float:
        """Money in minus money out in [since, until), floored at zero, summed in the order
        of a full index (time, then arrival) so the float is the one a rebuild gives."""
        parts = self._parts(account)
        if len(parts) == 1:
            return parts[0][0].balance_before(account, since, until)
        total = 0.0
        for direction, sign in (("in", 1.0), ("out", -1.0)):
            amounts, times = [], []
            for part, _ in parts:
                perm, a, b = part._span(direction, account, since, until, upto="left")
                amounts.append(part.arrays["amount"][perm[a:b]])
                times.append(part.arrays[f"{direction}_ts"][a:b])
            if sum(len(t) for t in times):
                order = np.argsort(np.concatenate(times), kind="stable")
                total += sign * float(np.concatenate(amounts)[order].sum())
        return max(total, 0.0)

    def event(self, position: int) -> LedgerEvent:
        if position < self.main.size:
            return self.main.event(position)
        found = self.delta.event(position - self.main.size)
        return LedgerEvent(
            ts=found.ts,
            position=position,
            source=found.source,
            target=found.target,
            amount=found.amount,
            exit=found.exit,
        )


def _least(a: str | None, b: str | None) -> str | None:
    """The lesser bank named, where an unknown bank (None) names nothing."""
    return b if a is None else a if b is None else min(a, b)


def _names(main: TraceIndex, seen: list[tuple[str, str | None, str | None]]) -> pa.Table:
    """(account, bank, id) of the accounts the new transfers name; new ones numbered after
    the main index's in key order (``seen`` is sorted by key)."""
    ids = main.ids_of([account for account, _, _ in seen])
    known = len(main.accounts)
    fresh = np.cumsum(ids < 0) - 1 + known
    ids = np.where(ids < 0, fresh, ids)
    banks = [
        holder or (bank if number >= known else _least(bank, main.banks[number].as_py()))
        for (_, bank, holder), number in zip(seen, ids.tolist(), strict=True)
    ]
    return pa.table(
        {
            "account": pa.array([account for account, _, _ in seen], pa.string()),
            "bank": pa.array(banks, pa.string()),
            "id": pa.array(ids, pa.int32()),
        }
    )


def _changed_banks(
    main: TraceIndex, names: pa.Table, holders: list[tuple[str, str]]
) -> dict[int, str]:
    """Main-index accounts now shown at another bank: named by new transfers, or given a
    holder since."""
    known = len(main.accounts)
    changed: dict[int, str] = {}
    for number, bank in zip(
        names.column("id").to_pylist(), names.column("bank").to_pylist(), strict=True
    ):
        if number < known and bank != main.banks[number].as_py():
            changed[number] = bank
    named = set(names.column("account").to_pylist())
    others = [(account, bank) for account, bank in holders if account not in named]
    ids = main.ids_of([account for account, _ in others]).tolist()
    for (_, bank), number in zip(others, ids, strict=True):
        if number >= 0 and bank != main.banks[number].as_py():
            changed[number] = bank
    return changed
