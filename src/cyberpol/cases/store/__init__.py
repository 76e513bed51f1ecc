"""Cases on SQLite or PostgreSQL; victims' and suspects' names and contacts sealed."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from cyberpol.cases.domain import (
    ZERO,
    Case,
    CaseChange,
    CaseDraft,
    CaseEvent,
    CaseState,
    CaseSummary,
    CloseGround,
    Evidence,
    Link,
    LinkKind,
    NewParty,
    Note,
    Party,
    PartyRole,
)
from cyberpol.cases.ports import CaseFilter, NewEvidence
from cyberpol.cases.store.evidence import add_evidence, evidence_file, evidence_item
from cyberpol.cases.store.figures import case_figures, case_places, count_new_case, tallied
from cyberpol.cases.tables import (
    case_events,
    case_evidence,
    case_links,
    case_notes,
    case_parties,
    cases,
)
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.errors import Conflict
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page
from cyberpol.platform.db.sql import AnyRow, chunked, inserted_id, utc
from cyberpol.platform.sealing import Sealer


class SqlCaseRepository:
    def __init__(self, connection: Connection, sealer: Sealer) -> None:
        self._db = connection
        self._sealer = sealer

    def figures(self, filters: FigureFilter) -> list[Tally]:
        return case_figures(self._db, filters)

    def places(self, numbers: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        return case_places(self._db, numbers)

    def add(self, draft: CaseDraft, *, by: str, now: datetime, deadline: datetime | None) -> int:
        try:
            with self._db.begin_nested():
                case_id = inserted_id(
                    self._db.execute(
                        cases.insert().values(
                            erdr_number=draft.erdr_number,
                            title=draft.title.strip(),
                            article=draft.article,
                            category=draft.category.value,
                            region=draft.region.value if draft.region else None,
                            state=CaseState.REGISTERED.value,
                            investigator=draft.investigator,
                            opened_by=by,
                            opened_at=now,
                            state_since=now,
                            deadline=deadline,
                            frozen_amount=ZERO,
                            returned_amount=ZERO,
                            version=1,
                        )
                    )
                )
        except IntegrityError as exc:
            raise Conflict(f"ERDR number {draft.erdr_number} belongs to another case.") from exc
        self._event(case_id, CaseEvent(now, by, None, CaseState.REGISTERED, "opened"))
        count_new_case(self._db, case_id)
        return case_id

    def _event(self, case_id: int, event: CaseEvent) -> None:
        self._db.execute(
            case_events.insert().values(
                case_id=case_id,
                at=event.at,
                actor=event.actor,
                from_state=event.from_state.value if event.from_state else None,
                to_state=event.to_state.value,
                ground=event.ground.value if event.ground else None,
                reason=event.reason,
            )
        )

    def _summaries(self) -> Any:
        victims = (
            select(func.count())
            .where(case_parties.c.case_id == cases.c.id, case_parties.c.role == "victim")
            .scalar_subquery()
        )
        damage = (
            select(func.coalesce(func.sum(case_parties.c.loss), 0))
            .where(case_parties.c.case_id == cases.c.id, case_parties.c.role == "victim")
            .scalar_subquery()
        )
        linked_reports = (
            select(func.count())
            .where(case_links.c.case_id == cases.c.id, case_links.c.kind == "report")
            .scalar_subquery()
        )
        return select(
            cases,
            victims.label("victims"),
            damage.label("damage"),
            linked_reports.label("reports"),
        )

    def get(self, case_id: int) -> Case | None:
        row = self._db.execute(self._summaries().where(cases.c.id == case_id)).first()
        if row is None:
            return None
        c = case_id
        parties = tuple(
            self._party(r) for r in self._db.execute(
                select(case_parties).where(case_parties.c.case_id == c).order_by(case_parties.c.id)
            )
        )  # fmt: skip
        links = tuple(
            Link(LinkKind(r.kind), r.ref, r.added_by, utc(r.added_at))
            for r in self._db.execute(
                select(case_links)
                .where(case_links.c.case_id == c)
                .order_by(case_links.c.added_at, case_links.c.kind, case_links.c.ref)
            )
        )
        notes = tuple(
            Note(r.author, utc(r.at), r.text)
            for r in self._db.execute(
                select(case_notes).where(case_notes.c.case_id == c).order_by(case_notes.c.id)
            )
        )
        events = tuple(
            CaseEvent(
                utc(r.at),
                r.actor,
                CaseState(r.from_state) if r.from_state else None,
                CaseState(r.to_state),
                r.reason,
                CloseGround(r.ground) if r.ground else None,
            )
            for r in self._db.execute(
                select(case_events).where(case_events.c.case_id == c).order_by(case_events.c.id)
            )
        )
        evidence = tuple(
            evidence_item(r)
            for r in self._db.execute(
                select(case_evidence)
                .where(case_evidence.c.case_id == c)
                .order_by(case_evidence.c.id)
            )
        )
        return Case(
            summary=_summary(row),
            article=row.article,
            close_ground=CloseGround(row.close_ground) if row.close_ground else None,
            opened_by=row.opened_by,
            frozen_amount=Decimal(row.frozen_amount),
            returned_amount=Decimal(row.returned_amount),
            parties=parties,
            links=links,
            notes=notes,
            events=events,
            evidence=evidence,
            pensioners=sum(p.pensioner for p in parties if p.role is PartyRole.VICTIM),
        )

    def _party(self, row: AnyRow) -> Party:
        context = f"case:{row.case_id}:party"
        return Party(
            id=row.id,
            role=PartyRole(row.role),
            name=self._sealer.open(row.name, context=context),
            contact=self._sealer.open(row.contact, context=context) if row.contact else None,
            loss=Decimal(row.loss),
            pensioner=bool(row.pensioner),
            report_id=row.report_id,
            added_by=row.added_by,
            added_at=utc(row.added_at),
        )

    def search(self, filters: CaseFilter) -> Page[CaseSummary]:
        c = cases.c
        conditions = []
        if filters.state is not None:
            conditions.append(c.state == filters.state.value)
        if filters.region is not None:
            conditions.append(c.region == filters.region.value)
        if filters.category is not None:
            conditions.append(c.category == filters.category.value)
        if filters.investigator is not None:
            conditions.append(c.investigator == filters.investigator)
        if filters.overdue_at is not None:
            conditions.append(c.deadline < filters.overdue_at)
        if filters.ids is not None:
            conditions.append(c.id.in_(filters.ids))
        if filters.query:
            words = filters.query.strip()
            conditions.append(or_(c.erdr_number == words, c.title.ilike(f"%{words}%")))
        total = self._db.scalar(select(func.count()).select_from(cases).where(*conditions))
        # The page's ids first, then their sums: PostgreSQL would otherwise sum victims and
        # reports for every case it skips on the way to a page deep in the list.
        order = (c.opened_at.desc(), c.id.desc())
        page = (
            select(c.id).where(*conditions).order_by(*order)
            .limit(filters.limit).offset(filters.offset).subquery()
        )  # fmt: skip
        rows = self._db.execute(self._summaries().join(page, page.c.id == c.id).order_by(*order))
        return Page(
            items=[_summary(r) for r in rows],
            total=int(total or 0),
            limit=filters.limit,
            offset=filters.offset,
        )

    def change(self, case_id: int, change: CaseChange) -> None:
        values: dict[str, object] = {
            "title": change.title.strip() if change.title is not None else None,
            "region": change.region.value if change.region else None,
            "erdr_number": change.erdr_number,
            "article": change.article,
            "investigator": change.investigator,
            "frozen_amount": change.frozen_amount,
            "returned_amount": change.returned_amount,
        }
        values = {k: v for k, v in values.items() if v is not None}
        if not values:
            return
        try:
            with self._db.begin_nested(), tallied(self._db, case_id):
                self._db.execute(
                    update(cases)
                    .where(cases.c.id == case_id)
                    .values(**values, version=cases.c.version + 1)
                )
        except IntegrityError as exc:
            raise Conflict(f"ERDR number {change.erdr_number} belongs to another case.") from exc

    def version(self, case_id: int) -> int | None:
        return self._db.scalar(select(cases.c.version).where(cases.c.id == case_id))

    def move(
        self,
        case_id: int,
        event: CaseEvent,
        *,
        deadline: datetime | None,
        expected_version: int,
    ) -> bool:
        with tallied(self._db, case_id):
            moved = self._db.execute(
                update(cases)
                .where(cases.c.id == case_id, cases.c.version == expected_version)
                .values(
                    state=event.to_state.value,
                    close_ground=event.ground.value if event.ground else None,
                    state_since=event.at,
                    deadline=deadline,
                    version=cases.c.version + 1,
                )
            ).rowcount
            if moved:
                self._event(case_id, event)
        return bool(moved)

    def add_party(self, case_id: int, party: NewParty, *, by: str, now: datetime) -> Party:
        context = f"case:{case_id}:party"
        contact = party.contact.strip() if party.contact else None
        counts = party.role is PartyRole.VICTIM
        with tallied(self._db, case_id) if counts else nullcontext():
            party_id = inserted_id(
                self._db.execute(
                    case_parties.insert().values(
                        case_id=case_id,
                        role=party.role.value,
                        name=self._sealer.seal(party.name.strip(), context=context),
                        contact=self._sealer.seal(contact, context=context) if contact else None,
                        loss=party.loss,
                        pensioner=party.pensioner,
                        report_id=party.report_id,
                        added_by=by,
                        added_at=now,
                    )
                )
            )
        row = self._db.execute(select(case_parties).where(case_parties.c.id == party_id)).one()
        return self._party(row)

    def link(self, case_id: int, kind: LinkKind, ref: str, *, by: str, now: datetime) -> bool:
        counts = kind is LinkKind.DROP_ACCOUNT
        try:
            with self._db.begin_nested(), tallied(self._db, case_id) if counts else nullcontext():
                self._db.execute(
                    case_links.insert().values(
                        case_id=case_id, kind=kind.value, ref=ref, added_by=by, added_at=now
                    )
                )
        except IntegrityError:
            return False
        return True

    def cases_linked(self, kind: LinkKind, ref: str) -> list[int]:
        l = case_links.c  # noqa: E741
        return [
            int(i)
            for i in self._db.scalars(
                select(l.case_id).where(l.kind == kind.value, l.ref == ref).order_by(l.case_id)
            )
        ]

    def cases_linked_to_any(self, kind: LinkKind, refs: Sequence[str]) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        l = case_links.c  # noqa: E741
        for chunk in chunked(list(refs)):
            query = (
                select(l.ref, l.case_id)
                .where(l.kind == kind.value, l.ref.in_(chunk))
                .order_by(l.case_id)
            )
            for row in self._db.execute(query):
                found.setdefault(row.ref, []).append(int(row.case_id))
        return found

    def add_note(self, case_id: int, text: str, *, by: str, now: datetime) -> None:
        self._db.execute(case_notes.insert().values(case_id=case_id, author=by, at=now, text=text))

    def add_evidence(
        self, case_id: int, evidence: NewEvidence, *, by: str, now: datetime
    ) -> Evidence:
        return add_evidence(self._db, case_id, evidence, by=by, now=now)

    def evidence(self, case_id: int, evidence_id: int) -> tuple[Evidence, bytes] | None:
        return evidence_file(self._db, case_id, evidence_id)


def _summary(row: AnyRow) -> CaseSummary:
    return CaseSummary(
        id=row.id,
        erdr_number=row.erdr_number,
        title=row.title,
        category=ScamCategory(row.category),
        region=Region(row.region) if row.region else None,
        state=CaseState(row.state),
        investigator=row.investigator,
        opened_at=utc(row.opened_at),
        deadline=utc(row.deadline) if row.deadline else None,
        damage=Decimal(row.damage),
        victims=int(row.victims),
        reports=int(row.reports),
    )
