"""Planted fraud: victims pay a ring's front accounts and the money is layered and cashed out.

Each case is one victim: a marketplace buyer paying a fake seller, someone talked by "bank
security" into moving savings to a "safe account" in instalments, or one of many small
payers into a fan-in drop. Money then hops through one to three more drops, each at a
different bank than the one before; scatter-gather rings split it over several drops that
send it on to one collector. Cases of a ring share its drops, so lots of several victims sit
in one account at once. The last account takes the money out as cash, crypto or abroad.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from cyberpol.synth.transfers.accounts import PATTERNS
from cyberpol.synth.transfers.batch import TransferBatch
from cyberpol.synth.transfers.clock import DAY_US, MINUTE_US, SCAM_HOURS, moments
from cyberpol.synth.transfers.exits import Exits
from cyberpol.synth.transfers.laundering import Endpoints, Launderer, Ledger
from cyberpol.synth.transfers.rings import Mules, Ring

# Per pattern: victim's payment (median tenge, sigma, round to), instalments and their odds.
_PAYMENTS = {
    "fake_seller": (30_000, 0.7, 500, (1, 2), (0.85, 0.15)),
    "safe_account": (400_000, 0.8, 1_000, (1, 2, 3, 4), (0.4, 0.3, 0.2, 0.1)),
    "fan_in": (20_000, 0.6, 1_000, (1,), (1.0,)),
    "scatter_gather": (900_000, 0.6, 1_000, (1, 2), (0.75, 0.25)),
}
_CARD_PAYMENT = {"fake_seller": 0.6, "safe_account": 0.2, "fan_in": 0.4, "scatter_gather": 0.2}
_CASE_WEIGHT = {"fake_seller": 1.0, "safe_account": 0.8, "fan_in": 2.0, "scatter_gather": 0.5}
_EXIT_TAIL = 3 * 60 * MINUTE_US  # cases start early enough for their money to move
_CAMPAIGN = 2 * DAY_US
_CASES_PER_CAMPAIGN = 5


@dataclass(frozen=True, slots=True)
class PlantedFraud:
    """Fraud transfers (sorted by time) and each case's victim and pattern."""

    transfers: TransferBatch
    victims: np.ndarray
    patterns: np.ndarray


class _RingWork:
    """One ring's cases: which of its accounts each lot goes through."""

    def __init__(
        self,
        rng: np.random.Generator,
        ring: Ring,
        *,
        bank: np.ndarray,
        exits: Exits,
        recruited_at: np.ndarray,
    ) -> None:
        self.rng, self.ring, self.bank, self.recruited_at = rng, ring, bank, recruited_at
        self.name = PATTERNS[ring.pattern]
        self.used: dict[int, int] = {}
        self.collectors = {int(c) for c in ring.collectors}
        preference = np.full(3, 0.15)
        preference[rng.choice(3, p=[0.45, 0.35, 0.2])] = 0.7
        homes = np.concatenate([exits.foreign_ibans, *exits.homes.values()])
        self.endpoints = Endpoints(
            atms=exits.atms(rng, bank[np.concatenate([ring.collectors, ring.layers])][:2]),
            exchanges=exits.exchanges.draw(rng, 2),
            beneficiaries=homes[rng.integers(0, homes.size, 2)],
            preference=preference,
        )

    def least_used(self, candidates: list[int]) -> int:
        """The candidate used least so far (ties at random): every mule gets work."""
        fewest = min(self.used.get(c, 0) for c in candidates)
        tied = [c for c in candidates if self.used.get(c, 0) == fewest]
        pick = tied[int(self.rng.integers(0, len(tied)))]
        self.used[pick] = fewest + 1
        return pick

    def layers(self, ts: int) -> list[int]:
        ring = self.ring
        couriers = ring.couriers[self.recruited_at <= ts]
        return [int(a) for a in np.concatenate([ring.layers, couriers])]

    def path(self, front: int, ts: int) -> list[int]:
        """Front, then one to three more accounts, each at another bank than the one before."""
        path = [front]
        hops = int(self.rng.choice([1, 2, 3], p=[0.45, 0.35, 0.2]))
        for hop in range(hops):
            last = hop == hops - 1
            pool = self.layers(ts)
            if last and self.ring.collectors.size and self.rng.random() < 0.6:
                pool = [int(c) for c in self.ring.collectors]
            bank = self.bank[path[-1]]
            candidates = [a for a in pool if self.bank[a] != bank and a not in path]
            if not candidates:
                break
            path.append(self.least_used(candidates))
        return path

    def run(self, launderer: Launderer, victim: int, ts: int) -> None:
        """One case: the victim's payments and everything done with them."""
        median, sigma, step, counts, odds = _PAYMENTS[self.name]
        front = self.least_used([int(a) for a in self.ring.fronts])
        scatter = self.name == "scatter_gather"
        route = [] if scatter else self.path(front, ts)
        for _ in range(int(self.rng.choice(counts, p=odds))):
            amount = max(step, round(self.rng.lognormal(np.log(median), sigma) / step) * step) * 100
            card = self.rng.random() < _CARD_PAYMENT[self.name]
            launderer.pay(ts, victim, front, amount, "card_to_card" if card else "transfer")
            if scatter:
                self.scatter(launderer, front, amount, ts)
            else:
                self.follow(launderer, route, amount, ts)
            ts += int(self.rng.uniform(5, 40) * MINUTE_US)

    def follow(self, launderer: Launderer, route: list[int], amount: int, ts: int) -> None:
        for hop, (source, target) in enumerate(pairwise(route)):
            sweep = hop == 0 and self.name == "fan_in"
            moved = launderer.forward(source, target, amount, ts, sweep=sweep)
            if moved is None:
                return
            ts, amount = moved
        sweep = route[-1] in self.collectors  # collectors empty themselves on a schedule
        launderer.leave(route[-1], amount, ts, self.endpoints, sweep=sweep)

    def scatter(self, launderer: Launderer, front: int, amount: int, ts: int) -> None:
        """Split over several drops at other banks, which all send to one collector."""
        elsewhere = [int(c) for c in self.ring.collectors if self.bank[c] != self.bank[front]]
        collector = self.least_used(elsewhere) if elsewhere else front
        taken = {self.bank[front], self.bank[collector]}
        pool = [a for a in self.layers(ts) if self.bank[a] not in taken]
        drops: list[int] = []
        for _ in range(min(int(self.rng.integers(3, 5)), len(pool)) if elsewhere else 0):
            drops.append(self.least_used([a for a in pool if a not in drops]))
        if len(drops) < 2:  # too few banks in the ring to scatter: an ordinary chain
            self.follow(launderer, self.path(front, ts), amount, ts)
            return
        sent = ts + int(self.rng.uniform(5, 30) * MINUTE_US)
        for drop, piece in zip(drops, launderer.split(amount, len(drops)), strict=True):
            if piece < 100_00:
                continue
            launderer.pay(sent, front, drop, piece, "transfer")
            self.follow(launderer, [drop, collector], piece, sent)
            sent += int(self.rng.uniform(1, 4) * MINUTE_US)


def _campaigns(
    rng: np.random.Generator, count: int, *, begin: int, end: int, later: int, couriers: bool
) -> np.ndarray:
    """Start times of a ring's campaigns: a call centre works a list for a day or two.

    The first starts when the ring does; a ring with couriers to use has one after ``later``.
    """
    campaigns = max(1, count // _CASES_PER_CAMPAIGN)
    last = max(begin + 1, end - _CAMPAIGN)
    starts = rng.integers(begin, last, campaigns)
    starts[0] = begin  # the drops were opened for this
    if couriers and campaigns > 1:
        starts[-1] = rng.integers(min(max(begin, later), last - 1), last)
    return np.sort(starts)


def _case_times(
    rng: np.random.Generator, count: int, *, campaigns: np.ndarray, end: int
) -> np.ndarray:
    """Times of ``count`` cases spread over ``campaigns``, in the hours scammers call."""
    sizes = np.bincount(rng.integers(0, campaigns.size, count), minlength=campaigns.size)
    times = [
        moments(
            rng, int(n), start_us=int(s), end_us=min(end, int(s) + _CAMPAIGN), profile=SCAM_HOURS
        )
        for s, n in zip(campaigns, sizes, strict=True)
    ]
    return np.sort(np.concatenate(times))


def _recruitment(
    rng: np.random.Generator, couriers: int, *, campaigns: np.ndarray, earliest: int
) -> np.ndarray:
    """When each courier starts: a few days before one of the ring's later campaigns."""
    later = campaigns[campaigns >= earliest]
    if later.size == 0:
        return np.full(couriers, np.iinfo(np.int64).max)  # never: the ring had no use for them
    before = rng.uniform(0.5, 3, couriers) * DAY_US
    return np.maximum(
        later[rng.integers(0, later.size, couriers)] - before.astype(np.int64), earliest
    )


def plant_fraud(
    rng: np.random.Generator,
    *,
    mules: Mules,
    victims: np.ndarray,
    bank: np.ndarray,
    exits: Exits,
    cases: int,
    start_us: int,
    end_us: int,
) -> PlantedFraud:
    """About ``cases`` fraud cases, one per victim (victims may repeat if there are too few)."""
    rings = mules.rings
    span = end_us - start_us
    size = np.array([r.fronts.size + r.layers.size + r.collectors.size for r in rings])
    weight = size * np.array([_CASE_WEIGHT[PATTERNS[r.pattern]] for r in rings])
    per_ring = size + rng.multinomial(max(0, cases - int(size.sum())), weight / weight.sum())
    total = int(per_ring.sum())
    chosen = rng.choice(victims, total, replace=total > victims.size)
    ledger = Ledger()
    patterns = np.zeros(total, dtype=np.int8)
    case = 0
    for ring, count in zip(rings, per_ring, strict=True):
        campaigns = _campaigns(
            rng,
            int(count),
            begin=max(start_us, ring.active_from),
            end=end_us - _EXIT_TAIL,
            later=start_us + span * 3 // 10,
            couriers=ring.couriers.size > 0,
        )
        recruited_at = _recruitment(
            rng, ring.couriers.size, campaigns=campaigns, earliest=start_us + span // 5
        )
        work = _RingWork(rng, ring, bank=bank, exits=exits, recruited_at=recruited_at)
        launderer = Launderer(rng=rng, ledger=ledger, pattern=ring.pattern)
        for ts in _case_times(rng, int(count), campaigns=campaigns, end=end_us - _EXIT_TAIL):
            launderer.case = case + 1  # case ids start at 1
            work.run(launderer, int(chosen[case]), int(ts))
            patterns[case] = ring.pattern
            case += 1
    planted = ledger.batch()
    return PlantedFraud(
        transfers=planted.take(planted.ts < end_us), victims=chosen, patterns=patterns
    )
