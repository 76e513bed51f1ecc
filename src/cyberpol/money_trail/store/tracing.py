"""Answer "where did this money go?" from the trace index, keeping the index fresh."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from cyberpol.kernel.errors import InvalidInput, NotFound
from cyberpol.money_trail.domain.attribution import LedgerEvent, TraceRequest, Trail, follow_money
from cyberpol.money_trail.store.trace_index import TraceIndex, store_version
from cyberpol.money_trail.store.transfer_store import TransferStore


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
        trail, truncated, hubs = _follow(
            index, request, seed_account, seed_ts, amount, threshold, exclude=position
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


def _follow(
    index: TraceIndex,
    request: TraceRequest,
    seed_account: int,
    seed_ts: int,
    amount: float,
    threshold: float,
    *,
    exclude: int | None,
) -> tuple[Trail, bool, frozenset[int]]:
    """Sweep, then load the ledgers of the accounts the money reached, until none is new.

    Only accounts that actually received the victim's money (at least ``threshold`` of it)
    matter: accounts it never reaches cannot change what is attributed, so loading just
    these gives the answer a sweep over every reachable account would, at a fraction of
    the work (a walk that ignores amounts reaches thousands of accounts in ten hops).
    """
    window = request.window
    loaded: dict[int, int] = {}  # account -> its ledger is loaded up to this moment
    opening: dict[int, float] = {}
    events: dict[int, LedgerEvent] = {}
    hubs: set[int] = set()
    truncated = False
    wanted = {seed_account: (seed_ts, 1)}
    trail: Trail | None = None
    while True:
        grew = False
        for account, (last_in, hop) in wanted.items():
            until = last_in + window
            if account in hubs or loaded.get(account, -1) >= until or hop > request.max_hops:
                continue
            if account not in loaded and len(loaded) >= request.max_accounts:
                truncated = True
                continue
            if index.ledger_size(account, seed_ts, until) > request.max_ledger:
                hubs.add(account)
                continue
            if account not in opening:
                opening[account] = index.balance_before(account, seed_ts - window, seed_ts)
            for position in index.ledger_events(account, seed_ts, until):
                if position not in events and position != exclude:
                    events[position] = index.event(position)
            loaded[account] = until
            grew = True
        if trail is not None and not grew:
            return trail, truncated, frozenset(hubs)
        trail = follow_money(
            seed_account=seed_account,
            seed_ts=seed_ts,
            seed_amount=amount,
            events=list(events.values()),
            opening=opening,
            window=window,
            method=request.method,
            threshold=threshold,
        )
        if not grew:
            return trail, truncated, frozenset(hubs)
        wanted = {n: (a.last_in, a.hop) for n, a in trail.accounts.items() if a.last_in is not None}
