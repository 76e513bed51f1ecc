"""What the telecom use cases need from storage: operators (transactional) and the call
records (the DuckDB call store)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.kernel.pages import Page
from cyberpol.telecom.domain.blocks import (
    BlockAction,
    BlockEvent,
    BlockRequest,
    BlockState,
    BlockTargetKind,
)
from cyberpol.telecom.domain.records import (
    CallLoadSummary,
    Operator,
    ProtectedNumber,
    SimboxDevice,
    SimboxRun,
    SimboxTraining,
    SimScore,
)
from cyberpol.telecom.domain.verdicts import BlockedAttempt, BlockTally


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

    def numbers(self) -> set[str]: ...

    def stamp(self) -> str:
        """Changes whenever a number is added or removed."""
        ...


class CallBlockRepository(Protocol):
    def add(self, operator: str, counts: Mapping[BlockedAttempt, int]) -> None:
        """Count blocked calls (made atomic by the database: requests count at once)."""
        ...

    def tallies(
        self, *, since: date | None, until: date | None, operator: str | None
    ) -> list[BlockTally]: ...


@dataclass(frozen=True, slots=True)
class BlockFilter:
    operator: str | None = None
    state: BlockState | None = None
    case_number: str | None = None
    overdue_at: datetime | None = None  # only requests unanswered past their deadline then
    limit: int = 50
    offset: int = 0


class BlockRequestRepository(Protocol):
    def add(self, request: BlockRequest) -> BlockRequest:
        """Store a new request (its id is ignored); Conflict if the target is live there."""
        ...

    def get(self, request_id: int) -> BlockRequest | None: ...

    def live(self, kind: BlockTargetKind, value: str, operator: str) -> BlockRequest | None:
        """The open or suspended request for the target at the operator."""
        ...

    def save(self, request: BlockRequest) -> None: ...

    def add_event(
        self, request_id: int, action: BlockAction, state: BlockState, actor: str,
        at: datetime, details: dict[str, Any],
    ) -> None: ...  # fmt: skip

    def events(self, request_id: int) -> list[BlockEvent]: ...

    def search(self, filters: BlockFilter) -> Page[BlockRequest]: ...

    def note_holder_numbers(
        self, holder_ref: str, numbers: Sequence[str], operator: str, at: datetime
    ) -> int:
        """Record numbers the holder holds; how many distinct numbers it now has."""
        ...


class TelecomUnitOfWork(AccountsUnitOfWork, Protocol):
    """One transaction over operators, protected numbers, API users and the audit log."""

    @property
    def operators(self) -> OperatorRepository: ...

    @property
    def protected(self) -> ProtectedNumberRepository: ...

    @property
    def call_blocks(self) -> CallBlockRepository: ...

    @property
    def blocks(self) -> BlockRequestRepository: ...


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

    def score_sims(self, *, engine: str = "duckdb") -> SimboxRun:
        """Score every SIM with the SIM-box model (or the rules) and keep the run; features
        on DuckDB or Spark."""
        ...

    def load_sim_labels(self, path: Path) -> int:
        """Ground-truth SIM labels from a file (imsi, is_simbox); how many rows it had."""
        ...

    def train_simbox_model(self) -> SimboxTraining:
        """A new SIM-box model version from every labelled SIM, kept as the current one."""
        ...

    def sim_scores(
        self, *, limit: int, flagged_only: bool, device: str | None = None
    ) -> list[SimScore]:
        """The last run's SIMs, the highest scores first; ``device``: one box's only."""
        ...

    def simbox_devices(self) -> list[SimboxDevice]: ...

    def record_sim_verdict(self, imsi: str, *, is_simbox: bool, analyst: str, at: datetime) -> bool:
        """An analyst's word on a SIM; False when no record names the SIM."""
        ...

    def simbox_numbers(self) -> set[str]:
        """Numbers of the SIMs the last run flagged."""
        ...

    def roaming_numbers(self) -> set[str]:
        """The subscribers abroad now."""
        ...

    def number_owners(self, numbers: Sequence[str]) -> dict[str, str]:
        """The operator each number belongs to, for the numbers the store knows."""
        ...

    def set_roaming(
        self, numbers: Sequence[str], *, operator: str, roaming: bool, at: datetime
    ) -> int:
        """Record the numbers as abroad or home; how many changed."""
        ...
