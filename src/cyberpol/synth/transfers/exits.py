"""Where money leaves Kazakh banks: ATMs and cash desks, crypto exchanges, foreign accounts.

Each exit is an account id of its own, numbered after the internal accounts, with the bank
code its transfers name as ``to_bank``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from cyberpol.synth.transfers.banks import (
    CRYPTO_BANK_INDEX,
    EXCHANGES,
    FOREIGN_BANK_INDEX,
    FOREIGN_BANKS,
    KAZAKH_BANKS,
)
from cyberpol.synth.transfers.identifiers import (
    digit_columns,
    ibans,
    join_columns,
    string_array,
    text_columns,
    unique_numbers,
)
from cyberpol.synth.transfers.population import WeightedPool

_IBAN_COUNTRY_SHARE = {"TR": 0.4, "AE": 0.3, "GE": 0.3}
_PEOPLE_PER_ATM = 300


@dataclass(frozen=True, slots=True)
class Exits:
    """Exit accounts: their ids and banks, grouped by kind; indices are global account indices."""

    names: pa.StringArray
    bank: np.ndarray  # index into banks.BICS
    atm_first: np.ndarray  # per Kazakh bank: its first ATM (a bank's ATMs are numbered together)
    atm_count: np.ndarray
    exchanges: WeightedPool
    foreign_ibans: np.ndarray  # Turkish, Emirati and Georgian accounts
    homes: dict[str, np.ndarray]  # per migrant corridor (UZ, KG, TJ, RU): accounts back home

    def __len__(self) -> int:
        return len(self.names)

    def atms(self, rng: np.random.Generator, bank: np.ndarray) -> np.ndarray:
        """An ATM of each of the Kazakh banks ``bank``, chosen at random."""
        return self.atm_first[bank] + rng.integers(0, self.atm_count[bank])


def build_exits(rng: np.random.Generator, *, accounts: int, offset: int) -> Exits:
    """Exits for a population of ``accounts``, numbered from ``offset``."""
    names: list[pa.StringArray] = []
    banks: list[np.ndarray] = []
    next_index = offset

    def add(strings: pa.StringArray, bank: np.ndarray | int) -> np.ndarray:
        nonlocal next_index
        names.append(strings)
        banks.append(np.broadcast_to(np.asarray(bank, dtype=np.int16), (len(strings),)))
        indices = np.arange(next_index, next_index + len(strings))
        next_index += len(strings)
        return indices

    atms = []
    for b, bank in enumerate(KAZAKH_BANKS):
        count = int(np.clip(accounts * bank.retail_share / 100 / _PEOPLE_PER_ATM, 2, 9999))
        ids = join_columns(
            text_columns(f"ATM-{bank.bic}-", count), digit_columns(np.arange(1, count + 1), 4)
        )
        atms.append(add(string_array(ids), b))
    exchange_indices, exchange_weights = [], []
    for name, weight in EXCHANGES:
        count = int(np.clip(accounts // 4000, 3, 60))
        ids = pa.array([f"EXCH-{name}-{n}" for n in range(1, count + 1)], pa.string())
        exchange_indices.append(add(ids, CRYPTO_BANK_INDEX))
        exchange_weights.append(rng.lognormal(0.0, 0.5, count) * weight)
    foreign: list[np.ndarray] = []
    homes: dict[str, list[np.ndarray]] = {}
    size = int(np.clip(accounts // 150, 20, 20_000))
    for f, foreign_bank in enumerate(FOREIGN_BANKS):
        same_country = sum(1 for other in FOREIGN_BANKS if other.country == foreign_bank.country)
        if foreign_bank.iban_code is not None:
            count = max(4, int(size * _IBAN_COUNTRY_SHARE[foreign_bank.country] / same_country))
        else:
            count = max(4, size // same_country)
        numbers = digit_columns(
            unique_numbers(rng, count, 10**foreign_bank.account_digits), foreign_bank.account_digits
        )
        if foreign_bank.iban_code is not None:
            bban = join_columns(
                text_columns(foreign_bank.iban_code + foreign_bank.account_prefix, count), numbers
            )
            foreign.append(
                add(string_array(ibans(foreign_bank.country, bban)), FOREIGN_BANK_INDEX + f)
            )
        else:
            lead = f"{foreign_bank.country}-{foreign_bank.short}-{foreign_bank.account_prefix}"
            ids = join_columns(text_columns(lead, count), numbers)
            homes.setdefault(foreign_bank.country, []).append(
                add(string_array(ids), FOREIGN_BANK_INDEX + f)
            )
    return Exits(
        names=pa.concat_arrays(names),
        bank=np.concatenate(banks),
        atm_first=np.array([a[0] for a in atms]),
        atm_count=np.array([a.size for a in atms]),
        exchanges=WeightedPool.of(
            np.concatenate(exchange_indices), np.concatenate(exchange_weights)
        ),
        foreign_ibans=np.concatenate(foreign),
        homes={country: np.concatenate(parts) for country, parts in homes.items()},
    )
