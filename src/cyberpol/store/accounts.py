"""Users and tokens, the audit log and import progress on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, or_, select, update

from cyberpol.domain.access import Actor, Role
from cyberpol.store.rows import utc
from cyberpol.store.tables import audit_log, import_runs, tokens, users


class SqlUserRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add_user(self, *, name: str, role: str, organisation: str | None, now: datetime) -> int:
        result = self._db.execute(
            users.insert().values(
                name=name, role=role, organisation=organisation, disabled=False, created_at=now
            )
        )
        return int(result.inserted_primary_key[0])

    def user_by_name(self, name: str) -> dict[str, object] | None:
        row = self._db.execute(select(users).where(users.c.name == name)).first()
        return dict(row._mapping) if row else None

    def add_token(
        self, *, user_id: int, token_hash: str, prefix: str, label: str | None, now: datetime
    ) -> int:
        result = self._db.execute(
            tokens.insert().values(
                user_id=user_id, token_hash=token_hash, prefix=prefix, label=label, created_at=now
            )
        )
        return int(result.inserted_primary_key[0])

    def actor_for_token_hash(self, token_hash: str) -> Actor | None:
        row = self._db.execute(
            select(users.c.name, users.c.role, users.c.organisation)
            .join(tokens, tokens.c.user_id == users.c.id)
            .where(
                tokens.c.token_hash == token_hash,
                tokens.c.revoked_at.is_(None),
                users.c.disabled.is_(False),
            )
        ).first()
        return Actor(row.name, Role(row.role), row.organisation) if row else None

    def revoke_token(self, *, prefix_or_id: str, now: datetime) -> int:
        match = [tokens.c.prefix == prefix_or_id, tokens.c.token_hash == prefix_or_id]
        if prefix_or_id.isdigit():
            match.append(tokens.c.id == int(prefix_or_id))
        result = self._db.execute(
            update(tokens).where(or_(*match), tokens.c.revoked_at.is_(None)).values(revoked_at=now)
        )
        return result.rowcount


class SqlAuditLog:
    """Append-only: this class has no update or delete, and triggers refuse them in the database."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def record(
        self,
        *,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str,
        details: Mapping[str, object] | None = None,
        at: datetime,
    ) -> None:
        self._db.execute(
            audit_log.insert().values(
                at=at,
                actor=actor.name,
                action=action,
                object_type=object_type,
                object_id=object_id,
                details=dict(details or {}),
            )
        )

    def entries(self, *, object_type: str, object_id: str) -> list[dict[str, object]]:
        rows = self._db.execute(
            select(audit_log)
            .where(audit_log.c.object_type == object_type, audit_log.c.object_id == object_id)
            .order_by(audit_log.c.id)
        )
        return [{**row._mapping, "at": utc(row.at)} for row in rows]


class SqlImportProgress:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def resume_point(self, *, digest: str, what: str) -> dict[str, int | bool] | None:
        row = self._db.execute(
            select(import_runs).where(import_runs.c.digest == digest, import_runs.c.what == what)
        ).first()
        if row is None:
            return None
        return {
            "rows_done": row.rows_done,
            "rows_loaded": row.rows_loaded,
            "rows_rejected": row.rows_rejected,
            "finished": row.finished,
        }

    def save(
        self,
        *,
        digest: str,
        what: str,
        source: str,
        rows_done: int,
        rows_loaded: int,
        rows_rejected: int,
        finished: bool,
        now: datetime,
    ) -> None:
        values = {
            "rows_done": rows_done,
            "rows_loaded": rows_loaded,
            "rows_rejected": rows_rejected,
            "finished": finished,
            "updated_at": now,
            "source": source,
        }
        result = self._db.execute(
            update(import_runs)
            .where(import_runs.c.digest == digest, import_runs.c.what == what)
            .values(**values)
        )
        if result.rowcount == 0:
            self._db.execute(
                import_runs.insert().values(digest=digest, what=what, started_at=now, **values)
            )
