"""A second transfer generator, written to another recipe than ``cyberpol.synth``.

It exists to measure the shipped drop model on data it was not trained on. What differs
from ``synth``: other banks' shares; accounts named by the banks' own ids as well as IBANs;
drops that live an ordinary life (salary, shopping, friends) for weeks before they are
recruited; drops that keep part of what passes through them; victims who pay two or three
drops; a second layer of drops that cash out; ordinary people who also withdraw cash and
send money to relatives abroad.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cyberpol.synth.payments import draw_iban

START = datetime(2026, 9, 1, tzinfo=UTC)
BANKS = (("HSBKKZKX", 40), ("IRTYKZKA", 25), ("KCJBKZKX", 15), ("CASPKZKA", 20))


@dataclass(frozen=True, slots=True)
class RecipeB:
    path: Path
    drops: frozenset[str]


def generate(path: Path, *, seed: int, people: int = 2500, drops: int = 40) -> RecipeB:
    """Write ``path`` (Parquet, the exchange format) and return which accounts are drops."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    bank_of: dict[str, str] = {}

    def account() -> str:
        bic = rng.choices([b for b, _ in BANKS], [w for _, w in BANKS])[0]
        # A quarter of accounts come as the bank's own id, as some core systems export them.
        name = draw_iban(rng, bic) if rng.random() < 0.75 else f"{bic[:4]}-{rng.randrange(10**9)}"
        bank_of[name] = bic
        return name

    def send(
        day: float, source: str, target: str, amount: float, channel: str = "transfer"
    ) -> None:
        rows.append(
            {
                "transfer_id": f"B{seed}-{len(rows)}",
                "ts": (START + timedelta(days=day)).isoformat(),
                "amount": f"{max(amount, 1.0):.2f}",
                "currency": "KZT",
                "from_account": source,
                "from_bank": bank_of.get(source, "HSBKKZKX"),
                "to_account": target,
                "to_bank": bank_of.get(target, ""),
                "channel": channel,
            }
        )

    population = [account() for _ in range(people)]
    employers = [account() for _ in range(25)]
    merchants = [account() for _ in range(150)]
    for employer in employers:
        for week in range(0, 60, 7):  # employers' own revenue, weekly
            send(week + rng.random(), rng.choice(merchants), employer, rng.lognormvariate(15, 0.5))
    friends = {p: rng.sample(population, 5) for p in population}
    for person in population:
        employer = rng.choice(employers)
        salary = rng.lognormvariate(12.6, 0.4)
        for month_day in (5, 35):
            send(month_day + rng.random(), employer, person, salary)
        for _ in range(rng.randint(8, 30)):
            send(rng.uniform(0, 60), person, rng.choice(merchants), rng.lognormvariate(9, 1))
        for _ in range(rng.randint(0, 4)):
            send(rng.uniform(0, 60), person, rng.choice(friends[person]), rng.lognormvariate(10, 1))
        if rng.random() < 0.5:
            send(rng.uniform(0, 60), person, "", rng.lognormvariate(10.5, 0.6), "cash_out")
        if rng.random() < 0.05:
            send(rng.uniform(0, 60), person, "40817810" + f"{rng.randrange(10**12):012d}",
                 rng.lognormvariate(11, 0.5), "foreign")  # fmt: skip

    # Drops: ordinary people first, recruited on some day between 15 and 35.
    first_layer = rng.sample(population, drops)
    second_layer = [account() for _ in range(max(drops // 3, 1))]
    for drop in second_layer:  # fresh accounts with a little history of their own
        send(rng.uniform(0, 10), rng.choice(population), drop, rng.lognormvariate(9, 0.5))
    victims = rng.sample([p for p in population if p not in first_layer], drops * 4)
    recruited = {drop: rng.uniform(15, 35) for drop in first_layer}
    for victim in victims:
        for drop in rng.sample(first_layer, rng.randint(1, 3)):
            day = recruited[drop] + rng.uniform(0, 20)
            amount = rng.lognormvariate(12, 0.7)
            send(day, victim, drop, amount)
            kept = rng.uniform(0.05, 0.3)  # drops keep a cut
            left, hop_day = amount * (1 - kept), day + rng.uniform(0.05, 0.5)
            route = rng.random()
            if route < 0.4:
                send(hop_day, drop, rng.choice(second_layer), left)
            elif route < 0.7:
                send(hop_day, drop, f"T{rng.randrange(10**20):020d}", left, "crypto")
            else:
                send(hop_day, drop, "", left, "cash_out")
    for drop in second_layer:
        inflow = sum(float(str(r["amount"])) for r in rows if r["to_account"] == drop)
        for _ in range(rng.randint(2, 5)):
            send(rng.uniform(36, 60), drop, "", inflow * rng.uniform(0.1, 0.25), "cash_out")
    pq.write_table(pa.Table.from_pylist(rows), path)
    return RecipeB(path, frozenset(first_layer) | frozenset(second_layer))
