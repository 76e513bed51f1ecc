"""Audit entries for use cases whose work happens outside the SQL unit of work."""

from __future__ import annotations

from collections.abc import Mapping

from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditAction, AuditObject, AuditUnitOfWork
from cyberpol.kernel.clock import Clock


def record_in_own_transaction(
    uow: AuditUnitOfWork,
    *,
    clock: Clock,
    actor: Actor,
    action: AuditAction,
    object_type: AuditObject,
    object_id: str,
    details: Mapping[str, object],
) -> None:
    """Write one audit entry and commit it (the transfer store is not in this transaction)."""
    with uow:
        uow.audit.record(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=details,
            at=clock(),
        )
        uow.commit()
