"""The money trail's JSON at the edge: transfers sent by banks, load summaries, traces.

Money is ``Decimal`` inside and a JSON number outside, as banks' and investigators' tools
have always read it; times are ISO 8601 in UTC with a ``Z``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StrictFloat, StrictStr

from cyberpol.money_trail.domain.attribution import Ending
from cyberpol.money_trail.domain.trace import TraceResult
from cyberpol.money_trail.domain.transfers import TransferLoadSummary
from cyberpol.platform.http.schemas import RejectedRow

# A JSON number, not pydantic's default string: the API has given numbers since it began.
Money = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class TransferIn(BaseModel):
    """One transfer in the exchange format; values are checked as in a file import."""

    transfer_id: str = Field(max_length=128)
    ts: str = Field(description="ISO 8601 with a zone: 2026-03-01T10:00:00+05:00")
    # Strict: a boolean is no amount (lax mode read `false` as 0.0).
    amount: StrictStr | StrictFloat
    currency: str = "KZT"
    from_account: str = Field(max_length=128, description="IBAN, card number or bank's id")
    from_bank: str = Field(max_length=32)
    to_account: str = Field(max_length=128)
    to_bank: str = Field(max_length=32)
    channel: Literal["transfer", "card_to_card", "payment", "cash_out", "crypto", "foreign"]


class TransferLoadPublic(BaseModel):
    """What one load kept, found already there, skipped and rejected."""

    source: str
    format: str
    loaded: int
    unchanged: int
    skipped: int
    rejected: list[RejectedRow]
    warnings: list[RejectedRow] = Field(
        description="Rows that loaded with something noticed (a counterparty kept as given)"
    )


def transfer_load_public(summary: TransferLoadSummary) -> TransferLoadPublic:
    """A load summary as the API returns it."""
    return TransferLoadPublic(
        source=summary.source,
        format=summary.layout,
        loaded=summary.loaded,
        unchanged=summary.unchanged,
        skipped=summary.skipped,
        rejected=[RejectedRow(line=line, reason=reason) for line, reason in summary.rejected],
        warnings=[RejectedRow(line=line, reason=reason) for line, reason in summary.warnings],
    )


class TraceAccountPublic(BaseModel):
    """One account the money passed through, by hop from the victim."""

    model_config = ConfigDict(from_attributes=True)

    account: str = Field(description="As people see it: cards masked, with a key prefix")
    account_key: str
    bank: str | None = Field(description="BIC of the bank that holds it; null if unknown")
    hop: int
    amount: Money
    passed_on: Money
    remaining: Money
    arrived_first: datetime | None
    arrived_last: datetime | None
    left_last: datetime | None
    ended: Ending | None
    hub: bool
    unseen_outflow: Money = Field(
        description="Paid out beyond what the data shows the account holding after the money "
        "came: attribution here rests on funds no bank reported"
    )
    unseen_since: datetime | None = Field(description="When the first such payment was made")


class TraceEdgePublic(BaseModel):
    """One transfer that carried the money; ``amount`` is the traced part of it."""

    model_config = ConfigDict(from_attributes=True)

    transfer_id: str
    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    amount: Money
    transfer_amount: Money
    ts: datetime | None
    hop: int
    ended: Ending | None


class TraceExitPublic(BaseModel):
    """One place the money ended."""

    model_config = ConfigDict(from_attributes=True)

    kind: Ending
    account: str
    to: str | None
    to_bank: str | None
    amount: Money
    ts: datetime | None
    transfer_id: str | None


class TraceAccountNodePublic(BaseModel):
    """A graph node for an account the money passed through."""

    id: str
    bank: str | None
    hop: int
    amount: Money


class TraceExitNodePublic(BaseModel):
    """A graph node for where money left the banks (an ATM, an exchange, abroad)."""

    id: str
    bank: None = None
    hop: int
    kind: Ending | None


class TraceLinkPublic(BaseModel):
    """A graph edge: one transfer between two nodes."""

    source: str
    target: str
    amount: Money
    ts: datetime | None


class TraceGraphPublic(BaseModel):
    """The trace as nodes and edges, ready for a graph view."""

    nodes: list[TraceAccountNodePublic | TraceExitNodePublic]
    edges: list[TraceLinkPublic]


class TracePublic(BaseModel):
    """Where a transfer's money went: accounts by hop, the transfers, exits and totals."""

    transfer_id: str | None
    amount: Money
    from_time: datetime | None
    threshold: Money
    truncated: bool
    totals: dict[Ending, Money]
    accounts: list[TraceAccountPublic]
    exits: list[TraceExitPublic]
    edges: list[TraceEdgePublic]
    graph: TraceGraphPublic


def trace_public(result: TraceResult) -> TracePublic:
    """A trace as the API returns it and the command line prints it."""
    return TracePublic(
        transfer_id=result.transfer_id,
        amount=result.amount,
        from_time=result.from_time,
        threshold=result.threshold,
        truncated=result.truncated,
        totals=dict(result.totals),
        accounts=[TraceAccountPublic.model_validate(a) for a in result.accounts],
        exits=[TraceExitPublic.model_validate(x) for x in result.exits],
        edges=[TraceEdgePublic.model_validate(e) for e in result.edges],
        graph=_graph(result),
    )


def _graph(result: TraceResult) -> TraceGraphPublic:
    """Accounts as nodes, plus one node for each place money left the banks."""
    nodes: list[TraceAccountNodePublic | TraceExitNodePublic] = [
        TraceAccountNodePublic(id=a.account, bank=a.bank, hop=a.hop, amount=a.amount)
        for a in result.accounts
    ]
    known = {a.account for a in result.accounts}
    for edge in result.edges:
        if edge.target not in known:
            known.add(edge.target)
            nodes.append(
                TraceExitNodePublic(id=edge.target, bank=None, hop=edge.hop + 1, kind=edge.ended)
            )
    links = [
        TraceLinkPublic(source=e.source, target=e.target, amount=e.amount, ts=e.ts)
        for e in result.edges
    ]
    return TraceGraphPublic(nodes=nodes, edges=links)
