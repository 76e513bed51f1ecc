"""Users and their API tokens on SQLite or PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, or_, select, update

from cyberpol.accounts.domain import Credentials, Session, User
from cyberpol.accounts.tables import sessions, tokens, users
from cyberpol.kernel.access import Actor, Role
from cyberpol.platform.db.sql import AnyRow, inserted_id, utc


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
        return _user(row) if row is not None else None

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

    def credentials(self, name: str) -> Credentials | None:
        row = self._db.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            return None
        locked = utc(row.locked_until) if row.locked_until else None
        return Credentials(
            _user(row), row.password_hash, row.totp_secret, row.failed_logins, locked
        )

    def set_password(self, user_id: int, password_hash: str) -> None:
        self._db.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(password_hash=password_hash, failed_logins=0, locked_until=None)
        )

    def set_totp(self, user_id: int, sealed_secret: str | None) -> None:
        self._db.execute(
            update(users).where(users.c.id == user_id).values(totp_secret=sealed_secret)
        )

    def failed_login(self, user_id: int, *, locked_until: datetime | None) -> None:
        values: dict[str, object] = {"failed_logins": users.c.failed_logins + 1}
        if locked_until is not None:
            values |= {"locked_until": locked_until, "failed_logins": 0}
        self._db.execute(update(users).where(users.c.id == user_id).values(**values))

    def add_session(
        self, token_hash: str, user_id: int, *, now: datetime, expires_at: datetime
    ) -> None:
        self._db.execute(
            sessions.insert().values(
                token_hash=token_hash,
                user_id=user_id,
                created_at=now,
                last_seen_at=now,
                expires_at=expires_at,
            )
        )
        self._db.execute(
            update(users).where(users.c.id == user_id).values(failed_logins=0, locked_until=None)
        )

    def session(self, token_hash: str) -> Session | None:
        s = sessions.c
        row = self._db.execute(
            select(users, s.created_at, s.last_seen_at, s.expires_at, s.ended_at)
            .join(sessions, s.user_id == users.c.id)
            .where(s.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        return Session(
            user=_user(row),
            created_at=utc(row.created_at),
            last_seen_at=utc(row.last_seen_at),
            expires_at=utc(row.expires_at),
            ended_at=utc(row.ended_at) if row.ended_at else None,
        )

    def touch_session(self, token_hash: str, *, now: datetime) -> None:
        self._db.execute(
            update(sessions).where(sessions.c.token_hash == token_hash).values(last_seen_at=now)
        )

    def end_session(self, token_hash: str, *, now: datetime) -> None:
        self._db.execute(
            update(sessions)
            .where(sessions.c.token_hash == token_hash, sessions.c.ended_at.is_(None))
            .values(ended_at=now)
        )


def _user(row: AnyRow) -> User:
    return User(row.id, row.name, Role(row.role), row.organisation, bool(row.disabled))
