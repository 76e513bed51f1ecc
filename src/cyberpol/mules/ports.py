"""The narrow interfaces the drop-detection use cases need."""

from __future__ import annotations

from typing import Protocol

from cyberpol.kernel.audit import AuditLog


class ReportedAccounts(Protocol):
    def payment_account_keys(self) -> list[str]:
        """Account keys (IBANs, hashed cards) citizens named in fraud reports."""
        ...


class MulesUnitOfWork(Protocol):
    """A transaction over the registry's reported accounts and the audit log."""

    indicators: ReportedAccounts
    audit: AuditLog

    def __enter__(self) -> MulesUnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...
