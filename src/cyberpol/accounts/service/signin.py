"""Signing in to the workspace: passwords (argon2), a TOTP second factor (required for
admins), lock-out after repeated failures, and browser sessions that end when idle."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cyberpol.accounts.domain import (
    LOCK_OUT,
    MAX_FAILED_LOGINS,
    MAX_PASSWORD,
    MIN_PASSWORD,
    SESSION_LIFETIME,
    Credentials,
)
from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import (
    InvalidInput,
    NotAuthenticated,
    NotFound,
    RateLimited,
    SecondFactorMissing,
)
from cyberpol.platform.sealing import Sealer

_HASHER = PasswordHasher()


@cache
def _dummy() -> str:
    """Verified against when the user does not exist, so a wrong name costs as long as a
    wrong password and the answer does not tell which one was wrong. Made at the first
    sign-in, not at import: every CLI call imports this module (0.15 s each)."""
    return _HASHER.hash("not a password of anyone's " + secrets.token_hex(8))


WRONG = "Wrong user name, password or code."
_TOTP_CONTEXT = "totp"
# Passwords a unit's people are known to choose; a longer list belongs in settings.
_COMMON = {"password1234", "qwerty123456", "123456789012", "kazakhstan2026", "cyberpol2026"}


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new session: ``token`` goes into the cookie and is never stored."""

    token: str
    actor: Actor
    expires_at: datetime


def session_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(name: str, password: str) -> None:
    """Refuse passwords too short, too long, or easy to guess."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(f"A password is {MIN_PASSWORD} to {MAX_PASSWORD} characters.")
    lowered = password.lower()
    if len(set(password)) < 5 or name.lower() in lowered or lowered in _COMMON:
        raise InvalidInput("This password is too easy to guess; choose a longer phrase.")


def set_password(
    *, uow: AccountsUnitOfWork, actor: Actor, name: str, password: str, now: datetime
) -> None:
    actor.require(Permission.MANAGE_USERS)
    check_password(name, password)
    with uow:
        found = uow.users.credentials(name)
        if found is None:
            raise NotFound(f"No user {name!r}.")
        uow.users.set_password(found.user.id, _HASHER.hash(password))
        _audit(uow, actor, AuditAction.USER_PASSWORD, name, now)
        uow.commit()


def enable_totp(
    *, uow: AccountsUnitOfWork, actor: Actor, sealer: Sealer, name: str, now: datetime
) -> str:
    """A new second factor for ``name``; the otpauth:// link for their authenticator app."""
    actor.require(Permission.MANAGE_USERS)
    secret = pyotp.random_base32()
    with uow:
        found = uow.users.credentials(name)
        if found is None:
            raise NotFound(f"No user {name!r}.")
        uow.users.set_totp(found.user.id, sealer.seal(secret, context=_TOTP_CONTEXT))
        _audit(uow, actor, AuditAction.USER_TOTP, name, now)
        uow.commit()
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name="CyberPol")


def sign_in(
    *,
    uow: AccountsUnitOfWork,
    sealer: Sealer,
    name: str,
    password: str,
    code: str | None,
    now: datetime,
) -> SignedIn:
    """A session for the right name, password and (when set or required) code."""
    with uow:
        found = uow.users.credentials(name[:100])
        if found is None or found.password_hash is None:
            _verify(_dummy(), password)
            raise NotAuthenticated(WRONG)
        if found.locked_until is not None and now < found.locked_until:
            wait = int((found.locked_until - now).total_seconds()) + 1
            raise RateLimited(
                f"Too many failed attempts; try again in {wait // 60 + 1} minutes.",
                retry_after=wait,
            )
        if _refused(found, password, code, sealer, now):
            locks = found.failed_logins + 1 >= MAX_FAILED_LOGINS
            uow.users.failed_login(found.user.id, locked_until=now + LOCK_OUT if locks else None)
            _audit(uow, found.user.actor, AuditAction.SIGN_IN_FAILED, name, now, locked=locks)
            uow.commit()
            raise NotAuthenticated(WRONG)
        if found.user.role is Role.ADMIN and found.totp_secret is None:
            raise SecondFactorMissing(
                "Administrators need a second factor: set it with `cyberpol users set-totp`."
            )
        token = secrets.token_urlsafe(32)
        expires = now + SESSION_LIFETIME
        uow.users.add_session(session_hash(token), found.user.id, now=now, expires_at=expires)
        if _HASHER.check_needs_rehash(found.password_hash):
            uow.users.set_password(found.user.id, _HASHER.hash(password))
        actor = found.user.actor
        _audit(uow, actor, AuditAction.SIGN_IN, name, now)
        uow.commit()
    return SignedIn(token, actor, expires)


def _refused(
    found: Credentials, password: str, code: str | None, sealer: Sealer, now: datetime
) -> bool:
    if found.user.disabled or not _verify(found.password_hash or _dummy(), password):
        return True
    if found.totp_secret is None:
        return False
    secret = sealer.open(found.totp_secret, context=_TOTP_CONTEXT)
    totp = pyotp.TOTP(secret)
    return not (code and totp.verify(code.replace(" ", ""), for_time=now, valid_window=1))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False


def session_actor(*, uow: AccountsUnitOfWork, token: str, now: datetime) -> Actor:
    """Who a session cookie belongs to, while it is open; using it keeps it open."""
    key = session_hash(token)
    with uow:
        session = uow.users.session(key)
        if session is None or not session.open_at(now):
            raise NotAuthenticated("Your session has ended; please sign in again.")
        # One write a minute is enough to keep an idle clock.
        if (now - session.last_seen_at).total_seconds() > 60:
            uow.users.touch_session(key, now=now)
            uow.commit()
    return session.user.actor


def sign_out(*, uow: AccountsUnitOfWork, token: str, now: datetime) -> None:
    key = session_hash(token)
    with uow:
        session = uow.users.session(key)
        if session is None:
            return
        uow.users.end_session(key, now=now)
        _audit(uow, session.user.actor, AuditAction.SIGN_OUT, session.user.name, now)
        uow.commit()


def _audit(
    uow: AccountsUnitOfWork,
    actor: Actor,
    action: AuditAction,
    name: str,
    now: datetime,
    **details: object,
) -> None:
    uow.audit.record(
        actor=actor,
        action=action,
        object_type=AuditObject.USER,
        object_id=name,
        details=details or None,
        at=now,
    )
