"""The narrow interfaces the account use cases need; the store implements them."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from cyberpol.accounts.domain import Credentials, Session, User
from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditUnitOfWork


class UserRepository(Protocol):
    def add_user(self, *, name: str, role: str, organisation: str | None, now: datetime) -> int: ...

    def user_by_name(self, name: str) -> User | None: ...

    def add_token(
        self, *, user_id: int, token_hash: str, prefix: str, label: str | None, now: datetime
    ) -> int: ...

    def actor_for_token_hash(self, token_hash: str) -> Actor | None: ...

    def revoke_token(self, *, prefix_or_id: str, now: datetime) -> int: ...

    def credentials(self, name: str) -> Credentials | None: ...

    def set_password(self, user_id: int, password_hash: str) -> None:
        """Also clears failures and any lock."""
        ...

    def set_totp(self, user_id: int, sealed_secret: str | None) -> None: ...

    def failed_login(self, user_id: int, *, locked_until: datetime | None) -> None: ...

    def add_session(
        self, token_hash: str, user_id: int, *, now: datetime, expires_at: datetime
    ) -> None:
        """Also clears failures: the user got in."""
        ...

    def session(self, token_hash: str) -> Session | None: ...

    def touch_session(self, token_hash: str, *, now: datetime) -> None: ...

    def end_session(self, token_hash: str, *, now: datetime) -> None: ...


class AccountsUnitOfWork(AuditUnitOfWork, Protocol):
    """One transaction over users, tokens and the audit log."""

    @property
    def users(self) -> UserRepository: ...
