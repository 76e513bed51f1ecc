"""Health and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from cyberpol.api import schemas
from cyberpol.api.deps import ActorDep, RuntimeDep
from cyberpol.domain.access import Permission

router = APIRouter(tags=["system"])


class Health(BaseModel):
    status: str
    database: str


class AuditEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    details: dict[str, object]


@router.get("/healthz", response_model=Health)
def healthz(runtime: RuntimeDep, response: Response) -> Health:
    """Liveness and database reachability: 503 while the database cannot be reached."""
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        response.status_code = 503
        return Health(status="database unreachable", database=runtime.engine.dialect.name)
    return Health(status="ok", database=runtime.engine.dialect.name)


@router.get(
    "/api/v1/audit",
    response_model=list[AuditEntry],
    responses=schemas.ERROR_RESPONSES,
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
