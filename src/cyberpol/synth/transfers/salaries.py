"""Payroll: employers pay everyone at once on their payday, an advance and the rest or all."""

from __future__ import annotations

import numpy as np

from cyberpol.synth.transfers.batch import CHANNEL, TransferBatch
from cyberpol.synth.transfers.clock import OFFICE_HOURS, Day, paid_today
from cyberpol.synth.transfers.population import Population

_ADVANCE_SHARE = 0.4  # the advance on the 20th; the rest follows on the 5th


def salaries(rng: np.random.Generator, population: Population, day: Day) -> TransferBatch:
    """The salaries paid on ``day``: each employer's payroll runs within a couple of minutes."""
    p = population
    has_advance = p.advance_due > 0
    rest = paid_today(day.local_date, p.main_due)
    advance = has_advance & paid_today(day.local_date, np.where(has_advance, p.advance_due, 1))
    share = np.where(has_advance, 1 - _ADVANCE_SHARE, 1.0)
    employee = np.concatenate([np.flatnonzero(rest), np.flatnonzero(advance)])
    portion = np.concatenate([share[rest], np.full(int(advance.sum()), _ADVANCE_SHARE)])
    employer = p.employer[employee]
    payers, payroll = np.unique(employer, return_inverse=True)
    run_at = day.times(rng, payers.size, OFFICE_HOURS)
    ts = run_at[payroll] + rng.integers(0, 120_000_000, employee.size)
    amount = np.round(p.salary[employee] * portion / 100) * 100  # whole tenge
    return TransferBatch.legitimate(
        ts, employer, p.employees[employee], amount, CHANNEL["transfer"]
    )
