"""Toi: a family feast whose host collects gifts from dozens of guests in a day.

A host's account then looks like a fan-in drop: many payers, round amounts, one day, and
big outgoing payments the next day (the restaurant, cash). Detectors must not flag it.
"""

from __future__ import annotations

import numpy as np

from cyberpol.synth.transfers.batch import CHANNEL, TransferBatch
from cyberpol.synth.transfers.clock import EVERYDAY_HOURS, OFFICE_HOURS, Day
from cyberpol.synth.transfers.exits import Exits
from cyberpol.synth.transfers.population import Population

_GIFTS = np.array([5_000, 10_000, 20_000, 30_000, 50_000]) * 100
_GIFT_SHARE = np.array([0.25, 0.35, 0.2, 0.1, 0.1])


def feasts(
    rng: np.random.Generator, *, population: Population, exits: Exits, day: Day
) -> TransferBatch:
    """Gifts to the hosts feasting on ``day``, and yesterday's hosts settling up."""
    p = population
    hosts = p.toi_hosts[p.toi_day == day.index]
    guests = np.clip(rng.lognormal(np.log(60), 0.5, hosts.size), 15, 250).astype(np.int64)
    host = np.repeat(hosts, guests)
    rows = host.size
    guest = p.people.draw(rng, rows)
    guest = np.where(guest == host, p.contacts[host, 0], guest)
    gifts = TransferBatch.legitimate(
        day.times(rng, rows, EVERYDAY_HOURS),
        guest,
        host,
        rng.choice(_GIFTS, rows, p=_GIFT_SHARE),
        np.where(rng.random(rows) < 0.8, CHANNEL["transfer"], CHANNEL["card_to_card"]),
    )
    settled = p.toi_hosts[p.toi_day == day.index - 1]
    restaurant = TransferBatch.legitimate(
        day.times(rng, settled.size, OFFICE_HOURS),
        settled,
        p.merchants.draw(rng, settled.size),
        np.round(rng.lognormal(np.log(900_000), 0.4, settled.size)) * 100,
        CHANNEL["payment"],
    )
    cash = TransferBatch.legitimate(
        day.times(rng, settled.size, EVERYDAY_HOURS),
        settled,
        exits.atms(rng, p.accounts.bank[settled]),
        rng.integers(10, 50, settled.size) * 10_000 * 100,
        CHANNEL["cash_out"],
    )
    return TransferBatch.concat([gifts, restaurant, cash])
