"""Account bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from cyberpol.kernel.audit import AuditAction, AuditObject


class AuditEntryPublic(BaseModel):
    """One audit entry: who read or changed what, and when."""

    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    action: AuditAction
    object_type: AuditObject
    object_id: str
    details: dict[str, object]
