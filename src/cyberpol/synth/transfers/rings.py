"""Drop rings: the mule accounts a fraud group controls, and the couriers it recruits.

A ring's drops are opened for it days or weeks before it starts working, mostly at banks
that open accounts online, by young holders who each open accounts at several banks; some
holders are foreigners. The handlers log in to many of them from the same phones and
addresses. Couriers are ordinary customers with years of history, recruited mid-period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cyberpol.synth.transfers.accounts import (
    COUNTRY,
    HOSTING_NETWORKS,
    KAZAKH_NETWORKS,
    PATTERNS,
    ROLE,
    AccountBlock,
    birth_years,
    device_numbers,
    ip_numbers,
)
from cyberpol.synth.transfers.banks import KAZAKH_BANKS
from cyberpol.synth.transfers.clock import DAY_US

MULE_AGES = ((18, 22, 45), (23, 30, 30), (31, 45, 17), (46, 65, 8))
_MULE_COUNTRIES = {"KZ": 72, "UZ": 8, "KG": 8, "TJ": 6, "RU": 6}
_ACCOUNTS_PER_HOLDER = ((1, 0.15), (2, 0.3), (3, 0.3), (4, 0.25))
_FRONT_ROLE = {
    "fake_seller": "fake_seller",
    "safe_account": "drop",
    "fan_in": "fan_in_drop",
    "scatter_gather": "drop",
}
_RING_DEVICE = 0.7  # share of a ring's accounts used from one of the handlers' phones
_RING_ADDRESS = 0.6
_FOREIGN_IN_RING = 0.8  # rings buy accounts from foreign students and migrant workers too


@dataclass(frozen=True, slots=True)
class Ring:
    """One fraud group's mule accounts by role (global account indices)."""

    pattern: int
    fronts: np.ndarray  # receive victims' money
    layers: np.ndarray  # pass it on
    collectors: np.ndarray  # gather it before it leaves
    couriers: np.ndarray  # customers it recruits as layers during the period
    active_from: int  # microseconds


@dataclass(frozen=True, slots=True)
class Mules:
    """The rings, the accounts opened for them and the customers recruited into them."""

    rings: tuple[Ring, ...]
    accounts: AccountBlock
    couriers: np.ndarray
    courier_pattern: np.ndarray
    courier_device: np.ndarray  # the device a courier is now used from


def _ring_sizes(rng: np.random.Generator, mules: int) -> np.ndarray:
    # Groups of about nine, but at least one per pattern as soon as there are enough mules.
    rings = max(1, min(len(PATTERNS), mules // 5), round(mules / 9))
    spare = max(0, mules - 5 * rings)
    return 5 + rng.multinomial(spare, np.full(rings, 1 / rings))


def recruit_rings(
    rng: np.random.Generator,
    *,
    customers: np.ndarray,
    mules: int,
    first_index: int,
    first_holder: int,
    start_us: int,
    end_us: int,
    year: int,
) -> Mules:
    """About ``mules`` mule accounts in rings; new accounts are numbered from ``first_index``."""
    span = end_us - start_us
    blocks: list[AccountBlock] = []
    rings: list[Ring] = []
    patterns = rng.permutation(len(PATTERNS))
    sizes = _ring_sizes(rng, mules)
    couriers_wanted = np.round(sizes * 0.15).astype(int)
    recruits = rng.choice(customers, min(int(couriers_wanted.sum()), customers.size), replace=False)
    courier_device: list[np.ndarray] = []
    courier_pattern: list[np.ndarray] = []
    index, holder, taken = first_index, first_holder, 0
    for r, size in enumerate(sizes):
        pattern = int(patterns[r % len(PATTERNS)])
        couriers = recruits[taken : taken + couriers_wanted[r]]
        taken += couriers.size
        collectors = 1 + int(size >= 12)
        opened = int(size) - couriers.size
        fronts = max(1, round(0.3 * (opened - collectors)))
        active_from = start_us + int(rng.uniform(-10 * DAY_US, 0.5 * span))
        devices = device_numbers(rng, 1 + int(size) // 8)
        addresses = ip_numbers(rng, int(rng.integers(1, 3)), HOSTING_NETWORKS)
        block = _ring_accounts(rng, opened, holder=holder, active_from=active_from, year=year)
        shared = rng.random(opened) < _RING_DEVICE
        block.device[shared] = devices[rng.integers(0, devices.size, int(shared.sum()))]
        behind = rng.random(opened) < _RING_ADDRESS
        block.ip[behind] = addresses[rng.integers(0, addresses.size, int(behind.sum()))]
        # 0 front, 1 collector, 2 layer; a holder's accounts may play different parts.
        part = rng.permutation(
            np.repeat([0, 1, 2], [fronts, collectors, opened - fronts - collectors])
        )
        front_role = ROLE[_FRONT_ROLE[PATTERNS[pattern]]]
        block.role[:] = np.array([front_role, ROLE["collector"], ROLE["drop"]])[part]
        block.pattern[:] = pattern
        members = index + np.arange(opened)
        rings.append(
            Ring(
                pattern=pattern,
                fronts=members[part == 0],
                layers=members[part == 2],
                collectors=members[part == 1],
                couriers=couriers,
                active_from=active_from,
            )
        )
        handled = rng.random(couriers.size) < 0.5
        courier_device.append(np.where(handled, devices[0], -1))
        courier_pattern.append(np.full(couriers.size, pattern))
        blocks.append(block)
        index += opened
        holder = int(block.holder.max()) + 1
    return Mules(
        rings=tuple(rings),
        accounts=AccountBlock.concat(blocks),
        couriers=recruits[:taken],
        courier_pattern=np.concatenate(courier_pattern).astype(np.int8),
        courier_device=np.concatenate(courier_device).astype(np.int64),
    )


def _ring_accounts(
    rng: np.random.Generator, count: int, *, holder: int, active_from: int, year: int
) -> AccountBlock:
    """``count`` fresh accounts of a few holders, each holder's at different banks."""
    sizes, shares = zip(*_ACCOUNTS_PER_HOLDER, strict=True)
    weights = np.array([b.mule_share for b in KAZAKH_BANKS])
    owners: list[int] = []
    banks: list[int] = []
    while len(owners) < count:
        k = min(int(rng.choice(sizes, p=shares)), count - len(owners))
        banks.extend(rng.choice(len(KAZAKH_BANKS), k, replace=False, p=weights / weights.sum()))
        owners.extend([holder] * k)
        holder += 1
    owner = np.array(owners, dtype=np.int64)
    people = owner - owner[0]
    holders = int(people[-1]) + 1
    names = list(_MULE_COUNTRIES)
    share = np.array(list(_MULE_COUNTRIES.values()), dtype=float)
    country = np.array([COUNTRY[n] for n in names])[
        rng.choice(len(names), holders, p=share / share.sum())
    ]
    if (country == COUNTRY["KZ"]).all() and rng.random() < _FOREIGN_IN_RING:
        country[rng.integers(0, holders)] = COUNTRY[str(rng.choice(["UZ", "KG", "TJ", "RU"]))]
    age_days = np.clip(rng.exponential(12, count), 1, 60)
    return AccountBlock(
        bank=np.array(banks, dtype=np.int8),
        holder=owner,
        opened_at=active_from - (age_days * DAY_US).astype(np.int64),
        birth_year=birth_years(rng, holders, year=year, ages=MULE_AGES)[people],
        country=country[people].astype(np.int8),
        device=device_numbers(rng, holders)[people],
        ip=ip_numbers(rng, holders, KAZAKH_NETWORKS)[people],
        role=np.zeros(count, dtype=np.int8),
        pattern=np.zeros(count, dtype=np.int8),
    )
