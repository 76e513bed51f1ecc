"""The append-only audit log: who read or changed what, and when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Column, Connection, DateTime, Index, String, Table, select

from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditAction, AuditEntry, AuditObject
from cyberpol.platform.db.masked import MaskedJSON, MaskedString
from cyberpol.platform.db.metadata import ID, metadata
from cyberpol.platform.db.sql import utc

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", MaskedString(100), nullable=False),
    Column("action", String(60), nullable=False, index=True),
    Column("object_type", String(30), nullable=False),
    Column("object_id", MaskedString(64), nullable=False),
    Column("details", MaskedJSON, nullable=False),
    Index("ix_audit_log_object", "object_type", "object_id"),
)


class SqlAuditLog:
    """Append-only: this class has no update or delete, and triggers refuse them in the database."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def record(
        self,
        *,
        actor: Actor,
        action: AuditAction,
        object_type: AuditObject,
        object_id: str,
        details: Mapping[str, object] | None = None,
        at: datetime,
    ) -> None:
        self._db.execute(
            audit_log.insert().values(
                at=at,
                actor=actor.name,
                action=action.value,
                object_type=object_type.value,
                object_id=object_id,
                details=dict(details or {}),
            )
        )

    def entries(self, *, object_type: AuditObject, object_id: str) -> list[AuditEntry]:
        rows = self._db.execute(
            select(audit_log)
            .where(audit_log.c.object_type == object_type.value, audit_log.c.object_id == object_id)
            .order_by(audit_log.c.id)
        )
        return [
            AuditEntry(
                at=utc(row.at),
                actor=row.actor,
                action=AuditAction(row.action),
                object_type=AuditObject(row.object_type),
                object_id=row.object_id,
                details=row.details,
            )
            for row in rows
        ]
