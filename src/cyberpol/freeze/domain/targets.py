"""What investigators and banks send about freezes, validated and normalised.

Targets (from an investigator or a money trace) and banks' answers arrive with raw
accounts and bank codes; what leaves here holds normalised accounts (``normalize_account``)
and amounts with at most two decimals that add up.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from cyberpol.freeze.domain.banks import normalize_bank_code
from cyberpol.freeze.domain.requests import (
    ZERO,
    FreezeRequest,
    FreezeState,
    Inflow,
    state_for_answer,
)
from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.money_trail.domain.transfers import EXIT_CHANNELS, MAX_ID_LENGTH, TransferChannel
from cyberpol.money_trail.domain.transfers import normalize_account as _normalize_account

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000000")  # a trillion: anything above is a typo
MAX_TEXT = 2000
_CASE_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_ERDR = re.compile(r"\d{15}")
_CURRENCY = re.compile(r"[A-Z]{3}")


def validate_amount(amount: Decimal, what: str, *, allow_zero: bool = False) -> Decimal:
    """An amount of money with at most two decimals, above zero (or zero when allowed)."""
    low_ok = amount >= 0 if allow_zero else amount > 0
    if not amount.is_finite() or not low_ok or amount > MAX_AMOUNT:
        floor = "0" if allow_zero else "more than 0"
        raise InvalidInput(f"{what} must be {floor} and at most {MAX_AMOUNT}, got {amount}")
    if amount != amount.quantize(CENT):
        raise InvalidInput(f"{what} has more than two decimals: {amount}")
    return amount.quantize(CENT)


def validate_case_number(raw: str) -> str:
    text = raw.strip()
    if not _CASE_NUMBER.fullmatch(text):
        raise InvalidInput(
            f"Case number must be 1-64 letters, digits or . _ - (e.g. the 15-digit ERDR "
            f"number), got {raw[:70]!r}"
        )
    # Masking would merge cases, so a card number in one is refused; a 15-digit ERDR number
    # stays as it is even when its digits happen to pass for a card.
    if not _ERDR.fullmatch(text) and redact_cards(text) != text:
        raise InvalidInput("A case number must not hold a card number")
    return text


def validate_text(raw: str | None, what: str, *, required: bool) -> str | None:
    """Free text such as a legal basis or a rejection reason: trimmed, bounded, no NUL."""
    text = (raw or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"The {what} is empty.")
        return None
    if len(text) > MAX_TEXT or "\x00" in text:
        raise InvalidInput(f"The {what} must be at most {MAX_TEXT} characters without NUL.")
    return text


def _reference(raw: str | None, what: str) -> str | None:
    text = (raw or "").strip()
    if not text:
        return None
    if len(text) > MAX_ID_LENGTH or not text.isprintable():
        raise InvalidInput(f"{what} must be at most {MAX_ID_LENGTH} printable characters.")
    return text


@dataclass(frozen=True, slots=True)
class FreezeTarget:
    """What an investigator (or a money trace) asks to freeze: an amount in one account."""

    account: str
    bank: str
    amount: Decimal
    currency: str = "KZT"
    hop: int = 1
    origin_transfer_id: str | None = None


@dataclass(frozen=True, slots=True)
class OnwardTransferReport:
    """Money that had left the account before the freeze, as the bank reports it."""

    amount: Decimal
    moved_at: datetime
    channel: TransferChannel
    account: str | None = None
    bank: str | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class BankAnswer:
    """A bank's answer: what it froze, where the rest went, or why it refuses."""

    frozen_amount: Decimal = ZERO
    onward: tuple[OnwardTransferReport, ...] = ()
    rejection_reason: str | None = None


def _currency(raw: str) -> str:
    code = raw.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise InvalidInput(f"Currency must be an ISO 4217 code such as 'KZT', got {raw[:10]!r}")
    return code


def checked_target(target: FreezeTarget, *, card_secret: bytes) -> Inflow:
    """A target with its account normalised and its amount, bank and hop validated."""
    if not 1 <= target.hop <= 100:
        raise InvalidInput(f"Hop must be 1 to 100, got {target.hop}")
    key, display = _normalize_account(target.account, card_secret=card_secret)
    return Inflow(
        amount=validate_amount(target.amount, "Amount"),
        currency=_currency(target.currency),
        hop=target.hop,
        account_key=key,
        account_display=display,
        bank_code=normalize_bank_code(target.bank),
        origin_transfer_id=_reference(target.origin_transfer_id, "origin_transfer_id"),
    )


def checked_onward(
    report: OnwardTransferReport, *, currency: str, hop: int, card_secret: bytes
) -> Inflow:
    """An onward transfer normalised; outside the exit channels it must name account and bank."""
    if report.moved_at.tzinfo is None:
        raise InvalidInput("An onward transfer's time must include its time zone.")
    if not 2000 <= report.moved_at.year <= 2100:
        raise InvalidInput(f"An onward transfer's time must be a real date, got {report.moved_at}")
    exit_channel = report.channel in EXIT_CHANNELS
    if not exit_channel and not (report.account and report.bank):
        raise InvalidInput(
            f"An onward {report.channel.value!r} transfer must name the receiving account and bank."
        )
    key = display = None
    if report.account:
        key, display = _normalize_account(report.account, card_secret=card_secret)
    return Inflow(
        amount=validate_amount(report.amount, "Onward transfer amount"),
        currency=currency,
        hop=hop,
        account_key=key,
        account_display=display,
        bank_code=normalize_bank_code(report.bank) if report.bank else None,
        channel=report.channel,
        moved_at=report.moved_at,
        reference=_reference(report.reference, "Onward transfer reference"),
    )


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    """A validated answer with the state it leads to and a digest to recognise a retry."""

    state: FreezeState
    frozen_amount: Decimal
    onward: tuple[Inflow, ...]
    rejection_reason: str | None

    @property
    def onward_total(self) -> Decimal:
        return sum((i.amount for i in self.onward), ZERO)

    def digest(self) -> str:
        onward = [
            (
                str(i.amount),
                _instant(i.moved_at),
                i.channel,
                i.account_key,
                i.bank_code,
                i.reference,
            )
            for i in self.onward
        ]
        body = [str(self.frozen_amount), self.rejection_reason, onward]
        return hashlib.sha256(json.dumps(body).encode()).hexdigest()


def _instant(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def check_answer(
    answer: BankAnswer, *, request: FreezeRequest, card_secret: bytes
) -> CheckedAnswer:
    """Validate a bank's answer against its request and decide the request's new state."""
    reason = validate_text(answer.rejection_reason, "rejection reason", required=False)
    if answer.rejection_reason is not None and reason is None:
        raise InvalidInput("A rejection needs a reason.")
    onward = tuple(
        checked_onward(r, currency=request.currency, hop=request.hop + 1, card_secret=card_secret)
        for r in answer.onward
    )
    frozen = validate_amount(answer.frozen_amount, "Frozen amount", allow_zero=True)
    total = sum((i.amount for i in onward), ZERO)
    state = state_for_answer(request.requested_amount, frozen, total, rejected=reason is not None)
    return CheckedAnswer(state, frozen, onward, reason)
