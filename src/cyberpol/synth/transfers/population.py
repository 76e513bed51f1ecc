"""The law-abiding population: holders, their accounts at Kazakh banks, and who pays whom.

Most people hold one account, some hold two to four (a Kaspi card and a salary account at
Halyk, say). Roles give the everyday economy its shape: employers pay salaries, merchants,
traders, utilities and wedding hosts receive from many, migrant workers send money home.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cyberpol.synth.transfers.accounts import (
    COUNTRY,
    KAZAKH_NETWORKS,
    NO_PATTERN,
    ROLE,
    AccountBlock,
    birth_years,
    device_numbers,
    ip_numbers,
)
from cyberpol.synth.transfers.banks import KAZAKH_BANKS
from cyberpol.synth.transfers.clock import DAY_US

ADULT_AGES = ((18, 24, 14), (25, 34, 24), (35, 44, 21), (45, 54, 17), (55, 64, 14), (65, 82, 10))
_COUNTRY_SHARE = {"KZ": 95.5, "UZ": 1.8, "KG": 0.8, "TJ": 0.4, "RU": 1.0, "TR": 0.3, "CN": 0.2}
_ACCOUNTS_PER_HOLDER = ((1, 0.74), (2, 0.19), (3, 0.05), (4, 0.02))
CONTACTS = 6  # family and friends each person sends money to
_SHARED_DEVICE = 0.08  # households where two holders use one phone
_CARRIER_NAT = 0.7  # people seen behind a mobile operator's shared address


@dataclass(frozen=True, slots=True)
class WeightedPool:
    """Accounts to draw from, each with a weight (kept cumulative for fast draws)."""

    items: np.ndarray
    cumulative: np.ndarray

    @staticmethod
    def of(items: np.ndarray, weights: np.ndarray) -> WeightedPool:
        """A pool of ``items`` drawn in proportion to ``weights``."""
        return WeightedPool(np.asarray(items, dtype=np.int64), np.cumsum(weights, dtype=float))

    def draw(self, rng: np.random.Generator, count: int) -> np.ndarray:
        """``count`` items drawn with replacement in proportion to their weights."""
        if self.items.size == 0:
            raise ValueError("Cannot draw from an empty pool")
        position = np.searchsorted(
            self.cumulative, rng.random(count) * self.cumulative[-1], "right"
        )
        return self.items[np.minimum(position, self.items.size - 1)]


@dataclass(frozen=True, slots=True)
class Population:
    """Legitimate accounts and the relations everyday transfers follow."""

    accounts: AccountBlock
    people: WeightedPool  # private persons, weighted by how much they transact
    contacts: np.ndarray  # (accounts, CONTACTS): whom each account sends private transfers to
    sibling: np.ndarray  # another account of the same holder, -1 for single-account holders
    merchants: WeightedPool
    utilities: WeightedPool
    traders: WeightedPool
    businesses: np.ndarray  # merchants and employers, who also pay each other
    employees: np.ndarray
    employer: np.ndarray  # the paying account of each employee
    salary: np.ndarray  # tiyn a month, per employee
    main_due: np.ndarray  # per employee: day of month the salary (or its rest) is due
    advance_due: np.ndarray  # per employee: day of the advance, 0 when paid once a month
    toi_hosts: np.ndarray
    toi_day: np.ndarray  # index of the day of each host's feast, negative when not this period
    crypto_buyers: np.ndarray
    migrants: np.ndarray  # migrant workers, who send money home


def _holders(rng: np.random.Generator, accounts: int) -> tuple[np.ndarray, np.ndarray]:
    """The holder number of each account, and the position of each holder's first account."""
    sizes, shares = zip(*_ACCOUNTS_PER_HOLDER, strict=True)
    counts = rng.choice(sizes, size=accounts, p=shares)
    ends = np.cumsum(counts)
    holders = int(np.searchsorted(ends, accounts)) + 1
    counts = counts[:holders]
    counts[-1] -= ends[holders - 1] - accounts
    holder = np.repeat(np.arange(holders, dtype=np.int64), counts)
    return holder, np.cumsum(counts) - counts


def _roles(rng: np.random.Generator, accounts: int, days: int) -> np.ndarray:
    """Business and special roles on random accounts; everyone else is a customer."""
    role = np.full(accounts, ROLE["customer"], dtype=np.int8)
    counts = {
        "utility": min(30, max(4, accounts // 3000)),
        "employer": max(3, accounts // 250),
        "merchant": max(5, accounts * 3 // 100),
        "trader": max(2, accounts // 100),
        "toi_host": max(2, accounts * days // 8000),
        "crypto_buyer": max(2, accounts * 15 // 1000),
    }
    order = rng.permutation(accounts)
    taken = 0
    for name, count in counts.items():
        role[order[taken : taken + count]] = ROLE[name]
        taken += count
    return role


def build_population(
    rng: np.random.Generator, *, accounts: int, start_us: int, days: int, year: int
) -> Population:
    """A population of ``accounts`` legitimate accounts as of ``start_us``."""
    holder, first_of = _holders(rng, accounts)
    holders = first_of.size
    counts = np.diff(np.append(first_of, accounts))
    sibling = np.where(
        counts[holder] > 1,
        first_of[holder] + (np.arange(accounts) - first_of[holder] + 1) % counts[holder],
        -1,
    )
    names = list(_COUNTRY_SHARE)
    share = np.array(list(_COUNTRY_SHARE.values()))
    country = np.array([COUNTRY[n] for n in names])[
        rng.choice(len(names), holders, p=share / share.sum())
    ]
    device = device_numbers(rng, holders)
    household = np.flatnonzero(rng.random(holders) < _SHARED_DEVICE)
    device[household[household > 0]] = device[household[household > 0] - 1]
    nat_pool = ip_numbers(rng, max(20, holders // 12), KAZAKH_NETWORKS)
    ip = np.where(
        rng.random(holders) < _CARRIER_NAT,
        nat_pool[rng.integers(0, nat_pool.size, holders)],
        ip_numbers(rng, holders, KAZAKH_NETWORKS),
    )
    role = _roles(rng, accounts, days)
    role[
        (role == ROLE["customer"])
        & np.isin(country[holder], [COUNTRY[c] for c in ("UZ", "KG", "TJ")])
    ] = ROLE["migrant_worker"]
    business = np.isin(role, [ROLE["merchant"], ROLE["employer"], ROLE["utility"]])
    retail = np.array([b.retail_share for b in KAZAKH_BANKS])
    corporate = np.array([b.business_share for b in KAZAKH_BANKS])
    bank = np.where(
        business,
        rng.choice(len(KAZAKH_BANKS), accounts, p=corporate / corporate.sum()),
        rng.choice(len(KAZAKH_BANKS), accounts, p=retail / retail.sum()),
    ).astype(np.int8)
    # Years of history, and a few accounts opened just before the period, as drops are.
    age_days = np.minimum(20 + rng.exponential(3 * 365, accounts), 12 * 365)
    fresh = rng.random(accounts) < 0.02
    age_days[fresh] = rng.uniform(2, 60, int(fresh.sum()))
    born = birth_years(rng, holders, year=year, ages=ADULT_AGES)
    block = AccountBlock(
        bank=bank,
        holder=holder,
        opened_at=start_us - (age_days * DAY_US).astype(np.int64),
        birth_year=born[holder],
        country=country[holder].astype(np.int8),
        device=np.where(rng.random(accounts) < 0.85, device[holder], device_numbers(rng, accounts)),
        ip=ip[holder],
        role=role,
        pattern=np.full(accounts, NO_PATTERN, dtype=np.int8),
    )
    return _economy(rng, block, sibling=sibling, first_of=first_of, year=year, days=days)


def _economy(
    rng: np.random.Generator,
    block: AccountBlock,
    *,
    sibling: np.ndarray,
    first_of: np.ndarray,
    year: int,
    days: int,
) -> Population:
    """Who pays whom: contacts, employers, shops and their popularity."""
    accounts = len(block)
    role = block.role
    is_main = np.zeros(accounts, dtype=bool)
    is_main[first_of] = True
    person_roles = [
        ROLE[r] for r in ("customer", "trader", "toi_host", "crypto_buyer", "migrant_worker")
    ]
    people = np.flatnonzero(np.isin(role, person_roles))
    activity = rng.lognormal(0.0, 1.0, people.size) * np.where(is_main[people], 1.0, 0.35)
    contacts = people[rng.integers(0, people.size, size=(accounts, CONTACTS))]
    own = contacts == np.arange(accounts)[:, None]
    contacts[own] = people[(np.searchsorted(people, contacts[own]) + 1) % people.size]

    def pool(name: str, sigma: float) -> WeightedPool:
        members = np.flatnonzero(role == ROLE[name])
        return WeightedPool.of(members, rng.lognormal(0.0, sigma, members.size))

    employers = np.flatnonzero(role == ROLE["employer"])
    age = year - block.birth_year.astype(np.int64)
    working = (age >= 20) & (age <= 63) & is_main & np.isin(role, person_roles)
    employees = np.flatnonzero(working & (rng.random(accounts) < 0.62))
    size = rng.permutation(np.arange(1, employers.size + 1) ** -1.1)
    works_for = rng.choice(employers.size, employees.size, p=size / size.sum())
    # Per employer: paid once on the 5th or the 20th, or an advance on the 20th and the rest
    # on the 5th; each with its own shift of a day or two.
    scheme = rng.choice(3, employers.size, p=[0.4, 0.45, 0.15])
    shift = rng.choice([-2, -1, 0, 0, 0, 1, 2, 3], employers.size)
    main_due = np.where(scheme == 2, 20, 5) + shift
    advance_due = np.where(scheme == 1, 20 + shift, 0)
    salary = np.round(np.clip(rng.lognormal(np.log(300_000), 0.55, employees.size), 85_000, 6e6))
    toi_hosts = np.flatnonzero(role == ROLE["toi_host"])
    return Population(
        accounts=block,
        people=WeightedPool.of(people, activity),
        contacts=contacts,
        sibling=sibling,
        merchants=pool("merchant", 1.5),
        utilities=pool("utility", 0.8),
        traders=pool("trader", 1.0),
        businesses=np.flatnonzero(np.isin(role, [ROLE["merchant"], ROLE["employer"]])),
        employees=employees,
        employer=employers[works_for],
        salary=salary.astype(np.int64) * 100,
        main_due=main_due[works_for],
        advance_due=advance_due[works_for],
        toi_hosts=toi_hosts,
        toi_day=rng.integers(-days, days, toi_hosts.size),
        crypto_buyers=np.flatnonzero(role == ROLE["crypto_buyer"]),
        migrants=np.flatnonzero(role == ROLE["migrant_worker"]),
    )
