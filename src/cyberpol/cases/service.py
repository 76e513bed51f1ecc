"""Case use cases: open a case (from reports or not), list and read it, correct its fields,
move it through its states, and add victims, suspects, links, notes and evidence. Every
change is audited, and so is every read of victims' and suspects' personal data."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cyberpol.cases.domain import (
    DECISIONS,
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
    Transition,
    deadline_for,
)
from cyberpol.cases.ports import CaseFilter, CasesUnitOfWork, NewEvidence
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import Conflict, InvalidInput, NotFound
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.labels import N_
from cyberpol.kernel.pages import Page
from cyberpol.reports.domain import evidence_type
from cyberpol.reports.service import ReportService

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024  # as its message says
MAX_NOTE_CHARS = 20_000  # as its message says
MAX_REF_CHARS = 200


@dataclass(frozen=True, slots=True)
class CaseService:
    uow: Callable[[], CasesUnitOfWork]
    clock: Clock
    reports: ReportService

    def open(self, *, actor: Actor, draft: CaseDraft) -> Case:
        """Open a case, linking the reports it starts from; their reporters are told."""
        actor.require(Permission.MANAGE_CASES)
        draft.check()
        report_ids = tuple(dict.fromkeys(draft.report_ids))
        missing = set(report_ids) - self.reports.known(report_ids=report_ids)
        if missing:
            raise NotFound(f"No such reports: {', '.join(sorted(missing))}.")
        now = self.clock()
        with self.uow() as uow:
            deadline = deadline_for(CaseState.REGISTERED, now)
            case_id = uow.cases.add(draft, by=actor.name, now=now, deadline=deadline)
            for report_id in report_ids:
                uow.cases.link(case_id, LinkKind.REPORT, report_id, by=actor.name, now=now)
            self._audit(uow, actor, AuditAction.CASE_OPEN, case_id, reports=list(report_ids))
            case = uow.cases.get(case_id)
            uow.commit()
        assert case is not None
        if report_ids:
            self.reports.joined_case(report_ids=report_ids, case_number=case.number)
        return self._shown(actor, case)

    def search(self, *, actor: Actor, filters: CaseFilter) -> Page[CaseSummary]:
        actor.require(Permission.READ_CASES)
        with self.uow() as uow:
            return uow.cases.search(filters)

    def get(self, *, actor: Actor, case_id: int) -> Case:
        """The case; names and contacts of its people only for those who may read them, and
        each such read is audited."""
        actor.require(Permission.READ_CASES)
        with self.uow() as uow:
            case = self._case(uow, case_id)
            if case.parties and actor.may(Permission.READ_CASE_PARTIES):
                self._audit(uow, actor, AuditAction.CASE_READ_PARTIES, case_id)
                uow.commit()
        return self._shown(actor, case)

    def change(self, *, actor: Actor, case_id: int, change: CaseChange) -> Case:
        actor.require(Permission.MANAGE_CASES)
        change.check()
        with self.uow() as uow:
            self._case(uow, case_id)
            uow.cases.change(case_id, change)
            fields = {k: str(v) for k, v in _set_fields(change).items()}
            self._audit(uow, actor, AuditAction.CASE_UPDATE, case_id, **fields)
            case = self._case(uow, case_id)
            uow.commit()
        return self._shown(actor, case)

    def move(self, *, actor: Actor, case_id: int, transition: Transition) -> Case:
        """Move the case to another state as the procedure allows; deadlines restart."""
        actor.require(
            Permission.DECIDE_CASES if transition.to in DECISIONS else Permission.MANAGE_CASES
        )
        now = self.clock()
        with self.uow() as uow:
            case = self._case(uow, case_id)
            transition.check(case.summary.state)
            version = uow.cases.version(case_id)
            event = CaseEvent(
                now, actor.name, case.summary.state, transition.to, transition.reason,
                transition.ground,
            )  # fmt: skip
            deadline = deadline_for(transition.to, now)
            if version is None or not uow.cases.move(
                case_id, event, deadline=deadline, expected_version=version
            ):
                raise Conflict(f"Case {case_id} was changed by someone else; reload it.")
            self._audit(
                uow, actor, AuditAction.CASE_STATE, case_id,
                to=transition.to.value, ground=transition.ground, reason=transition.reason,
            )  # fmt: skip
            case = self._case(uow, case_id)
            uow.commit()
        return self._shown(actor, case)

    def add_party(self, *, actor: Actor, case_id: int, party: NewParty) -> Party:
        actor.require(Permission.MANAGE_CASES)
        party.check()
        if party.report_id and not self.reports.known(report_ids=[party.report_id]):
            raise NotFound(f"No report {party.report_id!r}.")
        with self.uow() as uow:
            self._case(uow, case_id)
            added = uow.cases.add_party(case_id, party, by=actor.name, now=self.clock())
            self._audit(uow, actor, AuditAction.CASE_PARTY_ADD, case_id, role=party.role.value)
            uow.commit()
        return added if actor.may(Permission.READ_CASE_PARTIES) else _hidden(added)

    def link(self, *, actor: Actor, case_id: int, kind: LinkKind, refs: Sequence[str]) -> Case:
        """Link reports, indicators, transfers, traces, freeze requests or drop accounts."""
        actor.require(Permission.MANAGE_CASES)
        refs = list(dict.fromkeys(r.strip() for r in refs))
        if not refs or any(not r or len(r) > MAX_REF_CHARS or "\x00" in r for r in refs):
            raise InvalidInput(f"Give 1 or more references of at most {MAX_REF_CHARS} characters.")
        if kind is LinkKind.REPORT:
            missing = set(refs) - self.reports.known(report_ids=refs)
            if missing:
                raise NotFound(f"No such reports: {', '.join(sorted(missing))}.")
        now = self.clock()
        with self.uow() as uow:
            self._case(uow, case_id)
            added = [r for r in refs if uow.cases.link(case_id, kind, r, by=actor.name, now=now)]
            if added:
                self._audit(uow, actor, AuditAction.CASE_LINK, case_id, kind=kind.value, refs=added)
            case = self._case(uow, case_id)
            uow.commit()
        if kind is LinkKind.REPORT and added:
            self.reports.joined_case(report_ids=added, case_number=case.number)
        return self._shown(actor, case)

    def cases_of_any(
        self, *, actor: Actor, kind: LinkKind, refs: Sequence[str]
    ) -> dict[str, list[int]]:
        """Per reference, the cases it is linked to: one query for a whole neighbourhood."""
        actor.require(Permission.READ_CASES)
        with self.uow() as uow:
            return uow.cases.cases_linked_to_any(kind, list(dict.fromkeys(refs)))

    def figures(self, *, actor: Actor, filters: FigureFilter) -> list[Tally]:
        """The cases' figures by month, region and scheme, for the statistics."""
        actor.require(Permission.READ_STATISTICS)
        with self.uow() as uow:
            return uow.cases.figures(filters)

    def places(self, *, actor: Actor, numbers: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        """Region and scheme of cases by number, to place counts that know only the case."""
        actor.require(Permission.READ_STATISTICS)
        with self.uow() as uow:
            return uow.cases.places(list(dict.fromkeys(numbers)))

    def cases_of(self, *, actor: Actor, kind: LinkKind, ref: str) -> list[int]:
        """The cases ``ref`` is linked to: "which other cases share this number?"."""
        actor.require(Permission.READ_CASES)
        with self.uow() as uow:
            return uow.cases.cases_linked(kind, ref)

    def add_note(self, *, actor: Actor, case_id: int, text: str) -> Case:
        actor.require(Permission.MANAGE_CASES)
        if not text.strip() or len(text) > MAX_NOTE_CHARS or "\x00" in text:
            raise InvalidInput(N_("A note is 1 to 20,000 characters of text."))
        with self.uow() as uow:
            self._case(uow, case_id)
            uow.cases.add_note(case_id, text.strip(), by=actor.name, now=self.clock())
            self._audit(uow, actor, AuditAction.CASE_NOTE, case_id)
            case = self._case(uow, case_id)
            uow.commit()
        return self._shown(actor, case)

    def add_evidence(
        self, *, actor: Actor, case_id: int, filename: str, content: bytes, description: str
    ) -> Evidence:
        """Keep a file on the case unchanged, with its SHA-256 and who added it when."""
        actor.require(Permission.MANAGE_CASES)
        if not content or len(content) > MAX_EVIDENCE_BYTES:
            raise InvalidInput(N_("Evidence is a file of 1 byte to 50 MB."))
        if not filename.strip() or len(filename) > 255 or "\x00" in filename + description:
            raise InvalidInput(N_("Evidence needs a file name of at most 255 characters."))
        kind = evidence_type(content)
        if kind is None:
            raise InvalidInput(N_("Evidence is a photo, PDF or recording, told by its content."))
        digest = hashlib.sha256(content).hexdigest()
        with self.uow() as uow:
            self._case(uow, case_id)
            evidence = uow.cases.add_evidence(
                case_id,
                NewEvidence(filename.strip(), kind, content, digest, description.strip()),
                by=actor.name,
                now=self.clock(),
            )
            self._audit(uow, actor, AuditAction.CASE_EVIDENCE_ADD, case_id, sha256=digest)
            uow.commit()
        return evidence

    def read_evidence(
        self, *, actor: Actor, case_id: int, evidence_id: int
    ) -> tuple[Evidence, bytes]:
        actor.require(Permission.READ_EVIDENCE)
        actor.require(Permission.READ_CASES)
        with self.uow() as uow:
            found = uow.cases.evidence(case_id, evidence_id)
            if found is None:
                raise NotFound(f"No evidence {evidence_id} on case {case_id}.")
            self._audit(uow, actor, AuditAction.CASE_EVIDENCE_READ, case_id, evidence=evidence_id)
            uow.commit()
        return found

    @staticmethod
    def _case(uow: CasesUnitOfWork, case_id: int) -> Case:
        case = uow.cases.get(case_id)
        if case is None:
            raise NotFound(f"No case {case_id}.")
        return case

    def _audit(
        self,
        uow: CasesUnitOfWork,
        actor: Actor,
        action: AuditAction,
        case_id: int,
        **details: object,
    ) -> None:
        uow.audit.record(
            actor=actor,
            action=action,
            object_type=AuditObject.CASE,
            object_id=str(case_id),
            details={k: v for k, v in details.items() if v is not None},
            at=self.clock(),
        )

    @staticmethod
    def _shown(actor: Actor, case: Case) -> Case:
        if actor.may(Permission.READ_CASE_PARTIES):
            return case
        return replace(case, parties=tuple(_hidden(p) for p in case.parties))


def _hidden(party: Party) -> Party:
    return replace(party, name=None, contact=None)


def _set_fields(change: CaseChange) -> dict[str, object]:
    return {
        name: getattr(change, name)
        for name in change.__dataclass_fields__
        if getattr(change, name) is not None
    }
