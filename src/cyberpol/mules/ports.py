"""The narrow interfaces the drop-detection use cases need."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from cyberpol.kernel.audit import AuditUnitOfWork
from cyberpol.mules.domain import MuleScore, ScoringSummary, TrainingResult


class ReportedAccounts(Protocol):
    def payment_account_keys(self) -> list[str]:
        """Account keys (IBANs, hashed cards) citizens named in fraud reports."""
        ...


class MulesUnitOfWork(AuditUnitOfWork, Protocol):
    """A transaction over the registry's reported accounts and the audit log."""

    @property
    def indicators(self) -> ReportedAccounts: ...


class MuleDesk(Protocol):
    """Where scores, models and verdicts are kept."""

    def score(
        self, *, reported: list[str], engine: str = "duckdb", out: Path | None = None
    ) -> ScoringSummary: ...

    def top(self, *, limit: int, flagged_only: bool) -> list[MuleScore]: ...

    def label(self, *, account: str, is_mule: bool, actor: str) -> None: ...

    def load_labels(self, path: Path) -> int: ...

    def train(self, *, reported: list[str]) -> TrainingResult: ...
