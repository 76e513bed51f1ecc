"""The audit log every capability writes: who read or changed what, and when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from cyberpol.kernel.access import Actor


class AuditLog(Protocol):
    def record(
        self,
        *,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str,
        details: Mapping[str, object] | None = None,
        at: datetime,
    ) -> None: ...

    def entries(self, *, object_type: str, object_id: str) -> list[dict[str, object]]: ...


class AuditUnitOfWork(Protocol):
    """A transaction with nothing but the audit log in it."""

    audit: AuditLog

    def __enter__(self) -> AuditUnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...
