"""Health and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from cyberpol.accounts.service import read_audit
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.platform.http.deps import ActorDep, RuntimeDep
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(tags=["system"])


class AuditEntry(BaseModel):
    at: datetime
    actor: str
    action: AuditAction
    object_type: AuditObject
    object_id: str
    details: dict[str, object]


@router.get(
    "/api/v1/audit",
    response_model=list[AuditEntry],
    responses=ERROR_RESPONSES,
)
def audit(
    runtime: RuntimeDep,
    actor: ActorDep,
    object_type: AuditObject,
    object_id: Annotated[str, Query(min_length=1, max_length=64)],
) -> list[AuditEntry]:
    """Who read or changed an object, oldest first. Admins only."""
    entries = read_audit(
        uow=runtime.uow(), actor=actor, object_type=object_type, object_id=object_id
    )
    return [
        AuditEntry(
            at=e.at,
            actor=e.actor,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            details=dict(e.details),
        )
        for e in entries
    ]
