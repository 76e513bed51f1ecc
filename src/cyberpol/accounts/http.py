"""The audit log over HTTP: who read or changed what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from cyberpol.accounts.schemas import AuditEntryPublic
from cyberpol.accounts.service import AccountService
from cyberpol.kernel.audit import AuditObject
from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(tags=["system"])
AccountsDep = Annotated[AccountService, Depends(service(AccountService))]


@router.get("/api/v1/audit", response_model=list[AuditEntryPublic], responses=ERROR_RESPONSES)
def audit(
    accounts: AccountsDep,
    actor: ActorDep,
    object_type: AuditObject,
    object_id: Annotated[str, Query(min_length=1, max_length=64)],
) -> list[AuditEntryPublic]:
    """Who read or changed an object, oldest first. Admins only."""
    entries = accounts.read_audit(actor=actor, object_type=object_type, object_id=object_id)
    return [AuditEntryPublic.model_validate(e) for e in entries]
