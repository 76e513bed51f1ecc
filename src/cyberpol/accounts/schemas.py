"""Account bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from cyberpol.kernel.audit import AuditAction, AuditEntry, AuditObject


class AuditEntryPublic(BaseModel):
    at: datetime
    actor: str
    action: AuditAction
    object_type: AuditObject
    object_id: str
    details: dict[str, object]

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryPublic:
        """The JSON shape of one audit entry."""
        return cls(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            details=dict(entry.details),
        )
