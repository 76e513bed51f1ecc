"""Admins connect banks to the freeze-request API and give each bank its own tokens."""

from __future__ import annotations

from datetime import datetime

from cyberpol.accounts.service import IssuedToken, partner_token
from cyberpol.freeze.domain.banks import Bank, normalize_bank_code, validate_bank_name
from cyberpol.freeze.ports import FreezeUnitOfWork
from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import Conflict, NotFound


def default_bank_user(code: str) -> str:
    return f"bank-{code.lower()}"


def create_bank(
    *, uow: FreezeUnitOfWork, actor: Actor, code: str, name: str, now: datetime
) -> Bank:
    """Connect a bank by its BIC; from now on freeze requests can be sent to it."""
    actor.require(Permission.MANAGE_BANKS)
    bank = Bank(normalize_bank_code(code), validate_bank_name(name), now)
    with uow:
        if uow.banks.get(bank.code) is not None:
            raise Conflict(f"Bank {bank.code!r} is already connected.")
        uow.banks.add(bank)
        uow.audit.record(
            actor=actor,
            action=AuditAction.BANK_CREATE,
            object_type=AuditObject.BANK,
            object_id=bank.code,
            details={"name": bank.name},
            at=now,
        )
        uow.commit()
    return bank


def create_bank_token(
    *,
    uow: FreezeUnitOfWork,
    actor: Actor,
    code: str,
    now: datetime,
    user_name: str | None = None,
    label: str | None = None,
) -> IssuedToken:
    """A token for the bank's API user (``bank-<bic>`` unless named), created on first use.

    The user has role ``bank`` and the BIC as organisation, so it sees and answers only the
    requests sent to that bank.
    """
    actor.require(Permission.MANAGE_BANKS)
    bic = normalize_bank_code(code)
    name = user_name or default_bank_user(bic)
    with uow:
        if uow.banks.get(bic) is None:
            raise NotFound(f"No bank {bic!r} is connected; create it first.")
    return partner_token(uow=uow, actor=actor, user_name=name, role=Role.BANK,
                         organisation=bic, label=label, now=now)  # fmt: skip
