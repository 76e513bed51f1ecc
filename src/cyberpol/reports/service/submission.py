"""Use cases around citizen reports: submit one, read one, list them."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import Conflict, DuplicateSubmission, InvalidInput, NotFound
from cyberpol.kernel.indicators.extract import extract_indicators
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.pages import Page
from cyberpol.registry.domain import Sighting
from cyberpol.reports.domain import (
    AttachmentInfo,
    Report,
    ReportLimits,
    ReportSubmission,
    validate_submission,
)
from cyberpol.reports.ports import ReportFilter, ReportsUnitOfWork, StoredReport

_ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: ids are read out on the phone


@dataclass(frozen=True, slots=True)
class Submitted:
    report: Report
    replayed: bool


def new_report_id(now: datetime, prefix: str = "R") -> str:
    """A public id such as ``R20261123-7KQ2MX``: sortable by day, unguessable within it
    (``A`` for appeals)."""
    suffix = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
    return f"{prefix}{now:%Y%m%d}-{suffix}"


def reporter_fingerprint(
    *, secret: bytes, contact: str | None, client_ref: str | None, report_id: str
) -> str:
    """Keyed hash that tells independent reporters apart without keeping who they are."""
    if contact and contact.strip():
        basis = "contact:" + _normalized_contact(contact, secret)
    else:
        basis = "client:" + client_ref if client_ref else "report:" + report_id
    return hmac.new(secret, basis.encode(), hashlib.sha256).hexdigest()


def _normalized_contact(contact: str, secret: bytes) -> str:
    # "+7 777 000 11 22" and "87770001122" are one person, as are Mail.RU and mail.ru.
    try:
        return parse_indicator(contact, card_secret=secret).value
    except InvalidInput:
        return contact.strip().lower()


def submission_digest(submission: ReportSubmission) -> str:
    """Fingerprint of a submission's content, to refuse one idempotency key reused for another."""
    parts = [
        submission.text,
        submission.category.value,
        str(submission.region),
        str(submission.loss_amount),
        str(submission.contact),
    ]
    parts += [hashlib.sha256(a.content).hexdigest() for a in submission.attachments]
    parts += [i.key for i in submission.indicators]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def submit_report(
    *,
    uow: ReportsUnitOfWork,
    submission: ReportSubmission,
    limits: ReportLimits,
    card_secret: bytes,
    now: datetime,
    client_ref: str | None = None,
    idempotency_key: str | None = None,
    source_ref: str | None = None,
) -> Submitted:
    """Store a report with the indicators found in its text, all in one transaction."""
    validate_submission(submission, limits)
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 200:
        raise InvalidInput("Idempotency-Key must be 1 to 200 characters.")
    digest = submission_digest(submission)
    # Keys are per client: two citizens who both send "1" must not collide.
    key = scoped_idempotency_key(idempotency_key, client_ref) if idempotency_key else None
    try:
        with uow:
            if key and (replayed := _replay(uow, key, digest)):
                return replayed
            report_id = record_report(
                uow=uow,
                submission=submission,
                card_secret=card_secret,
                client_ref=client_ref,
                idempotency_key=key,
                digest=digest,
                source_ref=source_ref,
                now=now,
            )
            stored = uow.reports.get(report_id)
            uow.commit()
    except DuplicateSubmission:
        # A concurrent request with the same key committed first: answer as its replay.
        with uow:
            replayed = _replay(uow, key or "", digest)
        if replayed is None:
            raise
        return replayed
    assert stored is not None
    return Submitted(report=replace(stored, contact=None), replayed=False)


def scoped_idempotency_key(key: str, client_ref: str | None) -> str:
    return hashlib.sha256(f"{client_ref or ''}\x1f{key}".encode()).hexdigest()


def _replay(uow: ReportsUnitOfWork, key: str, digest: str) -> Submitted | None:
    earlier = uow.reports.find_by_idempotency_key(key)
    if earlier is None:
        return None
    report_id, earlier_digest = earlier
    if earlier_digest != digest:
        raise Conflict("This Idempotency-Key was already used for a different report.")
    stored = uow.reports.get(report_id)
    assert stored is not None  # the key and the report are one row
    return Submitted(report=replace(stored, contact=None), replayed=True)


def record_report(
    *,
    uow: ReportsUnitOfWork,
    submission: ReportSubmission,
    card_secret: bytes,
    now: datetime,
    client_ref: str | None = None,
    idempotency_key: str | None = None,
    digest: str | None = None,
    source_ref: str | None = None,
) -> str:
    """Write one validated report and its indicators inside an open unit of work; its id."""
    found = extract_indicators(submission.text, card_secret=card_secret, with_attributes=True)
    keys = {i.key for i in found}
    found += [i for i in submission.indicators if i.key not in keys]
    if submission.contact:
        # "call me back on ..." names the victim, not the fraudster
        own = _normalized_contact(submission.contact, card_secret)
        found = [i for i in found if i.value != own]
    report_id = new_report_id(now)
    uow.indicators.upsert(found, now=now, source="report", categories=[submission.category.value])
    ids = uow.indicators.ids_for_keys([i.key for i in found])
    fingerprint = reporter_fingerprint(
        secret=card_secret, contact=submission.contact, client_ref=client_ref, report_id=report_id
    )
    uow.reports.add(
        StoredReport(
            id=report_id,
            created_at=now,
            submission=submission,
            text=redact_cards(submission.text),
            reporter_fingerprint=fingerprint,
            idempotency_key=idempotency_key,
            request_digest=digest,
            source_ref=source_ref,
            attachments=submission.attachments,
        )
    )
    sighting = Sighting(
        report_id=report_id,
        reporter_fingerprint=fingerprint,
        category=submission.category.value,
        region=submission.region.value if submission.region else None,
        reported_at=now,
    )
    uow.indicators.record_sightings(sighting, ids.values())
    return report_id


def get_report(*, uow: ReportsUnitOfWork, actor: Actor, report_id: str, now: datetime) -> Report:
    """One report; its reporter's contact only for roles that may see it, and that read audited."""
    actor.require(Permission.READ_REPORTS)
    with uow:
        report = uow.reports.get(report_id)
        if report is None:
            raise NotFound(f"No report {report_id!r}.")
        shows_contact = actor.may(Permission.READ_REPORTER_CONTACT) and report.has_contact
        uow.audit.record(
            actor=actor,
            action=AuditAction.REPORT_READ_CONTACT if shows_contact else AuditAction.REPORT_READ,
            object_type=AuditObject.REPORT,
            object_id=report_id,
            at=now,
        )
        uow.commit()
    return report if shows_contact else replace(report, contact=None)


def list_reports(
    *, uow: ReportsUnitOfWork, actor: Actor, filters: ReportFilter, now: datetime
) -> Page[Report]:
    """Reports newest first, without reporters' contacts; the read is audited (texts hold
    victims' personal data)."""
    actor.require(Permission.READ_REPORTS)
    with uow:
        page = uow.reports.search(filters)
        if page.items:
            uow.audit.record(
                actor=actor,
                action=AuditAction.REPORT_LIST,
                object_type=AuditObject.REPORT,
                object_id="list",
                details={"ids": [r.id for r in page.items]},
                at=now,
            )
            uow.commit()
    return Page([replace(r, contact=None) for r in page.items], page.total, page.limit, page.offset)


def read_attachment(
    *, uow: ReportsUnitOfWork, actor: Actor, report_id: str, attachment_id: int, now: datetime
) -> tuple[AttachmentInfo, bytes]:
    """A report's file as received, for analysts and investigators; every read audited."""
    actor.require(Permission.READ_EVIDENCE)
    with uow:
        found = uow.reports.attachment(report_id, attachment_id)
        if found is None:
            raise NotFound(f"Report {report_id!r} has no file {attachment_id}.")
        uow.audit.record(
            actor=actor,
            action=AuditAction.REPORT_READ_EVIDENCE,
            object_type=AuditObject.REPORT,
            object_id=report_id,
            details={"attachment": attachment_id, "sha256": found[0].sha256},
            at=now,
        )
        uow.commit()
    return found
