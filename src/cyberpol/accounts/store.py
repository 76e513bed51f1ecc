"""Users and their API tokens on SQLite or PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, or_, select, update

from cyberpol.accounts.domain import User
from cyberpol.accounts.tables import tokens, users
from cyberpol.kernel.access import Actor, Role
from cyberpol.platform.db.sql import inserted_id


class SqlUserRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add_user(self, *, name: str, role: str, organisation: str | None, now: datetime) -> int:
        result = self._db.execute(
            users.insert().values(
                name=name, role=role, organisation=organisation, disabled=False, created_at=now
            )
        )
        return inserted_id(result)

    def user_by_name(self, name: str) -> User | None:
        row = self._db.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            return None
        return User(row.id, row.name, Role(row.role), row.organisation, bool(row.disabled))

    def add_token(
        self, *, user_id: int, token_hash: str, prefix: str, label: str | None, now: datetime
    ) -> int:
        result = self._db.execute(
            tokens.insert().values(
                user_id=user_id, token_hash=token_hash, prefix=prefix, label=label, created_at=now
            )
        )
        return inserted_id(result)

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
