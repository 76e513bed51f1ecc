"""Ground truth for accounts: who turned out to be a mule or a victim in the transfers written."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from cyberpol.synth.transfers.accounts import MULE_ROLES, ROLE, AccountBlock
from cyberpol.synth.transfers.batch import TransferBatch
from cyberpol.synth.transfers.fraud import PlantedFraud
from cyberpol.synth.transfers.rings import Mules


@dataclass(frozen=True, slots=True)
class LabelledAccounts:
    """Accounts with their final roles, and which of them to write."""

    accounts: AccountBlock
    rows: np.ndarray  # indices of the accounts to write
    victims: int
    cases: int

    @property
    def mules(self) -> int:
        """How many of the written accounts are mules."""
        mule_roles = [ROLE[name] for name in MULE_ROLES]
        return int(np.isin(self.accounts.role[self.rows], mule_roles).sum())


def label_accounts(
    internal: AccountBlock,
    *,
    first_opened_for_rings: int,
    mules: Mules,
    planted: PlantedFraud,
    fraud: TransferBatch,
) -> LabelledAccounts:
    """Roles as the fraud that was written shows them.

    Couriers and victims are labelled only if they took part (a courier the ring never used
    is just a customer); accounts opened for a ring but never used are left out altogether.
    """
    involved = np.unique(np.concatenate([fraud.source, fraud.target]))
    role, pattern, device = internal.role.copy(), internal.pattern.copy(), internal.device.copy()
    took_part = np.isin(mules.couriers, involved)
    couriers = mules.couriers[took_part]
    role[couriers] = ROLE["courier"]
    pattern[couriers] = mules.courier_pattern[took_part]
    handled = took_part & (mules.courier_device >= 0)
    device[mules.couriers[handled]] = mules.courier_device[handled]
    cases = np.unique(fraud.case) - 1  # case ids start at 1
    victims = planted.victims[cases]
    role[victims] = ROLE["victim"]
    pattern[victims] = planted.patterns[cases]
    opened_for_rings = np.arange(first_opened_for_rings, len(internal))
    unused = opened_for_rings[~np.isin(opened_for_rings, involved)]
    return LabelledAccounts(
        accounts=replace(internal, role=role, pattern=pattern, device=device),
        rows=np.setdiff1d(np.arange(len(internal)), unused),
        victims=int(np.unique(victims).size),
        cases=int(cases.size),
    )
