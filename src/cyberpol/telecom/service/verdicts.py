"""Verdicts on calls for operators' switches, the roaming view they rely on, and the count
of calls blocked.

The caller lists live in memory (``VerdictBook``) so a verdict costs set lookups: changes
made in this process reach them at once; changes made by another process (a console
import into the same database) within ``RECHECK_S``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import Forbidden, InvalidInput
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.registry.domain import IndicatorStatus
from cyberpol.registry.service import RegistryService
from cyberpol.telecom.domain.records import normalize_call_number, operator_of
from cyberpol.telecom.domain.verdicts import (
    KAZAKH_PREFIX,
    BlockedAttempt,
    BlockTally,
    CallAttempt,
    CallerLists,
    CallVerdict,
    blocked_attempts,
    check_attempt,
    judge,
)
from cyberpol.telecom.ports import CallRecords, TelecomUnitOfWork

RECHECK_S = 1.0
# Blocks are counted in memory and written once a second (and when read, and when the server
# stops): a database commit per blocked call would cap a switch at a few hundred calls a
# second. A crash loses at most the last second's counts, never a verdict.
FLUSH_S = 1.0
MAX_VERDICTS_PER_REQUEST = 10_000
MAX_ROAMING_PER_REQUEST = 10_000
_REGISTRY = (IndicatorStatus.CONFIRMED, IndicatorStatus.BLOCKED, IndicatorStatus.DISMISSED)


@dataclass
class VerdictBook:
    """The caller lists and the roaming view, in memory, refreshed when their sources move."""

    uow: Callable[[], TelecomUnitOfWork]
    registry: RegistryService
    calls: Callable[[], CallRecords]
    _lists: CallerLists | None = None
    _roaming: set[str] = field(default_factory=set)
    _stamp: tuple[str, str] | None = None
    _checked: float = float("-inf")
    # Changes asked for and the last one a rebuild has taken in: a change made while a
    # rebuild reads its sources still counts as not taken in, so it is never lost.
    _wanted: int = 1
    _built: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> tuple[CallerLists, set[str]]:
        """The lists and the roaming view to judge with now."""
        if self._built != self._wanted or self._lists is None:
            with self._lock:
                if self._built != self._wanted or self._lists is None:
                    self._refresh(force=True)
        elif time.monotonic() - self._checked > RECHECK_S and self._lock.acquire(blocking=False):
            # A thread of its own looks at the sources; requests go on with what is held
            # (the verdict endpoint runs on the event loop, which must not wait on a query).
            self._checked = time.monotonic()
            threading.Thread(target=self._recheck, daemon=True).start()
        assert self._lists is not None
        return self._lists, self._roaming

    def _recheck(self) -> None:
        try:
            self._refresh(force=False)
        finally:
            self._lock.release()

    def changed(self) -> None:
        """Something the lists come from changed in this process: rebuild before the next use."""
        self._wanted += 1

    def roaming_changed(self, numbers: Sequence[str], roaming: bool) -> None:
        # Under the lock: a rebuild reading the view whole must not miss this change.
        with self._lock:
            if self._lists is None:
                return  # read whole on first use
            for number in numbers:
                if roaming:
                    self._roaming.add(number)
                else:
                    self._roaming.discard(number)

    def _sources_stamp(self) -> tuple[str, str]:
        with self.uow() as uow:
            protected = uow.protected.stamp()
        return protected, self.registry.status_stamp(statuses=_REGISTRY)

    def _refresh(self, *, force: bool) -> None:
        wanted = self._wanted
        force = force or wanted != self._built  # a change asked for: reread all, roaming too
        stamp = self._sources_stamp()
        if force or stamp != self._stamp:
            with self.uow() as uow:
                protected = uow.protected.numbers()
            known = self.registry.values_with_status(
                kind=IndicatorKind.PHONE,
                statuses=(IndicatorStatus.CONFIRMED, IndicatorStatus.BLOCKED),
            )
            store = self.calls()
            self._lists = CallerLists(
                protected=frozenset(protected),
                registry_blocked=frozenset(known[IndicatorStatus.BLOCKED]),
                registry_confirmed=frozenset(known[IndicatorStatus.CONFIRMED]),
                simbox=frozenset(store.simbox_numbers()),
            )
            if force:
                self._roaming = store.roaming_numbers()
            self._stamp = stamp
            self._built = wanted
        self._checked = time.monotonic()


@dataclass
class BlockCounter:
    """Blocked calls counted in memory, written to the tallies at most ``FLUSH_S`` apart."""

    uow: Callable[[], TelecomUnitOfWork]
    _pending: dict[tuple[str, BlockedAttempt], int] = field(default_factory=dict)
    _written: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _writing: threading.Lock = field(default_factory=threading.Lock)

    def add(self, operator: str, counts: dict[BlockedAttempt, int]) -> None:
        with self._lock:
            for key, count in counts.items():
                self._pending[(operator, key)] = self._pending.get((operator, key), 0) + count
            due = time.monotonic() - self._written > FLUSH_S
            if due:
                self._written = time.monotonic()
        if due:  # written by a thread of its own: the caller may be the event loop
            threading.Thread(target=self.flush, daemon=True).start()

    def flush(self) -> None:
        """Write what is counted so far (after any write already under way)."""
        with self._writing:
            self._write()

    def _write(self) -> None:
        with self._lock:
            taken, self._pending = self._pending, {}
            self._written = time.monotonic()
        if not taken:
            return
        by_operator: dict[str, dict[BlockedAttempt, int]] = {}
        for (operator, attempt), count in taken.items():
            by_operator.setdefault(operator, {})[attempt] = count
        try:
            with self.uow() as unit:
                for operator in sorted(by_operator):
                    unit.call_blocks.add(operator, by_operator[operator])
                unit.commit()
        except BaseException:
            with self._lock:  # kept for the next try
                for pending, count in taken.items():
                    self._pending[pending] = self._pending.get(pending, 0) + count
            raise


def asker(actor: Actor) -> str:
    """Whom blocked calls are counted for: the operator, or the console."""
    actor.require(Permission.ASK_CALL_VERDICTS)
    operator = operator_of(actor)
    if operator is not None:
        return operator
    return actor.role.value.upper() if actor.role else actor.name.upper()[:32]


def call_verdicts(
    *,
    book: VerdictBook,
    counter: BlockCounter,
    operator: str,
    attempts: Sequence[CallAttempt],
    now: datetime,
) -> list[CallVerdict]:
    """Judge the calls in order and count the blocks in the same breath."""
    if not 1 <= len(attempts) <= MAX_VERDICTS_PER_REQUEST:
        raise InvalidInput(f"Ask about 1 to {MAX_VERDICTS_PER_REQUEST} calls at a time.")
    for place, attempt in enumerate(attempts, start=1):
        try:
            check_attempt(attempt)
        except InvalidInput as exc:
            raise InvalidInput(f"call {place}: {exc}") from None
    lists, roaming = book.current()
    verdicts = judge(attempts, lists, roaming)
    counts = blocked_attempts(attempts, verdicts, now)
    if counts:
        counter.add(operator, counts)
    return verdicts


def set_roaming(
    *,
    book: VerdictBook,
    calls: CallRecords,
    actor: Actor,
    numbers: Sequence[str],
    roaming: bool,
    now: datetime,
) -> int:
    """An operator says which of its subscribers are abroad now (or home again)."""
    actor.require(Permission.SUBMIT_CALLS)
    operator = operator_of(actor)
    if operator is None:
        # The view says whose subscriber a number is; only the operator can say that.
        raise Forbidden("Only an operator's token says which of its subscribers are abroad.")
    if not 1 <= len(numbers) <= MAX_ROAMING_PER_REQUEST:
        raise InvalidInput(f"Give 1 to {MAX_ROAMING_PER_REQUEST} numbers at a time.")
    stored: list[str] = []
    for raw in numbers:
        number = normalize_call_number(raw)
        if not number.startswith(KAZAKH_PREFIX):
            raise InvalidInput(
                f"{raw[:40]!r} is not a Kazakh subscriber's number (+7 7xx): an operator's "
                "roaming view holds its own subscribers."
            )
        stored.append(number)
    others = sorted(n for n, o in calls.number_owners(stored).items() if o != operator)
    if others:
        shown = ", ".join(others[:10]) + (" …" if len(others) > 10 else "")
        raise Forbidden(
            f"{len(others)} of these numbers are another operator's subscribers, as its "
            f"records last said: {shown}. Nothing was changed."
        )
    changed = calls.set_roaming(stored, operator=operator, roaming=roaming, at=now)
    book.roaming_changed(stored, roaming)
    return changed


def block_tallies(
    *,
    uow: Callable[[], TelecomUnitOfWork],
    counter: BlockCounter,
    actor: Actor,
    since: date | None,
    until: date | None,
) -> list[BlockTally]:
    """Calls blocked per day, operator and reason; an operator sees its own rows."""
    actor.require(Permission.READ_CALL_BLOCKS)
    operator = operator_of(actor)
    counter.flush()
    with uow() as unit:
        return unit.call_blocks.tallies(since=since, until=until, operator=operator)
