"""Request and response bodies of the freeze-request API (banks, requests, answers, totals)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from cyberpol.freeze.domain.banks import BANK_NAME_PATTERN
from cyberpol.freeze.domain.requests import ExitKind, FreezeAction, FreezeState
from cyberpol.money_trail.domain.transfers import TransferChannel
from cyberpol.platform.http.schemas import Amount, AmountOrZero, AwareMoment

BIC = r"^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$"
CASE_NUMBER = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
Money = Amount
MoneyOrZero = AmountOrZero
BankCode = Annotated[
    str,
    Field(
        pattern=BIC,
        description="BIC, e.g. CASPKZKA",
        examples=["CASPKZKA"],
    ),
]
CaseNumber = Annotated[
    str,
    Field(
        pattern=CASE_NUMBER,
        description="The case (ERDR) number",
        examples=["251500031000123"],
    ),
]
Account = Annotated[
    str, Field(min_length=1, max_length=200, description="IBAN, card number or the bank's id")
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class BankCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: BankCode
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=BANK_NAME_PATTERN)]


class BankPublic(BaseModel):
    code: str
    name: str
    country: str
    created_at: datetime


class BankTokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: Annotated[
        str | None,
        Field(pattern=r"^[\w.@-]{2,64}$", description="The bank's API user; bank-<bic> if unset"),
    ] = None
    label: Annotated[str | None, Field(max_length=200)] = None


class BankTokenIssued(BaseModel):
    id: int
    user: str
    bank: str
    prefix: str
    token: str = Field(description="Shown once; only its hash is stored.")


class FreezeTargetCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    account: Account
    bank: BankCode
    amount: Money
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "KZT"
    hop: Annotated[int, Field(ge=1, le=100, description="1 = the victim's money's first stop")] = 1
    origin_transfer_id: Annotated[
        str | None,
        Field(max_length=128, description="The transfer that brought the money; issued once"),
    ] = None


class FreezeRequestCreate(BaseModel):
    """Freeze money in one or more accounts; one request per account and bank."""

    model_config = ConfigDict(extra="forbid")
    case_number: CaseNumber
    legal_basis: Text
    targets: Annotated[list[FreezeTargetCreate], Field(min_length=1, max_length=100)]


class OnwardTransferCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: Money
    moved_at: AwareMoment
    channel: TransferChannel
    account: Annotated[
        str | None, Field(max_length=200, description="Required unless the channel is an exit")
    ] = None
    bank: Annotated[
        str | None,
        Field(
            pattern=BIC,
            description="BIC; required unless the channel is an exit",
        ),
    ] = None
    reference: Annotated[str | None, Field(max_length=128)] = None


class FreezeAnswer(BaseModel):
    """What the bank froze, where the rest went, or why it refuses (then nothing else)."""

    model_config = ConfigDict(extra="forbid")
    frozen_amount: MoneyOrZero = Decimal(0)
    onward_transfers: Annotated[list[OnwardTransferCreate], Field(max_length=100)] = []
    rejection_reason: Annotated[str | None, Field(max_length=2000)] = None


class FreezeRelease(BaseModel):
    model_config = ConfigDict(extra="forbid")
    returned_amount: MoneyOrZero = Field(description="Paid back to the victim; the rest unfreezes")
    note: Annotated[str | None, Field(max_length=2000)] = None


class FreezeRequestPublic(BaseModel):
    id: int
    case_number: str
    bank: str
    account: str = Field(description="IBAN, masked card or the bank's id")
    currency: str
    requested_amount: Decimal
    frozen_amount: Decimal
    onward_amount: Decimal
    returned_amount: Decimal
    hop: int
    state: FreezeState
    overdue: bool = Field(description="Still unanswered after answer_due_at")
    legal_basis: str
    issued_by: str
    parent_request_id: int | None = Field(description="The request whose answer opened this one")
    sent_at: datetime
    answer_due_at: datetime
    acknowledged_at: datetime | None
    answered_at: datetime | None
    expires_at: datetime | None = Field(description="When the hold lapses: 5 working days")
    closed_at: datetime | None
    rejection_reason: str | None
    release_note: str | None


class FreezeRequestsIssued(BaseModel):
    items: list[FreezeRequestPublic]


class FreezeEventPublic(BaseModel):
    at: datetime
    actor: str
    action: FreezeAction
    from_state: FreezeState | None
    to_state: FreezeState
    details: dict[str, object]


class FreezeTransferPublic(BaseModel):
    amount: Decimal
    currency: str
    hop: int
    account: str | None
    bank: str | None
    channel: TransferChannel | None
    moved_at: datetime | None
    reference: str | None
    origin_transfer_id: str | None
    from_bank: str | None
    from_request_id: int | None
    next_request_id: int | None
    exit: ExitKind | None = Field(description="Set when the money left what banks can freeze")


class FreezeRequestDetail(FreezeRequestPublic):
    events: list[FreezeEventPublic]
    onward_transfers: list[FreezeTransferPublic]
    incoming_transfers: list[FreezeTransferPublic]


class FreezeRequestPage(BaseModel):
    items: list[FreezeRequestPublic]
    total: int
    limit: int
    offset: int


class FreezeTotalsPublic(BaseModel):
    currency: str
    traced: Decimal = Field(description="Issued by investigators (each target once)")
    frozen: Decimal = Field(description="Held by banks now")
    returned: Decimal = Field(description="Paid back to victims")
    unfrozen: Decimal = Field(description="Frozen, then let go without return")
    exited: dict[ExitKind, Decimal]
    exited_total: Decimal
    pending: Decimal = Field(description="In requests still waiting for an answer")
    unaccounted: Decimal = Field(description="Answered but neither frozen nor traced onward")


class CaseFreezeSummaryPublic(BaseModel):
    case_number: str
    totals: list[FreezeTotalsPublic]
    requests_by_state: dict[FreezeState, int]
    overdue: int
