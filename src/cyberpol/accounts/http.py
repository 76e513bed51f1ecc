"""Health and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from cyberpol.kernel.access import Permission
from cyberpol.platform.http.deps import ActorDep, RuntimeDep
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(tags=["system"])


class AuditEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    object_type: str
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
    object_type: Annotated[
        str, Query(pattern="^(report|indicator|user|token|import|actor|bank|freeze_request|case)$")
    ],
    object_id: Annotated[str, Query(min_length=1, max_length=64)],
) -> list[AuditEntry]:
    """Who read or changed an object, oldest first. Admins only."""
    actor.require(Permission.READ_AUDIT_LOG)
    uow = runtime.uow()
    with uow:
        entries = uow.audit.entries(object_type=object_type, object_id=object_id)
    return [AuditEntry(**{k: e[k] for k in AuditEntry.model_fields}) for e in entries]
