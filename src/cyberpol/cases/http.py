"""Cases over the API, for the workspace and for other systems filing into it."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from cyberpol.cases import schemas
from cyberpol.cases.domain import (
    CaseChange,
    CaseDraft,
    CaseState,
    LinkKind,
    NewParty,
    Transition,
)
from cyberpol.cases.ports import CaseFilter
from cyberpol.cases.service import CaseService
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/cases", tags=["cases"])
CasesDep = Annotated[CaseService, Depends(service(CaseService))]
CaseId = Annotated[int, Path(ge=1, le=2**62)]


@router.post("", status_code=201, response_model=schemas.CasePublic, responses=ERROR_RESPONSES)
def open_case(body: schemas.CaseCreate, cases: CasesDep, actor: ActorDep) -> schemas.CasePublic:
    """Open a case, from reports or not; the reports' subscribed reporters are told."""
    draft = CaseDraft(
        category=body.category,
        title=body.title,
        region=body.region,
        erdr_number=body.erdr_number,
        article=body.article,
        investigator=body.investigator,
        report_ids=tuple(body.report_ids),
    )
    return schemas.CasePublic.of_case(cases.open(actor=actor, draft=draft), cases.clock())


@router.get("", response_model=schemas.CasePage, responses=ERROR_RESPONSES)
def list_cases(
    cases: CasesDep,
    actor: ActorDep,
    state: CaseState | None = None,
    region: Region | None = None,
    category: ScamCategory | None = None,
    investigator: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=300, description="ERDR number or title")
    ] = None,
    overdue: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> schemas.CasePage:
    """Cases, newest first."""
    now = cases.clock()
    page = cases.search(
        actor=actor,
        filters=CaseFilter(
            state=state,
            region=region,
            category=category,
            investigator=investigator,
            query=q,
            overdue_at=now if overdue else None,
            limit=limit,
            offset=offset,
        ),
    )
    return schemas.CasePage(
        items=[schemas.CaseSummaryPublic.of(s, now) for s in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/{case_id}", response_model=schemas.CasePublic, responses=ERROR_RESPONSES)
def get_case(case_id: CaseId, cases: CasesDep, actor: ActorDep) -> schemas.CasePublic:
    """A case with its people, links, notes, state changes and evidence."""
    return schemas.CasePublic.of_case(cases.get(actor=actor, case_id=case_id), cases.clock())


@router.patch("/{case_id}", response_model=schemas.CasePublic, responses=ERROR_RESPONSES)
def change_case(
    case_id: CaseId, body: schemas.CaseUpdate, cases: CasesDep, actor: ActorDep
) -> schemas.CasePublic:
    """Correct a case's fields: ERDR number, article, investigator, amounts."""
    change = CaseChange(**body.model_dump(exclude_unset=True))
    return schemas.CasePublic.of_case(
        cases.change(actor=actor, case_id=case_id, change=change), cases.clock()
    )


@router.post("/{case_id}/transitions", response_model=schemas.CasePublic, responses=ERROR_RESPONSES)
def move_case(
    case_id: CaseId, body: schemas.TransitionCreate, cases: CasesDep, actor: ActorDep
) -> schemas.CasePublic:
    """Move the case on: investigating, sent to court, closed (with its ground), suspended."""
    transition = Transition(to=body.to, reason=body.reason, ground=body.ground)
    return schemas.CasePublic.of_case(
        cases.move(actor=actor, case_id=case_id, transition=transition), cases.clock()
    )


@router.post(
    "/{case_id}/parties", status_code=201, response_model=schemas.PartyPublic,
    responses=ERROR_RESPONSES,
)  # fmt: skip
def add_party(
    case_id: CaseId, body: schemas.PartyCreate, cases: CasesDep, actor: ActorDep
) -> schemas.PartyPublic:
    """Add a victim (with loss and pension age) or a suspect."""
    party = NewParty(**body.model_dump())
    return schemas.PartyPublic.of(cases.add_party(actor=actor, case_id=case_id, party=party))


@router.post("/{case_id}/links", response_model=schemas.CasePublic, responses=ERROR_RESPONSES)
def link(
    case_id: CaseId, body: schemas.LinkCreate, cases: CasesDep, actor: ActorDep
) -> schemas.CasePublic:
    """Link reports, indicators, transfers, traces, freeze requests or drop accounts."""
    case = cases.link(actor=actor, case_id=case_id, kind=body.kind, refs=body.refs)
    return schemas.CasePublic.of_case(case, cases.clock())


@router.get("/linked/{kind}/{ref}", response_model=list[int], responses=ERROR_RESPONSES)
def linked(
    kind: LinkKind, ref: Annotated[str, Path(max_length=200)], cases: CasesDep, actor: ActorDep
) -> list[int]:
    """The cases a report, indicator, account ... is linked to."""
    return cases.cases_of(actor=actor, kind=kind, ref=ref)


@router.post("/{case_id}/notes", response_model=schemas.CasePublic, responses=ERROR_RESPONSES)
def add_note(
    case_id: CaseId, body: schemas.NoteCreate, cases: CasesDep, actor: ActorDep
) -> schemas.CasePublic:
    return schemas.CasePublic.of_case(
        cases.add_note(actor=actor, case_id=case_id, text=body.text), cases.clock()
    )


@router.post(
    "/{case_id}/evidence", status_code=201, response_model=schemas.EvidencePublic,
    responses=ERROR_RESPONSES,
)  # fmt: skip
def add_evidence(
    case_id: CaseId, body: schemas.EvidenceCreate, cases: CasesDep, actor: ActorDep
) -> schemas.EvidencePublic:
    """Keep a file on the case unchanged, with its SHA-256 and who added it when."""
    try:
        content = base64.b64decode(body.data_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(f"{body.filename!r} is not valid base64.") from exc
    evidence = cases.add_evidence(
        actor=actor,
        case_id=case_id,
        filename=body.filename,
        content=content,
        description=body.description,
    )
    return schemas.EvidencePublic.of(evidence)


@router.get(
    "/{case_id}/evidence/{evidence_id}",
    response_class=Response,
    responses={**ERROR_RESPONSES, 200: {"content": {"application/octet-stream": {}}}},
)
def read_evidence(
    case_id: CaseId,
    evidence_id: Annotated[int, Path(ge=1, le=2**62)],
    cases: CasesDep,
    actor: ActorDep,
) -> Response:
    """A file of the case, byte for byte; audited."""
    evidence, content = cases.read_evidence(actor=actor, case_id=case_id, evidence_id=evidence_id)
    return Response(
        content,
        media_type=evidence.content_type,
        headers={
            "Content-Disposition": f"attachment; filename=case-{case_id}-evidence-{evidence.id}",
            "X-Content-Type-Options": "nosniff",
            "X-Evidence-SHA256": evidence.sha256,
        },
    )
