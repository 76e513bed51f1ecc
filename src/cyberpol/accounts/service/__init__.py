"""Accounts and API tokens: people with roles, partner organisations, hashed bearer tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.accounts.service import signin
from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditEntry, AuditObject
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from cyberpol.platform.sealing import Sealer

TOKEN_PREFIX = "cpk_"
_NAME = re.compile(r"[\w.@-]{2,64}")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new token: ``secret`` is shown once and never stored, only its hash."""

    id: int
    user: str
    prefix: str
    secret: str


def hash_token(token: str) -> str:
    # Tokens are 256 random bits, so a plain (unsalted) hash resists guessing as well as a KDF.
    return hashlib.sha256(token.encode()).hexdigest()


# A token revoked in this process stops at once; one revoked at the console of another
# process works at most this much longer here.
TOKEN_MEMORY_S = 5.0


def create_user(
    *,
    uow: AccountsUnitOfWork,
    name: str,
    role: Role,
    organisation: str | None = None,
    actor: Actor,
    now: datetime,
) -> int:
    """Add a user with a role; partners and banks name their organisation."""
    actor.require(Permission.MANAGE_USERS)
    if not _NAME.fullmatch(name):
        raise InvalidInput(f"User name must be 2-64 letters, digits or . _ @ -, got {name!r}")
    if role is Role.PARTNER and not organisation:
        raise InvalidInput("A partner user needs an organisation (the bank, operator or platform).")
    if role is Role.BANK and not organisation:
        raise InvalidInput("A bank user needs an organisation: the bank's BIC, e.g. CASPKZKA.")
    if role is Role.OPERATOR and not organisation:
        raise InvalidInput("A mobile operator's user needs an organisation: its code, e.g. KCELL.")
    if role is Role.CONSOLE:
        # The console is whoever is at the server console; a token for it would hand
        # every permission to whoever holds the token.
        raise InvalidInput(f"Role {role.value!r} belongs to the server console, not to a user.")
    with uow:
        if uow.users.user_by_name(name) is not None:
            raise Conflict(f"User {name!r} already exists.")
        user_id = uow.users.add_user(name=name, role=role.value, organisation=organisation, now=now)
        uow.audit.record(
            actor=actor,
            action=AuditAction.USER_CREATE,
            object_type=AuditObject.USER,
            object_id=name,
            details={"role": role.value, "organisation": organisation},
            at=now,
        )
        uow.commit()
    return user_id


def create_token(
    *,
    uow: AccountsUnitOfWork,
    actor: Actor,
    user_name: str,
    now: datetime,
    label: str | None = None,
) -> IssuedToken:
    """Issue a bearer token for a user; only its hash is stored."""
    actor.require(Permission.MANAGE_USERS)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    prefix = secret[: len(TOKEN_PREFIX) + 6]
    with uow:
        user = uow.users.user_by_name(user_name)
        if user is None:
            raise NotFound(f"No user {user_name!r}.")
        token_id = uow.users.add_token(
            user_id=user.id,
            token_hash=hash_token(secret),
            prefix=prefix,
            label=label,
            now=now,
        )
        uow.audit.record(
            actor=actor,
            action=AuditAction.TOKEN_CREATE,
            object_type=AuditObject.USER,
            object_id=user_name,
            details={"token_id": token_id, "prefix": prefix},
            at=now,
        )
        uow.commit()
    return IssuedToken(token_id, user_name, prefix, secret)


def partner_token(
    *,
    uow: AccountsUnitOfWork,
    actor: Actor,
    user_name: str,
    role: Role,
    organisation: str,
    now: datetime,
    label: str | None = None,
) -> IssuedToken:
    """A token for an organisation's API user (a bank, an operator), the user made on first
    use; a user of that name who is not that organisation's is refused."""
    with uow:
        user = uow.users.user_by_name(user_name)
        if user is None:
            create_user(uow=uow, name=user_name, role=role, organisation=organisation,
                        actor=actor, now=now)  # fmt: skip
        elif (user.role, user.organisation) != (role, organisation):
            raise Conflict(f"User {user_name!r} exists and is not an API user of {organisation}.")
        issued = create_token(uow=uow, user_name=user_name, label=label, actor=actor, now=now)
        uow.commit()
    return issued


def revoke_token(*, uow: AccountsUnitOfWork, actor: Actor, token: str, now: datetime) -> int:
    """Revoke a token by its id, its prefix or the token itself; how many were revoked."""
    actor.require(Permission.MANAGE_USERS)
    key = hash_token(token) if token.startswith(TOKEN_PREFIX) and len(token) > 20 else token
    with uow:
        count = uow.users.revoke_token(prefix_or_id=key, now=now)
        if count == 0:
            raise NotFound(f"No active token matches {token[:10]!r}.")
        uow.audit.record(
            actor=actor,
            action=AuditAction.TOKEN_REVOKE,
            object_type=AuditObject.TOKEN,
            object_id=token[:10],
            details={"revoked": count},
            at=now,
        )
        uow.commit()
    return count


def authenticate(*, uow: AccountsUnitOfWork, token: str) -> Actor:
    """The actor a bearer token belongs to; NotAuthenticated for unknown or revoked tokens."""
    with uow:
        actor = uow.users.actor_for_token_hash(hash_token(token))
    if actor is None:
        raise NotAuthenticated("Unknown or revoked token.")
    return actor


def read_audit(
    *, uow: AccountsUnitOfWork, actor: Actor, object_type: AuditObject, object_id: str
) -> list[AuditEntry]:
    """Who read or changed one object, oldest first; for those who may read the audit log."""
    actor.require(Permission.READ_AUDIT_LOG)
    if not 1 <= len(object_id) <= 64:
        raise InvalidInput(f"An audited object id is 1 to 64 characters, got {object_id[:80]!r}.")
    with uow:
        return uow.audit.entries(object_type=object_type, object_id=object_id)


@dataclass(frozen=True, slots=True)
class AccountService:
    """Users, tokens and the audit trail, bound once to a unit of work and the clock."""

    uow: Callable[[], AccountsUnitOfWork]
    clock: Clock
    sealer: Sealer
    # token hash -> (actor, until): a switch asking a thousand verdicts a second would
    # otherwise look its token up a thousand times.
    _known_tokens: dict[str, tuple[Actor, float]] = field(default_factory=dict, repr=False)

    def create_user(
        self, *, actor: Actor, name: str, role: Role, organisation: str | None = None
    ) -> int:
        """Add a user with a role."""
        return create_user(
            uow=self.uow(),
            actor=actor,
            name=name,
            role=role,
            organisation=organisation,
            now=self.clock(),
        )

    def create_token(
        self, *, actor: Actor, user_name: str, label: str | None = None
    ) -> IssuedToken:
        """Issue a bearer token, shown once."""
        return create_token(
            uow=self.uow(), actor=actor, user_name=user_name, label=label, now=self.clock()
        )

    def revoke_token(self, *, actor: Actor, token: str) -> int:
        """Revoke tokens by id, prefix or value."""
        count = revoke_token(uow=self.uow(), actor=actor, token=token, now=self.clock())
        self._known_tokens.clear()
        return count

    def authenticate(self, token: str) -> Actor:
        """The actor a bearer token belongs to, remembered for ``TOKEN_MEMORY_S``."""
        key = hash_token(token)
        now = time.monotonic()
        known = self._known_tokens.get(key)
        if known is not None and known[1] > now:
            return known[0]
        actor = authenticate(uow=self.uow(), token=token)
        if len(self._known_tokens) >= 10_000:
            self._known_tokens.clear()
        self._known_tokens[key] = (actor, now + TOKEN_MEMORY_S)
        return actor

    def set_password(self, *, actor: Actor, name: str, password: str) -> None:
        """Set the password ``name`` signs in to the workspace with."""
        signin.set_password(
            uow=self.uow(), actor=actor, name=name, password=password, now=self.clock()
        )

    def enable_totp(self, *, actor: Actor, name: str) -> str:
        """A new second factor; the otpauth:// link for an authenticator app."""
        return signin.enable_totp(
            uow=self.uow(), actor=actor, sealer=self.sealer, name=name, now=self.clock()
        )

    def sign_in(self, *, name: str, password: str, code: str | None) -> signin.SignedIn:
        """A browser session, or NotAuthenticated / RateLimited with words to show."""
        return signin.sign_in(
            uow=self.uow(),
            sealer=self.sealer,
            name=name,
            password=password,
            code=code,
            now=self.clock(),
        )

    def session_actor(self, token: str) -> Actor:
        """Who a session cookie belongs to, while the session is open."""
        return signin.session_actor(uow=self.uow(), token=token, now=self.clock())

    def sign_out(self, token: str) -> None:
        signin.sign_out(uow=self.uow(), token=token, now=self.clock())

    def read_audit(
        self, *, actor: Actor, object_type: AuditObject, object_id: str
    ) -> list[AuditEntry]:
        """Who read or changed one object."""
        return read_audit(uow=self.uow(), actor=actor, object_type=object_type, object_id=object_id)
