"""Internal accounts as columns, with the vocabulary of their labels: roles and fraud patterns."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

ROLES = (
    "customer",
    "merchant",
    "employer",
    "utility",
    "trader",
    "toi_host",
    "crypto_buyer",
    "migrant_worker",
    "victim",
    "fake_seller",
    "drop",
    "fan_in_drop",
    "collector",
    "courier",
)
ROLE = {name: code for code, name in enumerate(ROLES)}
MULE_ROLES = frozenset({"fake_seller", "drop", "fan_in_drop", "collector", "courier"})

# How victims are made to pay, and how their money is then moved.
PATTERNS = ("fake_seller", "safe_account", "fan_in", "scatter_gather")
PATTERN = {name: code for code, name in enumerate(PATTERNS)}
NO_PATTERN = -1

COUNTRIES = ("KZ", "UZ", "KG", "TJ", "RU", "TR", "CN")
COUNTRY = {name: code for code, name in enumerate(COUNTRIES)}

# Mobile operators' and Kazakhtelecom's address blocks: most people are behind carrier NAT,
# so one address serves many unrelated customers.
KAZAKH_NETWORKS = ((2, 132), (2, 133), (2, 134), (37, 99), (95, 56), (178, 89), (147, 30))
# Hosting and VPN blocks that drop handlers log in from.
HOSTING_NETWORKS = ((185, 103), (45, 87), (91, 243), (194, 26))


@dataclass(frozen=True, slots=True)
class AccountBlock:
    """Accounts as parallel columns; holder attributes are repeated on each of their accounts."""

    bank: np.ndarray  # int index into banks.KAZAKH_BANKS
    holder: np.ndarray  # int64 holder number
    opened_at: np.ndarray  # int64 microseconds
    birth_year: np.ndarray  # int16
    country: np.ndarray  # int index into COUNTRIES
    device: np.ndarray  # int64 device number
    ip: np.ndarray  # int64 IPv4 address as a number
    role: np.ndarray  # int index into ROLES
    pattern: np.ndarray  # int index into PATTERNS, NO_PATTERN when none

    def __len__(self) -> int:
        return int(self.bank.size)

    @staticmethod
    def concat(blocks: list[AccountBlock]) -> AccountBlock:
        """The accounts of ``blocks`` in order."""
        columns = {
            f.name: np.concatenate([getattr(b, f.name) for b in blocks])
            for f in fields(AccountBlock)
        }
        return AccountBlock(**columns)


def ip_numbers(
    rng: np.random.Generator, count: int, networks: tuple[tuple[int, int], ...]
) -> np.ndarray:
    """``count`` IPv4 addresses (as numbers) in the given /16 ``networks``."""
    chosen = np.array(networks, dtype=np.int64)[rng.integers(0, len(networks), size=count)]
    host = rng.integers(1, 65_534, size=count, dtype=np.int64)
    return chosen[:, 0] << 24 | chosen[:, 1] << 16 | host


def device_numbers(rng: np.random.Generator, count: int) -> np.ndarray:
    """``count`` random 48-bit device numbers; collisions are as unlikely as for real ids."""
    return rng.integers(0, 1 << 48, size=count, dtype=np.int64)


def birth_years(
    rng: np.random.Generator, count: int, *, year: int, ages: tuple[tuple[int, int, float], ...]
) -> np.ndarray:
    """Birth years of ``count`` people whose ages follow (low, high, weight) bands."""
    weights = np.array([w for _, _, w in ages])
    band = rng.choice(len(ages), size=count, p=weights / weights.sum())
    low = np.array([lo for lo, _, _ in ages])[band]
    high = np.array([hi for _, hi, _ in ages])[band]
    return (year - rng.integers(low, high + 1)).astype(np.int16)
