"""What the telecom use cases need from storage: operators (transactional) and the call
records (the DuckDB call store)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.telecom.domain import (
    CallLoadSummary,
    Operator,
    ProtectedNumber,
    SimboxDevice,
    SimboxRun,
    SimScore,
)


class OperatorRepository(Protocol):
    def add(self, operator: Operator) -> None: ...

    def get(self, code: str) -> Operator | None: ...

    def all(self) -> list[Operator]: ...


class ProtectedNumberRepository(Protocol):
    def add(self, numbers: Sequence[str], *, label: str, by: str, at: datetime) -> int:
        """Protect the numbers not protected yet; how many that was."""
        ...

    def remove(self, numbers: Sequence[str]) -> int: ...

    def all(self) -> list[ProtectedNumber]: ...


class TelecomUnitOfWork(AccountsUnitOfWork, Protocol):
    """One transaction over operators, protected numbers, API users and the audit log."""

    @property
    def operators(self) -> OperatorRepository: ...

    @property
    def protected(self) -> ProtectedNumberRepository: ...


class CallRecords(Protocol):
    def load_file(
        self,
        path: Path,
        *,
        operator: str | None,
        requested_format: str,
        progress: Callable[[int], None] | None = None,
    ) -> CallLoadSummary:
        """Load one file whole or not at all; ``operator``: the sender's code, None at the
        console (each row then names its operator)."""
        ...

    def score_sims(self) -> SimboxRun:
        """Score every SIM with the SIM-box rules and keep the run."""
        ...

    def sim_scores(self, *, limit: int, flagged_only: bool) -> list[SimScore]: ...

    def simbox_devices(self) -> list[SimboxDevice]: ...
