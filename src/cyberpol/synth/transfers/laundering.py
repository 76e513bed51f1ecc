"""Moving one lot of stolen money: a drop keeps its fee and passes the rest on, then it exits.

Every onward transfer carries part of one earlier receipt, is later than it and smaller, so a
drop never sends more than it has received and tracing forward from a victim is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cyberpol.synth.transfers.batch import CHANNEL, TransferBatch
from cyberpol.synth.transfers.clock import HOUR_US, MINUTE_US

CASH_LIMIT = 500_000_00  # tiyn an ATM or cash desk pays out at once
_SWEEP_EVERY = 3 * HOUR_US  # fan-in drops and collectors empty themselves on a schedule
EXIT_KINDS = ("cash_out", "crypto", "foreign")


@dataclass(slots=True)
class Ledger:
    """Fraud transfers in the order they are planned."""

    rows: list[tuple[int, int, int, int, int, int, int]] = field(default_factory=list)

    def add(
        self,
        ts: int,
        source: int,
        target: int,
        amount: int,
        channel: str,
        *,
        pattern: int,
        case: int,
    ) -> None:
        self.rows.append((ts, source, target, amount, CHANNEL[channel], pattern, case))

    def batch(self) -> TransferBatch:
        """The planned transfers, sorted by time."""
        if not self.rows:
            return TransferBatch.concat([])
        ts, source, target, amount, channel, pattern, case = (
            np.array(c) for c in zip(*self.rows, strict=True)
        )
        return TransferBatch(
            ts=ts.astype(np.int64),
            source=source.astype(np.int64),
            target=target.astype(np.int64),
            amount=amount.astype(np.int64),
            channel=channel.astype(np.int8),
            pattern=pattern.astype(np.int8),
            case=case.astype(np.int64),
        ).by_time()


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where one ring's money leaves: its ATMs, exchange accounts and foreign beneficiaries."""

    atms: np.ndarray
    exchanges: np.ndarray
    beneficiaries: np.ndarray
    preference: np.ndarray  # probability of each of EXIT_KINDS


@dataclass(slots=True)
class Launderer:
    """Moves lots of one case through a ring's accounts and out."""

    rng: np.random.Generator
    ledger: Ledger
    pattern: int
    case: int = 0

    def _minutes(self, median: float, sigma: float, low: float, high: float) -> int:
        minutes = min(max(float(self.rng.lognormal(np.log(median), sigma)), low), high)
        return int(minutes * MINUTE_US) + int(self.rng.integers(0, MINUTE_US))

    def _kept_back(self, amount: int, low: float, high: float) -> int:
        """What is passed on after the sender keeps a fee; often a round number."""
        passed = int(amount * self.rng.uniform(low, high))
        if passed >= 20_000_00 and self.rng.random() < 0.5:
            passed -= passed % 1_000_00
        return passed

    def _next_sweep(self, account: int, received: int) -> int:
        """The account's next scheduled sweep after ``received``, a few minutes late."""
        phase = account * 7_919 % _SWEEP_EVERY
        due = received + _SWEEP_EVERY - (received - phase) % _SWEEP_EVERY
        return due + self._minutes(3, 0.6, 1, 15)

    def pay(self, ts: int, source: int, target: int, amount: int, channel: str) -> None:
        """A transfer of this case."""
        self.ledger.add(ts, source, target, amount, channel, pattern=self.pattern, case=self.case)

    def forward(
        self, source: int, target: int, amount: int, received: int, *, sweep: bool = False
    ) -> tuple[int, int] | None:
        """Pass a lot on less the fee: (time, amount) of the onward transfer, None if too small."""
        passed = self._kept_back(amount, 0.87, 0.93)
        if passed < 100_00:
            return None
        if sweep:
            ts = self._next_sweep(source, received)
        else:
            ts = received + self._minutes(25, 0.9, 2, 8 * 60)
        channel = "card_to_card" if self.rng.random() < 0.3 else "transfer"
        self.pay(ts, source, target, passed, channel)
        return ts, passed

    def split(self, amount: int, parts: int) -> list[int]:
        """``amount`` less a fee, cut into ``parts`` uneven round pieces."""
        passed = self._kept_back(amount, 0.87, 0.93)
        pieces = (passed * self.rng.dirichlet(np.full(parts, 3.0))).astype(np.int64)
        return [int(p - p % 1_000_00) if p > 10_000_00 else int(p) for p in pieces]

    def leave(
        self, source: int, amount: int, received: int, endpoints: Endpoints, *, sweep: bool
    ) -> None:
        """Take a lot out of the banking system: cash, crypto or a foreign account."""
        kind = EXIT_KINDS[int(self.rng.choice(3, p=endpoints.preference))]
        out = self._kept_back(amount, 0.9, 0.97)
        if sweep:
            received = self._next_sweep(source, received)
        if kind == "cash_out":
            atm = int(self.rng.choice(endpoints.atms))
            ts = received + self._minutes(12, 0.6, 3, 180)
            left = out - out % 1_000_00  # notes only
            while left >= 1_000_00:
                cash = min(left, CASH_LIMIT)
                self.pay(ts, source, atm, cash, "cash_out")
                left -= cash
                ts += self._minutes(2, 0.5, 1, 6)
        elif kind == "crypto":
            target = int(self.rng.choice(endpoints.exchanges))
            self.pay(received + self._minutes(30, 0.8, 3, 360), source, target, out, "crypto")
        else:
            target = int(self.rng.choice(endpoints.beneficiaries))
            self.pay(received + self._minutes(45, 0.8, 5, 480), source, target, out, "foreign")
