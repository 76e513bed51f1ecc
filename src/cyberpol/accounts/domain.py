"""People and partner organisations that use CyberPol, as the use cases see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cyberpol.kernel.access import Actor, Role


@dataclass(frozen=True, slots=True)
class User:
    """A person or a partner's API user; partners and banks name their organisation."""

    id: int
    name: str
    role: Role
    organisation: str | None
    disabled: bool = False

    @property
    def actor(self) -> Actor:
        """The user as the use cases see a caller."""
        return Actor(self.name, self.role, self.organisation)


# Signing in: five wrong attempts lock the account for a quarter of an hour; a session ends
# after half an hour without use and, whatever happens, after a working day.
MAX_FAILED_LOGINS = 5
LOCK_OUT = timedelta(minutes=15)
IDLE_EXPIRY = timedelta(minutes=30)
SESSION_LIFETIME = timedelta(hours=12)
MIN_PASSWORD = 12
MAX_PASSWORD = 200


@dataclass(frozen=True, slots=True)
class Credentials:
    """What signing in checks: the stored hash, the sealed second factor and the lock."""

    user: User
    password_hash: str | None
    totp_secret: str | None
    failed_logins: int
    locked_until: datetime | None


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in browser as stored (its token is never stored, only its hash)."""

    user: User
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ended_at: datetime | None

    def open_at(self, now: datetime) -> bool:
        return (
            self.ended_at is None
            and now < self.expires_at
            and now - self.last_seen_at < IDLE_EXPIRY
            and not self.user.disabled
        )
