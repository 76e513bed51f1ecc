"""``generate_transfers``: a month of Kazakh bank transfers with planted fraud, as Parquet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
from numpy.random import PCG64, Generator, SeedSequence

from cyberpol.synth.transfers.accounts import ROLE, AccountBlock
from cyberpol.synth.transfers.batch import TransferBatch
from cyberpol.synth.transfers.clock import DAY_US, day_weights, days_from, to_us
from cyberpol.synth.transfers.everyday import Everyday
from cyberpol.synth.transfers.exits import Exits, build_exits
from cyberpol.synth.transfers.fraud import plant_fraud
from cyberpol.synth.transfers.identifiers import kazakh_ibans, unique_numbers
from cyberpol.synth.transfers.labels import label_accounts
from cyberpol.synth.transfers.population import Population, build_population
from cyberpol.synth.transfers.rings import Mules, recruit_rings
from cyberpol.synth.transfers.writer import TransferWriter, write_accounts

DEFAULT_START = datetime(2025, 3, 1, tzinfo=timezone(timedelta(hours=5)))  # local midnight
TRANSFERS_PER_ACCOUNT = 25  # a month of an active Kazakh bank customer, both directions
MULE_SHARE = 0.01  # of accounts
FRAUD_SHARE = 0.007  # of transfers, aimed at
MAX_FRAUD_SHARE_PERCENT = 2
TRANSFERS_PER_CASE = 6.5  # what the patterns in ``fraud`` average, to size the case count


@dataclass(frozen=True, slots=True)
class TransferSynthSummary:
    """What ``generate_transfers`` wrote: counts and the four files."""

    transfers: int
    accounts: int
    mules: int
    fraud_transfers: int
    victims: int
    cases: int
    transfers_path: Path
    accounts_path: Path
    account_labels_path: Path
    transfer_labels_path: Path


@dataclass(frozen=True, slots=True)
class _World:
    """Everyone who can send or receive: honest accounts, rings' accounts, then exits."""

    population: Population
    mules: Mules
    internal: AccountBlock
    exits: Exits
    bank: np.ndarray  # per global account index: index into banks.BICS


def _world(
    seeds: list[SeedSequence], *, transfers: int, start_us: int, end_us: int, days: int, year: int
) -> _World:
    people_seed, rings_seed, exits_seed = seeds
    accounts = max(100, transfers // TRANSFERS_PER_ACCOUNT)
    mule_target = max(5, round(accounts * MULE_SHARE))
    population = build_population(
        Generator(PCG64(people_seed)),
        accounts=accounts - mule_target,
        start_us=start_us,
        days=days,
        year=year,
    )
    legit = population.accounts
    old_customers = (legit.role == ROLE["customer"]) & (legit.opened_at < start_us - 365 * DAY_US)
    mules = recruit_rings(
        Generator(PCG64(rings_seed)),
        customers=np.flatnonzero(old_customers),
        mules=mule_target,
        first_index=len(legit),
        first_holder=int(legit.holder.max()) + 1,
        start_us=start_us,
        end_us=end_us,
        year=year,
    )
    internal = AccountBlock.concat([legit, mules.accounts])
    exits = build_exits(Generator(PCG64(exits_seed)), accounts=len(internal), offset=len(internal))
    bank = np.concatenate([internal.bank.astype(np.int16), exits.bank])
    return _World(population, mules, internal, exits, bank)


def generate_transfers(
    out_dir: Path,
    *,
    transfers: int,
    seed: int = 1,
    days: int = 30,
    start: datetime | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> TransferSynthSummary:
    """Write ``transfers`` synthetic transfers over ``days`` days; same args, same files."""
    if transfers < 0:
        raise ValueError(f"transfers must be zero or more, not {transfers}")
    if days < 1:
        raise ValueError(f"days must be at least 1, not {days}")
    if seed < 0:
        raise ValueError(f"seed must be zero or more, not {seed}")
    start = start or DEFAULT_START
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    start_us = to_us(start)
    end_us = start_us + days * DAY_US
    year = (start + timedelta(days=days / 2)).year
    seeds = SeedSequence(seed).spawn(7)
    world = _world(
        seeds[:3], transfers=transfers, start_us=start_us, end_us=end_us, days=days, year=year
    )
    legit = world.population.accounts
    planted = plant_fraud(
        Generator(PCG64(seeds[3])),
        mules=world.mules,
        victims=np.setdiff1d(np.flatnonzero(legit.role == ROLE["customer"]), world.mules.couriers),
        bank=world.bank,
        exits=world.exits,
        cases=round(transfers * FRAUD_SHARE / TRANSFERS_PER_CASE),
        start_us=start_us,
        end_us=end_us,
    )
    # Rings need a few cases to use all their accounts, too many for tiny runs: those keep
    # the earliest fraud, so that no onward transfer lacks the one that funded it.
    fraud = planted.transfers.take(slice(0, transfers * MAX_FRAUD_SHARE_PERCENT // 100))
    labelled = label_accounts(
        world.internal,
        first_opened_for_rings=len(legit),
        mules=world.mules,
        planted=planted,
        fraud=fraud,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    names = pa.concat_arrays(
        [kazakh_ibans(Generator(PCG64(seeds[4])), world.internal.bank), world.exits.names]
    )
    holders = int(world.internal.holder.max()) + 1
    holder_numbers = unique_numbers(
        Generator(PCG64(seeds[5])), holders, 10 ** max(8, len(str(holders * 10)))
    )
    accounts_path, account_labels_path = write_accounts(
        out_dir,
        accounts=labelled.accounts,
        rows=labelled.rows,
        names=names,
        holder_numbers=holder_numbers,
    )
    with TransferWriter(out_dir, names=names, bank=world.bank) as writer:
        _write_days(
            writer,
            seeds[6],
            everyday=Everyday(population=world.population, exits=world.exits),
            fraud=fraud,
            transfers=transfers,
            start=start,
            days=days,
            on_progress=on_progress,
        )
    return TransferSynthSummary(
        transfers=writer.written,
        accounts=int(labelled.rows.size),
        mules=labelled.mules,
        fraud_transfers=len(fraud),
        victims=labelled.victims,
        cases=labelled.cases,
        transfers_path=writer.transfers_path,
        accounts_path=accounts_path,
        account_labels_path=account_labels_path,
        transfer_labels_path=writer.labels_path,
    )


def _write_days(
    writer: TransferWriter,
    seed: SeedSequence,
    *,
    everyday: Everyday,
    fraud: TransferBatch,
    transfers: int,
    start: datetime,
    days: int,
    on_progress: Callable[[int], None] | None,
) -> None:
    """Each day's everyday transfers and fraud, in time order, a row group per day."""
    calendar = days_from(start, days)
    edges = np.searchsorted(
        fraud.ts, [d.start_us for d in calendar] + [calendar[-1].start_us + DAY_US]
    )
    rng = Generator(PCG64(seed))
    everyday_counts = rng.multinomial(transfers - len(fraud), day_weights(calendar))
    for day, day_seed, count in zip(calendar, seed.spawn(days), everyday_counts, strict=True):
        honest = everyday.day(Generator(PCG64(day_seed)), day, int(count))
        planted = fraud.take(slice(edges[day.index], edges[day.index + 1]))
        writer.write(TransferBatch.concat([honest, planted]).by_time())
        if on_progress is not None:
            on_progress(writer.written)
