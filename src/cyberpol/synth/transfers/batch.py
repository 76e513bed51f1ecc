"""Transfers as parallel numpy columns, with their ground-truth labels alongside."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from cyberpol.money_trail.domain.transfers import TransferChannel
from cyberpol.synth.transfers.accounts import NO_PATTERN

CHANNELS = tuple(channel.value for channel in TransferChannel)
CHANNEL = {name: code for code, name in enumerate(CHANNELS)}
NO_CASE = -1


@dataclass(frozen=True, slots=True)
class TransferBatch:
    """Transfers between global account indices; amounts in tiyn so sums are exact."""

    ts: np.ndarray  # int64 microseconds since the epoch, UTC
    source: np.ndarray  # int64 account index
    target: np.ndarray  # int64 account index
    amount: np.ndarray  # int64 tiyn (1/100 tenge)
    channel: np.ndarray  # int8 index into CHANNELS
    pattern: np.ndarray  # int8 index into accounts.PATTERNS, NO_PATTERN when legitimate
    case: np.ndarray  # int64 victim's case, NO_CASE when legitimate

    def __len__(self) -> int:
        return int(self.ts.size)

    @staticmethod
    def legitimate(
        ts: np.ndarray,
        source: np.ndarray,
        target: np.ndarray,
        amount: np.ndarray,
        channel: int | np.ndarray,
    ) -> TransferBatch:
        """Everyday transfers, with empty fraud labels."""
        rows = ts.size
        return TransferBatch(
            ts=ts.astype(np.int64),
            source=source.astype(np.int64),
            target=target.astype(np.int64),
            amount=amount.astype(np.int64),
            channel=np.broadcast_to(np.asarray(channel, dtype=np.int8), (rows,)).copy(),
            pattern=np.full(rows, NO_PATTERN, dtype=np.int8),
            case=np.full(rows, NO_CASE, dtype=np.int64),
        )

    @staticmethod
    def concat(batches: list[TransferBatch]) -> TransferBatch:
        """All transfers of ``batches``, in order."""
        names = [f.name for f in fields(TransferBatch)]
        if not batches:
            return TransferBatch(*(np.zeros(0, dtype=np.int64) for _ in names))
        return TransferBatch(**{n: np.concatenate([getattr(b, n) for b in batches]) for n in names})

    def take(self, rows: np.ndarray | slice) -> TransferBatch:
        """The transfers at ``rows``."""
        return TransferBatch(**{f.name: getattr(self, f.name)[rows] for f in fields(TransferBatch)})

    def by_time(self) -> TransferBatch:
        """The same transfers sorted by time; ties keep their order, so output is reproducible."""
        return self.take(np.argsort(self.ts, kind="stable"))
