"""What the case use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cyberpol.cases.domain import (
    Case,
    CaseChange,
    CaseDraft,
    CaseEvent,
    CaseState,
    CaseSummary,
    Evidence,
    LinkKind,
    NewParty,
    Party,
)
from cyberpol.kernel.audit import AuditUnitOfWork
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page


@dataclass(frozen=True, slots=True)
class CaseFilter:
    state: CaseState | None = None
    region: Region | None = None
    category: ScamCategory | None = None
    investigator: str | None = None
    query: str | None = None  # an ERDR number or words of the title
    overdue_at: datetime | None = None  # only cases past their deadline at this moment
    ids: tuple[int, ...] | None = None  # only these cases
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class NewEvidence:
    filename: str
    content_type: str
    content: bytes
    sha256: str
    description: str


class CaseRepository(Protocol):
    def figures(self, filters: FigureFilter) -> list[Tally]:
        """Cases registered, decided, their damage, pensioners and drops, by month."""
        ...

    def places(self, numbers: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        """(region, scheme) of the cases with these numbers (ERDR or CASE-<id>)."""
        ...

    def add(
        self, draft: CaseDraft, *, by: str, now: datetime, deadline: datetime | None
    ) -> int: ...

    def get(self, case_id: int) -> Case | None:
        """The case with its parties' names and contacts opened."""
        ...

    def search(self, filters: CaseFilter) -> Page[CaseSummary]: ...

    def change(self, case_id: int, change: CaseChange) -> None: ...

    def move(
        self,
        case_id: int,
        event: CaseEvent,
        *,
        deadline: datetime | None,
        expected_version: int,
    ) -> bool:
        """Compare-and-set: False when someone changed the case meanwhile."""
        ...

    def version(self, case_id: int) -> int | None: ...

    def add_party(self, case_id: int, party: NewParty, *, by: str, now: datetime) -> Party: ...

    def link(self, case_id: int, kind: LinkKind, ref: str, *, by: str, now: datetime) -> bool:
        """Link ``ref``; False when it was linked already."""
        ...

    def cases_linked(self, kind: LinkKind, ref: str) -> list[int]: ...

    def cases_linked_to_any(self, kind: LinkKind, refs: Sequence[str]) -> dict[str, list[int]]:
        """Per reference, the cases it is linked to (references linked to none are left out)."""
        ...

    def add_note(self, case_id: int, text: str, *, by: str, now: datetime) -> None: ...

    def add_evidence(
        self, case_id: int, evidence: NewEvidence, *, by: str, now: datetime
    ) -> Evidence: ...

    def evidence(self, case_id: int, evidence_id: int) -> tuple[Evidence, bytes] | None: ...


class CasesUnitOfWork(AuditUnitOfWork, Protocol):
    @property
    def cases(self) -> CaseRepository: ...

    def commit(self) -> None: ...
