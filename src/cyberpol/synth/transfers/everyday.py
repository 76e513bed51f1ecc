"""Everyday legitimate transfers of one day, generated a whole kind at a time with numpy.

Besides payroll and feasts, a day mixes family transfers, card payments in shops, bills,
payments to small traders, cash withdrawals, crypto purchases, money sent home by migrant
workers, supplier payments between businesses and transfers between one's own accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from cyberpol.synth.transfers.accounts import COUNTRIES
from cyberpol.synth.transfers.banks import KAZAKH_BANKS
from cyberpol.synth.transfers.batch import CHANNEL, TransferBatch
from cyberpol.synth.transfers.clock import EVERYDAY_HOURS, OFFICE_HOURS, Day
from cyberpol.synth.transfers.exits import Exits
from cyberpol.synth.transfers.feasts import feasts
from cyberpol.synth.transfers.population import CONTACTS, Population
from cyberpol.synth.transfers.salaries import salaries

Pairs = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class _Kind:
    share: float
    channel: str
    median: float  # tenge
    sigma: float  # of the log-normal amount
    step: int  # tenge that round amounts are multiples of
    rounded: float  # share of round amounts; the rest are exact to the tiyn
    hours: np.ndarray


_KINDS = {
    "family": _Kind(0.24, "transfer", 8_000, 1.0, 500, 0.75, EVERYDAY_HOURS),
    "card": _Kind(0.09, "card_to_card", 7_000, 1.0, 500, 0.6, EVERYDAY_HOURS),
    "shop": _Kind(0.42, "payment", 3_500, 1.0, 1, 0.85, EVERYDAY_HOURS),
    "bill": _Kind(0.035, "payment", 9_000, 0.6, 1, 0.2, EVERYDAY_HOURS),
    "trade": _Kind(0.06, "transfer", 5_000, 0.8, 100, 0.7, EVERYDAY_HOURS),
    "cash": _Kind(0.07, "cash_out", 25_000, 0.8, 1_000, 1.0, EVERYDAY_HOURS),
    "crypto": _Kind(0.006, "crypto", 60_000, 1.0, 1_000, 0.8, EVERYDAY_HOURS),
    "abroad": _Kind(0.012, "foreign", 90_000, 0.7, 1_000, 0.8, EVERYDAY_HOURS),
    "supplier": _Kind(0.02, "transfer", 400_000, 1.1, 1, 0.3, OFFICE_HOURS),
    "own": _Kind(0.03, "transfer", 50_000, 1.0, 1_000, 0.8, EVERYDAY_HOURS),
}
_SHARES = np.array([kind.share for kind in _KINDS.values()])
_OTHER_BANK_ATM = 0.15
_MIGRANTS_SENDING = 0.75  # of foreign transfers; the rest are Kazakhs paying abroad


def _amounts(rng: np.random.Generator, count: int, kind: _Kind) -> np.ndarray:
    """Log-normal amounts in tiyn, some rounded to ``kind.step`` tenge, none below 1 tenge."""
    tenge = rng.lognormal(np.log(kind.median), kind.sigma, count)
    round_tenge = np.maximum(np.round(tenge / kind.step), 1) * kind.step
    exact = np.maximum(np.round(tenge * 100), 100)
    return np.where(rng.random(count) < kind.rounded, round_tenge * 100, exact).astype(np.int64)


class Everyday:
    """The everyday transfers of a population, one day at a time."""

    def __init__(self, *, population: Population, exits: Exits) -> None:
        self.population = population
        self.exits = exits
        people = population.people.items
        self._with_own_accounts = people[population.sibling[people] >= 0]
        retail = np.array([b.retail_share for b in KAZAKH_BANKS])
        self._retail = retail / retail.sum()
        self._pairs: dict[str, Callable[[np.random.Generator, int], Pairs]] = {
            "family": self._contacts,
            "card": self._contacts,
            "shop": lambda rng, n: self._to(rng, n, population.merchants.draw(rng, n)),
            "bill": lambda rng, n: self._to(rng, n, population.utilities.draw(rng, n)),
            "trade": lambda rng, n: self._to(rng, n, population.traders.draw(rng, n)),
            "cash": self._cash,
            "crypto": self._crypto,
            "abroad": self._abroad,
            "supplier": self._supplier,
            "own": self._own,
        }

    def day(self, rng: np.random.Generator, day: Day, count: int) -> TransferBatch:
        """``count`` legitimate transfers on ``day`` (unsorted)."""
        scheduled = TransferBatch.concat(
            [
                salaries(rng, self.population, day),
                feasts(rng, population=self.population, exits=self.exits, day=day),
            ]
        )
        if len(scheduled) > count // 2:  # a long period with few transfers: pay a sample
            scheduled = scheduled.take(np.sort(rng.permutation(len(scheduled))[: count // 2]))
        batches = [scheduled]
        counts = rng.multinomial(count - len(scheduled), _SHARES / _SHARES.sum())
        for (name, kind), rows in zip(_KINDS.items(), counts, strict=True):
            if rows:
                source, target = self._pairs[name](rng, int(rows))
                batches.append(
                    TransferBatch.legitimate(
                        day.times(rng, int(rows), kind.hours),
                        source,
                        target,
                        _amounts(rng, int(rows), kind),
                        CHANNEL[kind.channel],
                    )
                )
        return TransferBatch.concat(batches)

    def _to(self, rng: np.random.Generator, count: int, target: np.ndarray) -> Pairs:
        source = self.population.people.draw(rng, count)
        return np.where(source == target, self.population.contacts[source, 0], source), target

    def _contacts(self, rng: np.random.Generator, count: int) -> Pairs:
        source = self.population.people.draw(rng, count)
        return source, self.population.contacts[source, rng.integers(0, CONTACTS, count)]

    def _cash(self, rng: np.random.Generator, count: int) -> Pairs:
        source = self.population.people.draw(rng, count)
        bank = self.population.accounts.bank[source].astype(np.int64)
        elsewhere = rng.random(count) < _OTHER_BANK_ATM
        bank[elsewhere] = rng.choice(len(KAZAKH_BANKS), int(elsewhere.sum()), p=self._retail)
        return source, self.exits.atms(rng, bank)

    def _crypto(self, rng: np.random.Generator, count: int) -> Pairs:
        buyers = self.population.crypto_buyers
        if buyers.size == 0:
            buyers = self.population.people.items
        return buyers[rng.integers(0, buyers.size, count)], self.exits.exchanges.draw(rng, count)

    def _abroad(self, rng: np.random.Generator, count: int) -> Pairs:
        p, exits = self.population, self.exits
        source = p.people.draw(rng, count)
        target = exits.foreign_ibans[rng.integers(0, exits.foreign_ibans.size, count)]
        if p.migrants.size:
            home = rng.random(count) < _MIGRANTS_SENDING
            migrant = p.migrants[rng.integers(0, p.migrants.size, int(home.sum()))]
            source[home] = migrant
            # Each migrant sends to the same family account back home every time.
            country = np.array(COUNTRIES)[p.accounts.country[migrant]]
            sent = np.empty(migrant.size, dtype=np.int64)
            for corridor, accounts in exits.homes.items():
                mine = country == corridor
                sent[mine] = accounts[migrant[mine] * 7919 % accounts.size]
            target[home] = sent
        return source, target

    def _supplier(self, rng: np.random.Generator, count: int) -> Pairs:
        businesses = self.population.businesses
        source = businesses[rng.integers(0, businesses.size, count)]
        target = businesses[rng.integers(0, businesses.size, count)]
        return source, np.where(source == target, self.population.contacts[source, 0], target)

    def _own(self, rng: np.random.Generator, count: int) -> Pairs:
        movers = self._with_own_accounts
        if movers.size == 0:
            return self._contacts(rng, count)
        source = movers[rng.integers(0, movers.size, count)]
        return source, self.population.sibling[source]
