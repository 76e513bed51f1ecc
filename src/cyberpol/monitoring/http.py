"""The monitoring queue over HTTP: resources, their review, block requests, lookalike scans."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.monitoring.domain.resources import ResourceKind, ResourceSource, ResourceState
from cyberpol.monitoring.domain.takedowns import Party, TakedownState
from cyberpol.monitoring.ports import ResourceFilter
from cyberpol.monitoring.schemas import (
    AddedPublic,
    AdLoadPublic,
    AdsIn,
    AdWarningPublic,
    BlockAnswerIn,
    BlockPagePublic,
    BlockRequestIn,
    BlockRequestPublic,
    BlockState,
    Kind,
    MonthCountPublic,
    ResourceDetailPublic,
    ResourceEventPublic,
    ResourcePagePublic,
    ResourcePublic,
    ResourcesIn,
    RingPublic,
    ScanIn,
    ScanPublic,
    Source,
    State,
    StateIn,
    TextsIn,
    TextsPublic,
    ad_load_public,
    block_public,
    lookalike_public,
    month_public,
    resource_public,
    ring_public,
    text_verdict_public,
    warning_public,
)
from cyberpol.monitoring.service import MonitoringService, NewResource
from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES, Day

router = APIRouter(prefix="/api/v1/monitoring", tags=["monitoring"])
MonitoringDep = Annotated[MonitoringService, Depends(service(MonitoringService))]
ResourceId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/resources", response_model=ResourcePagePublic, responses=ERROR_RESPONSES)
def resources(
    monitoring: MonitoringDep,
    actor: ActorDep,
    state: Annotated[list[State] | None, Query()] = None,
    kind: Kind | None = None,
    source: Source | None = None,
    brand: Annotated[str | None, Query(max_length=253)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the value")] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ResourcePagePublic:
    """The queue, highest score first; filter by state (repeatable), kind, source, brand."""
    page = monitoring.resources(actor=actor, filters=ResourceFilter(
        states=tuple(ResourceState(s) for s in state or ()),
        kind=ResourceKind(kind) if kind else None,
        source=ResourceSource(source) if source else None, brand=brand, search=q,
        min_score=min_score,
    ), limit=limit, offset=offset)  # fmt: skip
    return ResourcePagePublic(items=[resource_public(r) for r in page.items], total=page.total,
                              limit=page.limit, offset=page.offset)  # fmt: skip


@router.post("/resources", response_model=list[AddedPublic], responses=ERROR_RESPONSES)
def add_resources(
    body: ResourcesIn, monitoring: MonitoringDep, actor: ActorDep
) -> list[AddedPublic]:
    """Put resources on the queue; domains and URLs are scored against the protected brands.
    One already queued is given back (``created`` false) and keeps its state."""
    added = monitoring.add(actor=actor, items=[
        NewResource(ResourceKind(r.kind), r.value, ResourceSource(r.source),
                    r.source_ref or actor.name, note=r.note)
        for r in body.resources
    ])  # fmt: skip
    return [AddedPublic(resource=resource_public(a.resource), created=a.created) for a in added]


@router.get("/resources/{resource_id}", response_model=ResourceDetailPublic,
            responses=ERROR_RESPONSES)  # fmt: skip
def resource(
    resource_id: ResourceId, monitoring: MonitoringDep, actor: ActorDep
) -> ResourceDetailPublic:
    """One resource with its history and block requests."""
    detail = monitoring.resource(actor=actor, resource_id=resource_id)
    now = monitoring.clock()
    return ResourceDetailPublic(
        **resource_public(detail.resource).model_dump(),
        events=[ResourceEventPublic(state=e.state.value, actor=e.actor, at=e.at,
                                    details=e.details) for e in detail.events],
        block_requests=[block_public(r, now) for r in detail.takedowns],
    )  # fmt: skip


@router.post("/resources/{resource_id}/state", response_model=ResourcePublic,
             responses=ERROR_RESPONSES)  # fmt: skip
def move(
    resource_id: ResourceId, body: StateIn, monitoring: MonitoringDep, actor: ActorDep
) -> ResourcePublic:
    """Review, confirm, dismiss, or mark taken down (with the day it went down)."""
    moved = monitoring.move(actor=actor, resource_id=resource_id,
                            state=ResourceState(body.state), note=body.note,
                            taken_down_on=body.taken_down_on)  # fmt: skip
    return resource_public(moved)


@router.post("/resources/{resource_id}/block-requests", response_model=BlockRequestPublic,
             responses=ERROR_RESPONSES)  # fmt: skip
def request_block(
    resource_id: ResourceId, body: BlockRequestIn, monitoring: MonitoringDep, actor: ActorDep
) -> BlockRequestPublic:
    """Ask a registrar, host, the CERT, an ISP or a platform to block a confirmed resource,
    due in two working days. Asking the same party again gives the request there is."""
    request = monitoring.request_block(actor=actor, resource_id=resource_id,
                                       party=Party(body.party), addressee=body.addressee,
                                       note=body.note)  # fmt: skip
    return block_public(request, monitoring.clock())


@router.get("/block-requests", response_model=BlockPagePublic, responses=ERROR_RESPONSES)
def block_requests(
    monitoring: MonitoringDep,
    actor: ActorDep,
    state: BlockState | None = None,
    overdue: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> BlockPagePublic:
    """Block requests, the earliest due first; ``overdue``: unanswered past their deadline."""
    page = monitoring.block_requests(actor=actor, state=TakedownState(state) if state else None,
                                     overdue=overdue, limit=limit, offset=offset)  # fmt: skip
    now = monitoring.clock()
    return BlockPagePublic(items=[block_public(r, now) for r in page.items], total=page.total,
                           limit=page.limit, offset=page.offset)  # fmt: skip


@router.post("/block-requests/{request_id}/answer", response_model=BlockRequestPublic,
             responses=ERROR_RESPONSES)  # fmt: skip
def answer_block(
    request_id: ResourceId, body: BlockAnswerIn, monitoring: MonitoringDep, actor: ActorDep
) -> BlockRequestPublic:
    """Record the party's answer: done (the resource is blocked) or refused (say why)."""
    answered = monitoring.answer_block(actor=actor, request_id=request_id,
                                       done=body.outcome == "done", note=body.note)  # fmt: skip
    return block_public(answered, monitoring.clock())


@router.post("/scan", response_model=ScanPublic, responses=ERROR_RESPONSES)
def scan(body: ScanIn, monitoring: MonitoringDep, actor: ActorDep) -> ScanPublic:
    """Score up to 10,000 domains or URLs against the protected brands, in order; with
    ``queue``, the flagged ones go on the queue (source: lookalike_scan)."""
    scanned = monitoring.scan_names(actor=actor, names=body.names)
    queued = 0
    if body.queue:
        queued = monitoring.queue_flagged(actor=actor, names=scanned, source_ref=actor.name,
                                          source=ResourceSource.LOOKALIKE_SCAN)  # fmt: skip
    return ScanPublic(results=[lookalike_public(n.text, n.score) for n in scanned],
                      queued=queued)  # fmt: skip


@router.get("/stats", response_model=list[MonthCountPublic], responses=ERROR_RESPONSES)
def stats(
    monitoring: MonitoringDep, actor: ActorDep, since: Day | None = None, until: Day | None = None
) -> list[MonthCountPublic]:
    """Found, confirmed, blocked and taken down, by month (Kazakhstan time) and kind;
    ``since`` included, ``until`` not."""
    counts = monitoring.month_counts(actor=actor, since=_start(since), until=_start(until))
    return [month_public(m) for m in counts]


@router.post("/ads", response_model=AdLoadPublic, responses=ERROR_RESPONSES)
def submit_ads(body: AdsIn, monitoring: MonitoringDep, actor: ActorDep) -> AdLoadPublic:
    """A platform sends up to 10,000 of its ads; the same list sent twice is kept once, and
    ads that are not ads come back by number with the reason."""
    return ad_load_public(monitoring.submit_ads(actor=actor, rows=body.ads))


@router.get("/ads/rings", response_model=list[RingPublic], responses=ERROR_RESPONSES)
def ad_rings(
    monitoring: MonitoringDep, actor: ActorDep, since: Day | None = None
) -> list[RingPublic]:
    """Scam rings among all platforms' ads (created since ``since``), strongest first."""
    return [ring_public(r) for r in monitoring.ad_rings(actor=actor, since=_start(since))[0]]


@router.get("/ads/warnings", response_model=list[AdWarningPublic], responses=ERROR_RESPONSES)
def ad_warnings(
    monitoring: MonitoringDep, actor: ActorDep, since: Day | None = None
) -> list[AdWarningPublic]:
    """For a platform: the rings with ads on it, each cut to its own ads, sellers and phones,
    to warn or stop those sellers."""
    found = monitoring.ad_warnings(actor=actor, since=_start(since))
    return [warning_public(w) for w in found]


@router.post("/texts/classify", response_model=TextsPublic, responses=ERROR_RESPONSES)
def classify_texts(body: TextsIn, monitoring: MonitoringDep, actor: ActorDep) -> TextsPublic:
    """Judge up to 1,000 short texts (SMS, ads, chat messages, citizens' reports) in Kazakh,
    Russian or English: scam or not, which scheme, and the words that weighed most."""
    verdicts = monitoring.classify_texts(actor=actor, texts=body.texts)
    return TextsPublic(results=[text_verdict_public(v) for v in verdicts])


def _start(day: date | None) -> datetime | None:
    """The first moment of ``day`` in Kazakhstan."""
    return datetime.combine(day, time(), tzinfo=KAZAKHSTAN) if day else None
