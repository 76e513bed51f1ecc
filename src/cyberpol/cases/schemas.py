"""The case API's shapes at the edge."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from cyberpol.cases.domain import (
    Case,
    CaseState,
    CaseSummary,
    CloseGround,
    Evidence,
    LinkKind,
    Party,
    PartyRole,
)
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.platform.http.schemas import AmountOrZero

ErdrNumber = Annotated[str, Field(pattern=r"^\d{15}$", examples=["251500031000123"])]
Article = Annotated[str, Field(min_length=1, max_length=32, examples=["190", "190 ч.2"])]
Title = Annotated[str, Field(min_length=1, max_length=300)]
UserName = Annotated[str, Field(min_length=1, max_length=100)]
ReportId = Annotated[str, Field(min_length=1, max_length=40)]


class CaseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: ScamCategory
    title: Title
    region: Region | None = None
    erdr_number: ErdrNumber | None = None
    article: Article = "190"
    investigator: UserName | None = None
    report_ids: Annotated[list[ReportId], Field(max_length=500)] = []


class CaseUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Title | None = None
    region: Region | None = None
    erdr_number: ErdrNumber | None = None
    article: Article | None = None
    investigator: UserName | None = None
    frozen_amount: AmountOrZero | None = None
    returned_amount: AmountOrZero | None = None


class TransitionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: CaseState
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    ground: CloseGround | None = Field(None, description="Only when closing")


class PartyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: PartyRole
    name: Annotated[str, Field(min_length=1, max_length=200)]
    contact: Annotated[str, Field(max_length=320)] | None = None
    loss: AmountOrZero = Decimal(0)
    pensioner: bool = False
    report_id: ReportId | None = None


class LinkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: LinkKind
    refs: Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]],
                    Field(min_length=1, max_length=500)]  # fmt: skip


class NoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1, max_length=20_000)]


class EvidenceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filename: Annotated[str, Field(min_length=1, max_length=255)]
    description: Annotated[str, Field(max_length=2000)] = ""
    data_base64: Annotated[str, Field(min_length=1, max_length=70_000_000)]


class PartyPublic(BaseModel):
    id: int
    role: PartyRole
    name: str | None = Field(description="Personal data: only for those who may read it")
    contact: str | None
    loss: Decimal
    pensioner: bool
    report_id: str | None
    added_by: str
    added_at: datetime | None

    @classmethod
    def of(cls, party: Party) -> PartyPublic:
        return cls(
            id=party.id,
            role=party.role,
            name=party.name,
            contact=party.contact,
            loss=party.loss,
            pensioner=party.pensioner,
            report_id=party.report_id,
            added_by=party.added_by,
            added_at=party.added_at,
        )


class EvidencePublic(BaseModel):
    id: int
    sha256: str
    filename: str
    content_type: str
    size: int
    description: str
    added_by: str
    added_at: datetime

    @classmethod
    def of(cls, e: Evidence) -> EvidencePublic:
        return cls(
            id=e.id, sha256=e.sha256, filename=e.filename, content_type=e.content_type,
            size=e.size, description=e.description, added_by=e.added_by, added_at=e.added_at,
        )  # fmt: skip


class CaseSummaryPublic(BaseModel):
    id: int
    number: str = Field(description="The ERDR number once the case has one")
    erdr_number: str | None
    title: str
    category: ScamCategory
    region: Region | None
    state: CaseState
    investigator: str | None
    opened_at: datetime
    deadline: datetime | None
    overdue: bool
    damage: Decimal
    victims: int
    reports: int

    @classmethod
    def of(cls, s: CaseSummary, now: datetime) -> CaseSummaryPublic:
        return cls(
            id=s.id, number=s.number, erdr_number=s.erdr_number,
            title=s.title, category=s.category, region=s.region, state=s.state,
            investigator=s.investigator, opened_at=s.opened_at, deadline=s.deadline,
            overdue=s.is_overdue(now), damage=s.damage, victims=s.victims, reports=s.reports,
        )  # fmt: skip


class LinkPublic(BaseModel):
    kind: LinkKind
    ref: str
    added_by: str
    added_at: datetime


class NotePublic(BaseModel):
    author: str
    at: datetime
    text: str


class EventPublic(BaseModel):
    at: datetime
    actor: str
    from_state: CaseState | None
    to_state: CaseState
    ground: CloseGround | None
    reason: str


class CasePublic(CaseSummaryPublic):
    article: str
    close_ground: CloseGround | None
    opened_by: str
    frozen_amount: Decimal
    returned_amount: Decimal
    pensioners: int
    parties: list[PartyPublic]
    links: list[LinkPublic]
    notes: list[NotePublic]
    events: list[EventPublic]
    evidence: list[EvidencePublic]

    @classmethod
    def of_case(cls, case: Case, now: datetime) -> CasePublic:
        summary = CaseSummaryPublic.of(case.summary, now)
        return cls(
            **summary.model_dump(),
            article=case.article,
            close_ground=case.close_ground,
            opened_by=case.opened_by,
            frozen_amount=case.frozen_amount,
            returned_amount=case.returned_amount,
            pensioners=case.pensioners,
            parties=[PartyPublic.of(p) for p in case.parties],
            links=[LinkPublic(kind=l.kind, ref=l.ref, added_by=l.added_by, added_at=l.added_at)
                   for l in case.links],  # noqa: E741
            notes=[NotePublic(author=n.author, at=n.at, text=n.text) for n in case.notes],
            events=[
                EventPublic(at=e.at, actor=e.actor, from_state=e.from_state, to_state=e.to_state,
                            ground=e.ground, reason=e.reason)
                for e in case.events
            ],
            evidence=[EvidencePublic.of(e) for e in case.evidence],
        )  # fmt: skip


class CasePage(BaseModel):
    items: list[CaseSummaryPublic]
    total: int
    limit: int
    offset: int
