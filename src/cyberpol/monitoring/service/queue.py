"""The monitoring queue's use cases: add resources, review them, ask for blocks, re-check.

Adding a resource that is already queued gives the one there is (a second source is kept
in its history, and a higher score replaces a lower one), so feeds, scans and reports can
all push the same name without creating duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.business_days import add_business_days
from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidInput, NotFound
from cyberpol.kernel.tlp import Tlp
from cyberpol.monitoring.domain.resources import (
    LIVE_STATES,
    Resource,
    ResourceEvent,
    ResourceKind,
    ResourceSource,
    ResourceState,
    require_transition,
)
from cyberpol.monitoring.domain.takedowns import (
    ANSWER_WORKING_DAYS,
    Party,
    TakedownRequest,
    TakedownState,
    check_addressee,
    require_takedown_transition,
)
from cyberpol.monitoring.domain.values import normalize_resource, resource_host
from cyberpol.monitoring.ports import MonitoringUnitOfWork, Resolver

S = ResourceState
MAX_NOTE = 2000
# How soon a resource is looked at again: a confirmed site daily until it is blocked, a
# blocked one weekly (blocks lapse, sites move), a taken-down one once more after a month.
RECHECK_AFTER = {
    S.CONFIRMED: timedelta(days=1),
    S.BLOCK_REQUESTED: timedelta(days=1),
    S.REFUSED: timedelta(days=1),
    S.BLOCKED: timedelta(days=7),
    S.TAKEN_DOWN: timedelta(days=30),
}
DOWN_CHECKS_TO_CLOSE = 2  # one failed look-up may be the resolver's, two in a row are the site's


@dataclass(frozen=True, slots=True)
class NewResource:
    kind: ResourceKind
    value: str  # as given: normalised on the way in
    source: ResourceSource
    source_ref: str
    score: float = 0.0
    reasons: tuple[RuleResult, ...] = ()
    brand: str = ""
    note: str | None = None
    # Our own findings are meant to be blocked by anyone; a partner's keep its marking.
    tlp: Tlp = Tlp.CLEAR


@dataclass(frozen=True, slots=True)
class Added:
    resource: Resource
    created: bool


@dataclass(frozen=True, slots=True)
class ResourceDetail:
    resource: Resource
    events: list[ResourceEvent]
    takedowns: list[TakedownRequest]


@dataclass(frozen=True, slots=True)
class RecheckSummary:
    checked: int
    still_up: int
    down: int
    unknown: int
    taken_down: list[int]


def _note(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    if len(text) > MAX_NOTE or "\x00" in text:
        raise InvalidInput(f"A note is at most {MAX_NOTE} characters, without NUL.")
    return text.strip()


def _audit(
    unit: MonitoringUnitOfWork,
    actor: Actor,
    action: AuditAction,
    resource_id: int,
    details: dict[str, object],
    now: datetime,
) -> None:
    unit.audit.record(actor=actor, action=action, object_type=AuditObject.RESOURCE,
                      object_id=str(resource_id), details=details, at=now)  # fmt: skip


def add_resources(
    unit: MonitoringUnitOfWork, actor: Actor, items: Sequence[NewResource], now: datetime
) -> list[Added]:
    """Queue each item (normalised), or give the one already queued."""
    out: list[Added] = []
    for item in items:
        value = normalize_resource(item.kind, item.value)
        if not 1 <= len(item.source_ref) <= 300:
            raise InvalidInput("Say where the resource came from (1 to 300 characters).")
        existing = unit.resources.by_value(item.kind, value)
        if existing is not None:
            if item.score > existing.score:
                existing = replace(existing, score=item.score, reasons=item.reasons,
                                   brand=item.brand, updated_at=now)  # fmt: skip
                unit.resources.update(existing)
            unit.resources.add_event(existing.id, ResourceEvent(
                existing.state, actor.name, now,
                {"seen_again": item.source.value, "source_ref": item.source_ref},
            ))  # fmt: skip
            out.append(Added(existing, created=False))
            continue
        resource = unit.resources.add(Resource(
            id=0, kind=item.kind, value=value, source=item.source, source_ref=item.source_ref,
            state=S.NEW, score=round(max(0.0, min(1.0, item.score)), 4), reasons=item.reasons,
            brand=item.brand, found_at=now, updated_at=now, note=_note(item.note), tlp=item.tlp,
        ))  # fmt: skip
        unit.resources.add_event(resource.id, ResourceEvent(
            S.NEW, actor.name, now, {"source": item.source.value, "source_ref": item.source_ref},
        ))  # fmt: skip
        out.append(Added(resource, created=True))
    return out


def move_resource(
    unit: MonitoringUnitOfWork,
    actor: Actor,
    resource_id: int,
    new: ResourceState,
    *,
    note: str | None,
    taken_down_on: date | None,
    now: datetime,
) -> Resource:
    """An analyst's step on the queue: review, confirm, dismiss, mark taken down, reopen.

    Block requests move a resource to ``block_requested``, ``blocked`` and ``refused``:
    those steps are refused here so the requests stay the record of what was asked.
    """
    resource = _get(unit, resource_id)
    if new in (S.BLOCK_REQUESTED, S.BLOCKED, S.REFUSED):
        raise InvalidInput(
            f"A resource becomes {new.value!r} through its block requests: send one, or "
            "record the party's answer to it."
        )
    require_transition(resource.id, resource.state, new)
    if taken_down_on is not None and new is not S.TAKEN_DOWN:
        raise InvalidInput("taken_down_on goes with the state 'taken_down' only.")
    changed = _moved(resource, new, now, taken_down_on=taken_down_on)
    changed = replace(changed, note=_note(note) or resource.note)
    unit.resources.update(changed)
    details: dict[str, object] = {"from": resource.state.value}
    if note:
        details["note"] = note.strip()
    if changed.taken_down_on:
        details["taken_down_on"] = changed.taken_down_on.isoformat()
    unit.resources.add_event(resource.id, ResourceEvent(new, actor.name, now, details))
    _audit(unit, actor, AuditAction.RESOURCE_STATE, resource.id,
           {"from": resource.state.value, "to": new.value}, now)  # fmt: skip
    return changed


def _moved(
    resource: Resource, new: ResourceState, now: datetime, *, taken_down_on: date | None = None
) -> Resource:
    """The resource in its new state, with the dates and the next re-check that go with it."""
    confirmed_at = resource.confirmed_at
    if new is S.CONFIRMED and confirmed_at is None:
        confirmed_at = now
    blocked_at = now if new is S.BLOCKED and resource.blocked_at is None else resource.blocked_at
    down: date | None = None
    if new is S.TAKEN_DOWN:
        down = taken_down_on or now.astimezone(KAZAKHSTAN).date()
        if down > now.astimezone(KAZAKHSTAN).date():
            raise InvalidInput("taken_down_on cannot be in the future.")
    after = RECHECK_AFTER.get(new)
    return replace(
        resource, state=new, updated_at=now, confirmed_at=confirmed_at, blocked_at=blocked_at,
        taken_down_on=down, recheck_at=now + after if after else None,
    )  # fmt: skip


def request_takedown(
    unit: MonitoringUnitOfWork,
    actor: Actor,
    resource_id: int,
    party: Party,
    addressee: str,
    note: str | None,
    now: datetime,
) -> TakedownRequest:
    """Ask a registrar, host, the CERT, an ISP or a platform to block a confirmed resource;
    asking the same party again while it has not answered gives the request there is."""
    resource = _get(unit, resource_id)
    name = check_addressee(addressee)
    live = unit.takedowns.live(resource.id, party, name)
    if live is not None:
        return live
    if resource.state not in (S.CONFIRMED, S.BLOCK_REQUESTED, S.REFUSED, S.BLOCKED):
        raise InvalidInput(
            f"Resource {resource.id} is {resource.state.value!r}: confirm it before asking "
            "anyone to block it."
        )
    request = unit.takedowns.add(TakedownRequest(
        id=0, resource_id=resource.id, party=party, addressee=name, state=TakedownState.SENT,
        issued_by=actor.name, sent_at=now, due_at=add_business_days(now, ANSWER_WORKING_DAYS),
        note=_note(note),
    ))  # fmt: skip
    if resource.state in (S.CONFIRMED, S.REFUSED):
        unit.resources.update(_moved(resource, S.BLOCK_REQUESTED, now))
    unit.resources.add_event(resource.id, ResourceEvent(
        S.BLOCK_REQUESTED if resource.state is not S.BLOCKED else S.BLOCKED, actor.name, now,
        {"block_request": request.id, "party": party.value, "addressee": name},
    ))  # fmt: skip
    _audit(unit, actor, AuditAction.RESOURCE_BLOCK_REQUEST, resource.id,
           {"request": request.id, "party": party.value, "addressee": name}, now)  # fmt: skip
    return request


def answer_takedown(
    unit: MonitoringUnitOfWork,
    actor: Actor,
    request_id: int,
    *,
    done: bool,
    note: str | None,
    now: datetime,
) -> TakedownRequest:
    """Record a party's answer: the resource is blocked on the first ``done``, refused once
    every request for it is refused."""
    request = unit.takedowns.get(request_id)
    if request is None:
        raise NotFound(f"No block request {request_id}.")
    new = TakedownState.DONE if done else TakedownState.REFUSED
    require_takedown_transition(request.id, request.state, new)
    if not done and not (note and note.strip()):
        raise InvalidInput("Say why the party refused (note).")
    answered = replace(request, state=new, answered_at=now, answer_note=_note(note))
    unit.takedowns.update(answered)
    resource = _get(unit, request.resource_id)
    target: ResourceState | None = None
    if done and resource.state in (S.BLOCK_REQUESTED, S.REFUSED):
        target = S.BLOCKED
    elif not done and resource.state is S.BLOCK_REQUESTED:
        others = unit.takedowns.for_resource(resource.id)
        if all(r.state is TakedownState.REFUSED for r in others):
            target = S.REFUSED
    if target is not None:
        unit.resources.update(_moved(resource, target, now))
    unit.resources.add_event(resource.id, ResourceEvent(
        target or resource.state, actor.name, now,
        {"block_request": request.id, "answer": new.value, **({"note": note} if note else {})},
    ))  # fmt: skip
    _audit(unit, actor, AuditAction.RESOURCE_BLOCK_ANSWER, resource.id,
           {"request": request.id, "answer": new.value}, now)  # fmt: skip
    return answered


def recheck_due(
    unit: MonitoringUnitOfWork, actor: Actor, resolver: Resolver, now: datetime, limit: int
) -> RecheckSummary:
    """Look up each resource whose re-check is due; a domain that has not resolved on two
    checks in a row is taken down (today), one that comes back is confirmed again."""
    up = down = unknown = 0
    closed: list[int] = []
    for resource in unit.resources.due_rechecks(now, limit=limit):
        host = resource_host(resource)
        if host is None:  # an ad or a channel: its platform answers, not DNS
            unit.resources.update(replace(resource, recheck_at=None))
            continue
        found = resolver.resolves(host)
        misses = _misses(unit.resources.events(resource.id))
        details: dict[str, object] = {"recheck": host, "resolves": found}
        state = resource.state
        if found is None:
            unknown += 1
            changed = replace(resource, recheck_at=now + timedelta(hours=1))
        elif found:
            up += 1
            changed = replace(resource, recheck_at=now + RECHECK_AFTER.get(state, timedelta(1)))
            if state is S.TAKEN_DOWN:
                changed = replace(_moved(resource, S.CONFIRMED, now), taken_down_on=None)
                state = S.CONFIRMED
        else:
            down += 1
            changed = replace(resource, recheck_at=now + timedelta(hours=6))
            if state is S.TAKEN_DOWN:
                changed = replace(resource, recheck_at=None)  # still gone: nothing more to do
            elif state in LIVE_STATES and misses + 1 >= DOWN_CHECKS_TO_CLOSE:
                changed = _moved(resource, S.TAKEN_DOWN, now)
                state = S.TAKEN_DOWN
                closed.append(resource.id)
        unit.resources.update(changed)
        unit.resources.add_event(resource.id, ResourceEvent(state, actor.name, now, details))
    return RecheckSummary(up + down + unknown, up, down, unknown, closed)


def _misses(events: list[ResourceEvent]) -> int:
    """Re-checks in a row, latest first, that found the name gone."""
    count = 0
    for event in reversed(events):
        if "recheck" not in event.details:
            break
        if event.details.get("resolves") is False:
            count += 1
        elif event.details.get("resolves") is True:
            break
    return count


def _get(unit: MonitoringUnitOfWork, resource_id: int) -> Resource:
    resource = unit.resources.get(resource_id)
    if resource is None:
        raise NotFound(f"No resource {resource_id} on the monitoring queue.")
    return resource
