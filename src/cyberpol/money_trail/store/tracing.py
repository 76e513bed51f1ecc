"""Answer "where did this money go?" from the trace index, keeping the index fresh."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from cyberpol.kernel.errors import InvalidInput, NotFound
from cyberpol.money_trail.domain.attribution import LedgerEvent, TraceRequest, Trail, follow_money
from cyberpol.money_trail.store.live_index import LiveIndex
from cyberpol.money_trail.store.trace_index import StoreMarks, TraceIndex, store_marks
from cyberpol.money_trail.store.transfer_store import TransferStore

logger = logging.getLogger(__name__)
# Two tracers over one folder (a test's two runtimes) must not swap it under each other.
_SAVING = threading.Lock()


@dataclass(frozen=True, slots=True)
class TraceOutcome:
    trail: Trail
    index: LiveIndex
    seed_position: int | None
    seed_ts: int
    threshold: float
    truncated: bool
    hubs: frozenset[int]


def rebuild_threshold(main: TraceIndex) -> int:
    """How many new transfers the delta may hold before the main index is rebuilt: 1 % of
    it, at least 10,000 (a delta that small reads in milliseconds), at most 200,000."""
    return min(200_000, max(10_000, main.size // 100))


class Tracer:
    """The trace index of one transfer store: a main index, saved under ``folder``, and a
    delta of what arrived since, rebuilt into the main index in the background."""

    def __init__(
        self,
        store: TransferStore,
        *,
        folder: Path | None,
        rebuild_after: int | None = None,
    ) -> None:
        self.store = store
        self.folder = folder
        self._rebuild_after = rebuild_after
        self._main: TraceIndex | None = None
        self._live: LiveIndex | None = None
        self._lock = threading.Lock()
        self._rebuilding: threading.Thread | None = None

    def index(self) -> LiveIndex:
        """The index as of now: the main index with a delta of the transfers since."""
        marks = store_marks(self.store)
        live = self._live
        if live is not None and live.marks == marks:
            return live
        with self._lock:
            live = self._live
            if live is not None and live.marks == marks:
                return live
            main = self._main or self._saved(marks) or self._build()
            self._main = main
            live = (
                LiveIndex.alone(main) if main.marks == marks else LiveIndex.over(self.store, main)
            )
            self._live = live
        limit = self._rebuild_after
        if live.delta.size > (rebuild_threshold(main) if limit is None else limit):
            self._rebuild_in_background()
        return live

    def rebuild(self) -> TraceIndex:
        """Read every transfer into a new main index now, and use it from the next trace."""
        main = self._build()
        with self._lock:
            self._main, self._live = main, None
        return main

    def wait_for_rebuild(self, timeout: float | None = None) -> None:
        """Return once a background rebuild in progress (if any) has finished."""
        thread = self._rebuilding
        if thread is not None:
            thread.join(timeout)

    def _saved(self, marks: StoreMarks) -> TraceIndex | None:
        """The index saved by an earlier run, if it covers a beginning of this store."""
        saved = TraceIndex.load(self.folder) if self.folder else None
        if saved is None or saved.marks.rows > marks.rows:
            return None
        cursor = self.store.reading()
        try:
            last = cursor.execute(
                "SELECT transfer_id FROM transfers WHERE rowid = ?", [saved.marks.rows - 1]
            ).fetchall()
        finally:
            cursor.close()
        # Another store under the same folder (restored, or loaded anew) has other rows.
        return saved if (last[0][0] if last else None) == saved.last_transfer else None

    def _build(self) -> TraceIndex:
        main = TraceIndex.build(self.store)
        if self.folder:
            with _SAVING:
                main.save(self.folder)
        return main

    def _rebuild_in_background(self) -> None:
        with self._lock:
            if self._rebuilding is not None and self._rebuilding.is_alive():
                return
            self._rebuilding = threading.Thread(
                target=self._rebuild_quietly, name="trace-index-rebuild", daemon=True
            )
            self._rebuilding.start()

    def _rebuild_quietly(self) -> None:
        try:
            self.rebuild()
        except Exception:  # the delta keeps answering; the next trace tries again
            logger.exception("Rebuilding the trace index failed")

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

    def _position(self, index: LiveIndex, transfer_id: str) -> int:
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
    index: LiveIndex,
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
