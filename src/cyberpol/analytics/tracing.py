"""Answer "where did this money go?" from the trace index, keeping the index fresh."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from cyberpol.analytics.trace_index import TraceIndex, store_version
from cyberpol.analytics.transfer_store import TransferStore
from cyberpol.domain.errors import InvalidInput, NotFound
from cyberpol.domain.money_trail import TraceRequest, Trail, follow_money


@dataclass(frozen=True, slots=True)
class TraceOutcome:
    trail: Trail
    index: TraceIndex
    seed_position: int | None
    seed_ts: int
    threshold: float
    truncated: bool
    hubs: frozenset[int]


class Tracer:
    """The trace index of one transfer store, rebuilt when the store has changed."""

    def __init__(self, store: TransferStore, *, folder: Path | None) -> None:
        self.store = store
        self.folder = folder
        self._index: TraceIndex | None = None
        self._lock = threading.Lock()

    def index(self) -> TraceIndex:
        """The current index: loaded from disk, or rebuilt if transfers arrived since."""
        version = store_version(self.store)
        current = self._index
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._index is not None and self._index.version == version:
                return self._index
            saved = TraceIndex.load(self.folder) if self.folder else None
            if saved is not None and saved.version == version:
                self._index = saved
            else:
                self._index = TraceIndex.build(self.store)
                if self.folder:
                    self._index.save(self.folder)
            return self._index

    def trace(self, request: TraceRequest) -> TraceOutcome:
        """Follow the money of one transfer (or one account from a moment) forward."""
        if request.window <= 0:
            raise InvalidInput("The window must be positive")
        index = self.index()
        position = None
        if request.transfer_id is not None:
            position = self._position(index, request.transfer_id)
            event = index.event(position)
            seed_account, seed_ts, amount = event.target, event.ts, event.amount
            if event.exit is not None:
                raise InvalidInput(
                    f"Transfer {request.transfer_id} left the banks ({event.exit.value}); "
                    "there is nothing to trace after it"
                )
        else:
            if request.account is None or request.ts is None or not request.amount:
                raise InvalidInput("Give a transfer_id, or an account with a time and an amount")
            found = index.account_id(request.account)
            if found is None:
                raise NotFound(f"No transfers of account {request.account!r}")
            seed_account, seed_ts, amount = found, request.ts, float(request.amount)
        if amount <= 0:
            raise InvalidInput("The amount to trace must be positive")
        threshold = request.threshold if request.threshold is not None else amount * 0.01
        events, opening, truncated, hubs = _candidate_events(
            index, seed_account, seed_ts, request, threshold
        )
        if position is not None:  # the seed arrives once, as the victim's money
            events = [e for e in events if e.position != position]
        trail = follow_money(
            seed_account=seed_account,
            seed_ts=seed_ts,
            seed_amount=amount,
            events=events,
            opening=opening,
            window=request.window,
            method=request.method,
            threshold=threshold,
        )
        return TraceOutcome(trail, index, position, seed_ts, threshold, truncated, hubs)

    def _position(self, index: TraceIndex, transfer_id: str) -> int:
        cursor = self.store.reading()
        try:
            id_hash = cursor.execute("SELECT hash(?)", [transfer_id]).fetchall()[0][0]
        finally:
            cursor.close()
        position = index.position_of(transfer_id, int(id_hash))
        if position is None:
            raise NotFound(f"No transfer {transfer_id!r} in the transfer store")
        return position


def _candidate_events(index, seed_account, seed_ts, request, threshold):  # type: ignore[no-untyped-def]
    """Every account the money could reach (ignoring amounts) and the transfers it needs."""
    window = request.window
    first = {seed_account: seed_ts}
    last = {seed_account: seed_ts}
    hop = {seed_account: 1}
    pending = [seed_account]
    truncated = False
    hubs: set[int] = set()
    while pending:
        account = pending.pop()
        if hop[account] > request.max_hops or account in hubs:
            continue
        if index.ledger_size(account, seed_ts, last[account] + window) > request.max_ledger:
            hubs.add(account)
            continue
        for position in index.reachable_outflows(
            account, first[account], last[account] + window, threshold
        ).tolist():
            target, ts = int(index.dst[position]), int(index.ts[position])
            if target not in first:
                if len(first) >= request.max_accounts:
                    truncated = True
                    continue
                first[target] = last[target] = ts
                hop[target] = hop[account] + 1
                pending.append(target)
            elif ts > last[target]:
                last[target] = ts
                pending.append(target)
    positions: set[int] = set()
    opening = {}
    for account, arrived in last.items():
        if account not in hubs:
            positions.update(index.ledger_events(account, seed_ts, arrived + window))
            opening[account] = index.balance_before(account, seed_ts - window, seed_ts)
    return [index.event(p) for p in positions], opening, truncated, frozenset(hubs)
