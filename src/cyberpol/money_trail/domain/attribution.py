"""Follow a victim's money forward through accounts that mix it with other money.

Each account is a ledger. Money arrives in transfers; some of it is the victim's
("tainted"). When the account pays out, a *method* decides how much of each outgoing
transfer is the victim's money:

- **FIFO**: money leaves in the order it arrived. Worked example: a drop holds 20,000
  of its own, then receives 100,000 from the victim and 50,000 from another victim, and
  sends 90,000 then 60,000. The first 90,000 takes the 20,000 first and 70,000 of the
  victim's; the 60,000 takes the victim's last 30,000 and 30,000 of the other victim's.
  Traced onward: 70,000 and 30,000. Inside one arriving transfer that is partly the
  victim's, money is mixed evenly: a later payment drawn from it carries the same share.
- **Haircut** (proportional): every outgoing transfer carries the victim's share of the
  balance at that moment. Same example: balance 170,000 of which 100,000 is the victim's
  (58.8 %); 90,000 out carries 52,941.18; the remaining 80,000 holds 47,058.82 of the
  victim's (still 58.8 %), so 60,000 out carries 35,294.12 and 11,764.71 stays.

Both never attribute more than arrived: an outgoing transfer takes at most the known
balance, and money paid beyond it comes from funds the data does not show (treated as
clean). Whatever is not passed on stays in the account; every unit of the victim's money
ends in exactly one place: still in an account, cashed out, sent to crypto or abroad, or
split off in a piece below the tracing threshold.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from cyberpol.kernel.errors import InvalidInput


class TraceMethod(enum.StrEnum):
    FIFO = "fifo"
    HAIRCUT = "haircut"


class Ending(enum.StrEnum):
    STILL_THERE = "still_there"
    CASH_OUT = "cash_out"
    CRYPTO = "crypto"
    FOREIGN = "foreign"
    # Paid to an account the data does not name (an empty or unusable counterparty).
    UNNAMED = "unnamed"
    BELOW_THRESHOLD = "below_threshold"


@dataclass(frozen=True, slots=True)
class TraceRequest:
    """What to follow and how; either ``transfer_id`` or ``account`` + ``ts`` + ``amount``."""

    transfer_id: str | None = None
    account: str | None = None
    ts: int | None = None  # seconds since the epoch
    amount: float | None = None
    window: int = 72 * 3600
    method: TraceMethod = TraceMethod.FIFO
    threshold: float | None = None  # default: 1 % of the traced amount
    max_hops: int = 10
    max_accounts: int = 5000
    # Beyond this many transfers in the window an account is a business or a payment hub:
    # money that reaches it is reported there, not followed through its whole turnover.
    max_ledger: int = 5000


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    """One transfer as the sweep sees it; accounts are small integers from the index."""

    ts: int  # seconds since the epoch
    position: int  # the transfer's place in the index, to name it and order ties
    source: int
    target: int
    amount: float
    exit: Ending | None  # cash_out, crypto or foreign when the money leaves the banks


class _Haircut:
    __slots__ = ("balance", "tainted")

    def __init__(self, opening: float) -> None:
        self.balance = opening
        self.tainted = 0.0

    def credit(self, amount: float, tainted: float) -> None:
        self.balance += amount
        self.tainted += tainted

    def debit(self, amount: float) -> tuple[float, float]:
        """(the victim's part of ``amount``, the part paid from money the data never showed)."""
        if self.balance <= 0.0:
            return 0.0, amount
        drawn = min(amount, self.balance)
        share = self.tainted * (drawn / self.balance)
        self.balance -= drawn
        self.tainted -= share
        if self.balance <= 1e-9:
            self.balance, share, self.tainted = 0.0, share + self.tainted, 0.0
        return share, amount - drawn


class _Fifo:
    __slots__ = ("lots",)

    def __init__(self, opening: float) -> None:
        # Each lot: [amount left, tainted amount left]
        self.lots: deque[list[float]] = deque([[opening, 0.0]] if opening > 0 else [])

    @property
    def tainted(self) -> float:
        return sum(lot[1] for lot in self.lots)

    def credit(self, amount: float, tainted: float) -> None:
        self.lots.append([amount, tainted])

    def debit(self, amount: float) -> tuple[float, float]:
        """(the victim's part of ``amount``, the part paid from money the data never showed)."""
        need, carried = amount, 0.0
        lots = self.lots
        while need > 1e-9 and lots:
            lot = lots[0]
            if lot[0] <= need:
                need -= lot[0]
                carried += lot[1]
                lots.popleft()
            else:
                share = lot[1] * (need / lot[0])
                lot[0] -= need
                lot[1] -= share
                carried += share
                need = 0.0
        return carried, max(need, 0.0)


@dataclass(slots=True)
class AccountTrail:
    """What one account did with the victim's money."""

    account: int
    hop: int
    received: float = 0.0
    passed_on: float = 0.0
    first_in: int | None = None
    last_in: int | None = None
    last_out: int | None = None
    remaining: float = 0.0
    # Paid out beyond what the data shows the account holding once the money arrived:
    # attribution here rests on funds nobody reported (a hole in the ledger).
    unseen: float = 0.0
    unseen_first: int | None = None


@dataclass(frozen=True, slots=True)
class TrailEdge:
    position: int
    source: int
    target: int | None
    ts: int
    amount: float  # the victim's part
    transfer_amount: float
    hop: int
    ending: Ending | None  # set when this transfer took the money out of reach


@dataclass(slots=True)
class Trail:
    seed_amount: float
    accounts: dict[int, AccountTrail] = field(default_factory=dict)
    edges: list[TrailEdge] = field(default_factory=list)
    endings: dict[Ending, float] = field(default_factory=lambda: dict.fromkeys(Ending, 0.0))


def follow_money(
    *,
    seed_account: int,
    seed_ts: int,
    seed_amount: float,
    events: list[LedgerEvent],
    opening: dict[int, float],
    window: int,
    method: TraceMethod,
    threshold: float,
) -> Trail:
    """Sweep ``events`` in time order, passing the victim's money on from ``seed_account``.

    ``opening`` is each account's balance at ``seed_ts``; ``events`` must hold every
    transfer into or out of the accounts the money can reach, from ``seed_ts`` until
    ``window`` seconds after the money's last arrival there (the per-hop window).
    Outgoing transfers later than that are not followed: the money counts as still there.
    """
    ledger_type = _Fifo if method is TraceMethod.FIFO else _Haircut
    ledgers: dict[int, _Haircut | _Fifo] = {}
    _credit(ledgers, ledger_type, opening, seed_account, seed_amount, seed_amount)
    trail = Trail(seed_amount=seed_amount)
    trail.accounts[seed_account] = AccountTrail(
        seed_account, hop=1, received=seed_amount, first_in=seed_ts, last_in=seed_ts
    )
    for event in sorted(events, key=lambda e: (e.ts, e.position)):
        if event.ts < seed_ts:
            continue
        carried = 0.0
        sender = trail.accounts.get(event.source)
        last_in = sender.last_in if sender is not None else None
        if last_in is not None and event.ts > last_in + window:
            continue  # past the window: what it still holds stays counted as still there
        source = ledgers.get(event.source)
        if source is not None:
            carried, short = source.debit(event.amount)
            if sender is not None and short > _GAP:
                sender.unseen += short
                if sender.unseen_first is None:
                    sender.unseen_first = event.ts
        if carried > 0.0:
            _pass_on(trail, event, carried, threshold, ledgers, ledger_type, opening)
        elif event.exit is None:
            _credit(ledgers, ledger_type, opening, event.target, event.amount, 0.0)
    for number, account in trail.accounts.items():
        account.remaining = ledgers[number].tainted
        trail.endings[Ending.STILL_THERE] += account.remaining
    return trail


def _pass_on(
    trail: Trail,
    event: LedgerEvent,
    carried: float,
    threshold: float,
    ledgers: dict[int, _Haircut | _Fifo],
    ledger_type: type[_Haircut] | type[_Fifo],
    opening: dict[int, float],
) -> None:
    sender = trail.accounts[event.source]
    sender.passed_on += carried
    sender.last_out = event.ts
    ending = event.exit
    if ending is None and carried < threshold:
        ending = Ending.BELOW_THRESHOLD
    trail.edges.append(
        TrailEdge(
            event.position,
            event.source,
            None if event.exit else event.target,
            event.ts,
            carried,
            event.amount,
            sender.hop,
            ending,
        )
    )
    if ending is not None:
        trail.endings[ending] += carried
        if event.exit is None:  # below threshold: the money still lands, untraced
            _credit(ledgers, ledger_type, opening, event.target, event.amount, 0.0)
        return
    _credit(ledgers, ledger_type, opening, event.target, event.amount, carried)
    receiver = trail.accounts.get(event.target)
    if receiver is None:
        receiver = trail.accounts[event.target] = AccountTrail(
            event.target, hop=sender.hop + 1, first_in=event.ts
        )
    receiver.received += carried
    receiver.last_in = event.ts


def _credit(
    ledgers: dict[int, _Haircut | _Fifo],
    ledger_type: type[_Haircut] | type[_Fifo],
    opening: Mapping[int, float],
    account: int,
    amount: float,
    tainted: float,
) -> None:
    ledger = ledgers.get(account)
    if ledger is None:
        ledger = ledgers[account] = ledger_type(opening.get(account, 0.0))
    ledger.credit(amount, tainted)


_GAP = 0.005  # half a tiyn: below it a shortfall is rounding, not a hole in the ledger
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_window(text: str) -> int:
    """Seconds in a window written as ``72h``, ``3d``, ``90m`` or ``600s``."""
    value = text.strip().lower()
    unit = value[-1:] if value[-1:] in _UNITS else "s"
    number = value[:-1] if value[-1:] in _UNITS else value
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        raise InvalidInput(f"Not a window: {text!r} (write e.g. 72h, 3d or 90m)") from None
    if not 60 <= seconds <= 90 * 86400:
        raise InvalidInput(f"The window {text!r} must be between 1 minute and 90 days")
    return int(seconds)
