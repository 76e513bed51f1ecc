"""In-memory fakes of the narrow ports, for service tests of the rule-heavy use cases.

Each fake keeps its rows in plain lists and dicts. ``FakeUnitOfWork`` snapshots every
repository when the outermost ``with`` opens and puts the snapshot back when it closes
without ``commit()``, so a use case that fails half-way leaves nothing behind, as the
SQL unit of work does.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Self

from cyberpol.accounts.domain import Credentials, Session, User
from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import (
    HOLDING_STATES,
    OPEN_STATES,
    ExitKind,
    FreezeAction,
    FreezeEvent,
    FreezeRequest,
    FreezeTransfer,
    Inflow,
)
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.audit import AuditAction, AuditEntry, AuditObject
from cyberpol.kernel.errors import Conflict, DuplicateSubmission
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.pages import Page
from cyberpol.platform.imports import ResumePoint
from cyberpol.registry.domain import Block, IndicatorStatus, IndicatorSummary, Sighting
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.reports.domain import (
    Appeal,
    AppealStatus,
    AppealSubmission,
    AttachmentInfo,
    Report,
    StatusUpdate,
)
from cyberpol.reports.ports import QueuedIndicator, ReportFilter, StoredReport, TriageFilter


@dataclass
class FakeAuditLog:
    entries_written: list[AuditEntry] = field(default_factory=list)

    def record(
        self,
        *,
        actor: Actor,
        action: AuditAction,
        object_type: AuditObject,
        object_id: str,
        details: Mapping[str, object] | None = None,
        at: datetime,
    ) -> None:
        self.entries_written.append(
            AuditEntry(
                at=at,
                actor=actor.name,
                action=action,
                object_type=object_type,
                object_id=object_id,
                details=dict(details or {}),
            )
        )

    def entries(self, *, object_type: AuditObject, object_id: str) -> list[AuditEntry]:
        return [
            e
            for e in self.entries_written
            if e.object_type == object_type and e.object_id == object_id
        ]


@dataclass
class FakeImportProgress:
    """Import progress by (digest, what), as ``ImportProgress`` keeps it."""

    saved: dict[tuple[str, str], ResumePoint] = field(default_factory=dict)

    def resume_point(self, *, digest: str, what: str) -> ResumePoint | None:
        return self.saved.get((digest, what))

    def save(
        self,
        *,
        digest: str,
        what: str,
        source: str,  # noqa: ARG002 - ImportProgress's signature
        rows_done: int,
        rows_loaded: int,
        rows_rejected: int,
        finished: bool,
        now: datetime,  # noqa: ARG002 - ImportProgress's signature
    ) -> None:
        self.saved[(digest, what)] = ResumePoint(rows_done, rows_loaded, rows_rejected, finished)


@dataclass
class FakeIndicatorRepository:
    """The registry by ``Indicator.key``; ``sightings`` are (id, report, reporter, category)."""

    rows: dict[int, IndicatorSummary] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    sightings: list[tuple[int, str, str, str]] = field(default_factory=list)

    def figures(self, filters: FigureFilter) -> list[Tally]:  # noqa: ARG002 - the port's signature
        return []  # the statistics are tested on the real stores

    def find_by_keys(self, keys: Sequence[str]) -> dict[str, IndicatorSummary]:
        return {k: self.rows[self.keys[k]] for k in keys if k in self.keys}

    def payment_account_keys(self) -> list[str]:
        return [k for k in self.keys if k.startswith(("iban:", "card:"))]

    def values_with_status(
        self, kind: str, statuses: Sequence[IndicatorStatus]
    ) -> dict[IndicatorStatus, list[str]]:
        found: dict[IndicatorStatus, list[str]] = {s: [] for s in statuses}
        for row in self.rows.values():
            if row.kind == kind and row.status in found:
                found[row.status].append(row.value)
        return found

    def status_stamp(self, statuses: Sequence[IndicatorStatus]) -> str:
        return repr(sorted((r.kind, r.status, r.value) for r in self.rows.values()
                           if r.status in statuses))  # fmt: skip

    def upsert(
        self,
        indicators: Sequence[Indicator],
        *,
        now: datetime,
        source: str,  # noqa: ARG002 - IndicatorRepository.upsert's signature
        status: IndicatorStatus = IndicatorStatus.REPORTED,
        categories: Sequence[str] = (),
    ) -> None:
        for indicator in indicators:
            known = self.keys.get(indicator.key)
            if known is not None:
                row = self.rows[known]
                self.rows[known] = replace(row, last_seen=max(row.last_seen, now))
                continue
            new_id = len(self.rows) + 1
            self.keys[indicator.key] = new_id
            self.rows[new_id] = IndicatorSummary(
                new_id,
                indicator.kind,
                indicator.value,
                status,
                0,
                now,
                now,
                tuple(categories),
                (),
                dict(indicator.attributes),
            )

    def ids_for_keys(self, keys: Sequence[str]) -> dict[str, int]:
        return {k: self.keys[k] for k in keys if k in self.keys}

    def get(self, indicator_id: int) -> IndicatorSummary | None:
        return self.rows.get(indicator_id)

    def search(self, filters: IndicatorFilter) -> Page[IndicatorSummary]:
        items = sorted(self.rows.values(), key=lambda s: s.last_seen, reverse=True)
        if filters.status:
            items = [s for s in items if s.status == filters.status]
        shown = items[filters.offset : filters.offset + filters.limit]
        return Page(shown, len(items), filters.limit, filters.offset)

    def related(self, indicator_id: int, limit: int = 100) -> list[IndicatorSummary]:
        reports = {r for i, r, _, _ in self.sightings if i == indicator_id}
        others = {i for i, r, _, _ in self.sightings if r in reports and i != indicator_id}
        return [self.rows[i] for i in sorted(others)][:limit]

    def set_status(
        self,
        indicator_id: int,
        status: IndicatorStatus,
        reason: str,  # noqa: ARG002 - IndicatorRepository.set_status's signature
        *,
        now: datetime,  # noqa: ARG002 - IndicatorRepository.set_status's signature
        expected: IndicatorStatus,
    ) -> bool:
        row = self.rows[indicator_id]
        if row.status is not expected:
            return False
        self.rows[indicator_id] = replace(row, status=status)
        return True

    def add_block(self, indicator_id: int, block: Block, *, actor: str) -> None:  # noqa: ARG002 - IndicatorRepository's signature
        row = self.rows[indicator_id]
        self.rows[indicator_id] = replace(row, blocks=(*row.blocks, block))

    def add_blocks(self, blocks: Sequence[tuple[int, Block]], *, actor: str) -> None:
        for indicator_id, block in blocks:
            self.add_block(indicator_id, block, actor=actor)

    def block_state(self, ids: Sequence[int]) -> dict[int, tuple[IndicatorStatus, set[str]]]:
        return {i: (self.rows[i].status, {b.by.value for b in self.rows[i].blocks}) for i in ids}

    def lift_blocks(self, indicator_id: int, *, now: datetime) -> None:  # noqa: ARG002 - IndicatorRepository's signature
        self.rows[indicator_id] = replace(self.rows[indicator_id], blocks=())

    def record_sightings(self, sighting: Sighting, indicator_ids: Iterable[int]) -> None:
        for indicator_id in sorted(set(indicator_ids)):
            earlier = {f for i, _, f, _ in self.sightings if i == indicator_id}
            self.sightings.append(
                (indicator_id, sighting.report_id, sighting.reporter_fingerprint, sighting.category)
            )
            row = self.rows[indicator_id]
            self.rows[indicator_id] = replace(
                row,
                report_count=row.report_count
                + (0 if sighting.reporter_fingerprint in earlier else 1),
                first_seen=min(row.first_seen, sighting.reported_at),
                categories=tuple(sorted({*row.categories, sighting.category})),
            )


@dataclass
class FakeAppealRepository:
    """Appeals in memory, with the indicator each names read from the fake registry."""

    indicators: FakeIndicatorRepository
    rows: dict[str, Appeal] = field(default_factory=dict)

    def add(
        self, appeal_id: str, submission: AppealSubmission, indicator_id: int, *, now: datetime
    ) -> None:
        row = self.indicators.rows[indicator_id]
        self.rows[appeal_id] = Appeal(
            id=appeal_id,
            created_at=now,
            indicator_id=indicator_id,
            indicator=Indicator(row.kind, row.value, ""),
            text=submission.text,
            contact=submission.contact,
            has_contact=submission.contact is not None,
            language=submission.language,
            status=AppealStatus.PENDING,
        )

    def get(self, appeal_id: str) -> Appeal | None:
        return self.rows.get(appeal_id)

    def search(self, status: AppealStatus | None, limit: int, offset: int) -> Page[Appeal]:
        found = [a for a in self.rows.values() if status is None or a.status is status]
        items = [replace(a, contact=None) for a in found[offset : offset + limit]]
        return Page(items=items, total=len(found), limit=limit, offset=offset)

    def decide(
        self, appeal_id: str, status: AppealStatus, reason: str, *, by: str, now: datetime
    ) -> bool:
        appeal = self.rows[appeal_id]
        if appeal.status is not AppealStatus.PENDING:
            return False
        self.rows[appeal_id] = replace(
            appeal, status=status, decided_at=now, decided_by=by, decision_reason=reason
        )
        return True


@dataclass
class FakeUpdateRepository:
    """Subscriptions and an outbox in memory, reading statuses from the fake registry."""

    indicators: FakeIndicatorRepository
    subscribers: list[tuple[str, str, str, str]] = field(default_factory=list)
    outbox: dict[str, tuple[StatusUpdate, datetime | None]] = field(default_factory=dict)

    def subscribe(
        self, report_id: str, channel: str, recipient: str, language: str, *, now: datetime
    ) -> None:
        if (report_id, channel, recipient, language) not in self.subscribers:
            self.subscribers.append((report_id, channel, recipient, language))
            self._queue(now, told=True)

    def collect(self, *, now: datetime) -> int:
        return self._queue(now, told=False)

    def _queue(self, now: datetime, *, told: bool) -> int:
        fresh = 0
        for report_id, channel, recipient, language in self.subscribers:
            for indicator_id, named, _, _ in self.indicators.sightings:
                row = self.indicators.rows[indicator_id]
                key = f"{report_id}:{indicator_id}:{row.status.value}:{channel}:{recipient}"
                news = row.status.value in ("confirmed", "blocked", "dismissed")
                if named != report_id or not news or key in self.outbox:
                    continue
                update = StatusUpdate(
                    id=len(self.outbox) + 1,
                    channel=channel,
                    recipient=recipient,
                    language=language,
                    report_id=report_id,
                    kind=row.kind.value,
                    value=row.value,
                    status=row.status.value,
                    attempts=0,
                )
                self.outbox[key] = (update, now if told else None)
                fresh += 0 if told else 1
        return fresh

    def joined_case(self, report_ids: Sequence[str], case_number: str, *, now: datetime) -> int:  # noqa: ARG002 - UpdateRepository's signature
        fresh = 0
        for report_id, channel, recipient, language in self.subscribers:
            key = f"{report_id}:case:{case_number}:joined_case:{channel}:{recipient}"
            if report_id not in report_ids or key in self.outbox:
                continue
            update = StatusUpdate(
                id=len(self.outbox) + 1, channel=channel, recipient=recipient,
                language=language, report_id=report_id, kind="case", value=case_number,
                status="joined_case", attempts=0,
            )  # fmt: skip
            self.outbox[key] = (update, None)
            fresh += 1
        return fresh

    def due(self, channel: str, *, now: datetime, limit: int) -> list[StatusUpdate]:  # noqa: ARG002 - UpdateRepository's signature
        waiting = [u for u, sent in self.outbox.values() if sent is None and u.channel == channel]
        return waiting[:limit]

    def delivered(self, update_id: int, *, now: datetime) -> None:
        for key, (update, _) in self.outbox.items():
            if update.id == update_id:
                self.outbox[key] = (update, now)

    def failed(self, update_id: int, error: str, *, retry_at: datetime) -> None:  # noqa: ARG002 - UpdateRepository's signature
        for key, (update, sent) in self.outbox.items():
            if update.id == update_id:
                self.outbox[key] = (replace(update, attempts=update.attempts + 1), sent)


@dataclass
class FakeReportRepository:
    indicators: FakeIndicatorRepository
    stored: dict[str, StoredReport] = field(default_factory=dict)

    def add(self, report: StoredReport) -> None:
        key = report.idempotency_key
        if key is not None and any(s.idempotency_key == key for s in self.stored.values()):
            raise DuplicateSubmission(f"Idempotency key {key!r} is taken")
        self.stored[report.id] = report

    def known(self, report_ids: Sequence[str]) -> set[str]:
        return {r for r in report_ids if r in self.stored}

    def _named_in(self, report_id: str) -> list[int]:
        return sorted(i for i, r, _, _ in self.indicators.sightings if r == report_id)

    def get(self, report_id: str) -> Report | None:
        report = self.stored.get(report_id)
        if report is None:
            return None
        ids = self._named_in(report_id)
        s = report.submission
        named = tuple(
            Indicator(self.indicators.rows[i].kind, self.indicators.rows[i].value, "") for i in ids
        )
        return Report(
            id=report.id,
            created_at=report.created_at,
            channel=s.channel,
            category=s.category,
            region=s.region,
            loss_amount=s.loss_amount,
            currency="KZT",
            language=s.language,
            text=report.text,
            contact=s.contact,
            has_contact=s.contact is not None,
            indicators=named,
            attachments=(),
        )

    def attachment(self, report_id: str, attachment_id: int) -> tuple[AttachmentInfo, bytes] | None:
        stored = self.stored.get(report_id)
        if stored is None or not 1 <= attachment_id <= len(stored.attachments):
            return None
        file = stored.attachments[attachment_id - 1]
        digest = hashlib.sha256(file.content).hexdigest()
        info = AttachmentInfo(
            attachment_id, file.filename, file.content_type, len(file.content), digest
        )
        return info, file.content

    def find_by_idempotency_key(self, key: str) -> tuple[str, str | None] | None:
        for report in self.stored.values():
            if report.idempotency_key == key:
                return report.id, report.request_digest
        return None

    def search(self, filters: ReportFilter) -> Page[Report]:
        ids = [
            r.id
            for r in self.stored.values()
            if filters.indicator_id is None or filters.indicator_id in self._named_in(r.id)
        ]
        items = [report for i in ids if (report := self.get(i)) is not None]
        shown = items[filters.offset : filters.offset + filters.limit]
        return Page(shown, len(items), filters.limit, filters.offset)

    def figures(self, filters: FigureFilter) -> list[Tally]:  # noqa: ARG002 - the port's signature
        return []  # the statistics are tested on the real stores

    def triage(self, filters: TriageFilter) -> tuple[list[QueuedIndicator], bool]:
        """Only the status and category filters: the store's tests cover the rest."""
        queued = []
        for indicator_id, row in sorted(
            self.indicators.rows.items(), key=lambda item: item[1].last_seen, reverse=True
        ):
            named = [
                r for i, r, _, category in self.indicators.sightings
                if i == indicator_id and filters.category in (None, category)
            ]  # fmt: skip
            if row.status.value == filters.status and named:
                key = next(k for k, i in self.indicators.keys.items() if i == indicator_id)
                found = [report for r in named if (report := self.get(r)) is not None]
                queued.append(QueuedIndicator(key, len(found), tuple(found[: filters.per_group])))
        page = queued[filters.offset : filters.offset + filters.limit + 1]
        return page[: filters.limit], len(page) > filters.limit


@dataclass
class FakeBankRepository:
    banks: dict[str, Bank] = field(default_factory=dict)

    def add(self, bank: Bank) -> None:
        if bank.code in self.banks:
            raise Conflict(f"Bank {bank.code} is already connected")
        self.banks[bank.code] = bank

    def get(self, code: str) -> Bank | None:
        return self.banks.get(code)

    def connected(self, codes: Iterable[str]) -> frozenset[str]:
        return frozenset(c for c in codes if c in self.banks)


@dataclass
class FakeFreezeRepository:
    requests: dict[int, FreezeRequest] = field(default_factory=dict)
    event_log: list[FreezeEvent] = field(default_factory=list)
    moved: list[FreezeTransfer] = field(default_factory=list)

    def figures(self, filters: FigureFilter) -> list[Tally]:  # noqa: ARG002 - the port's signature
        return []  # the statistics are tested on the real stores

    def add(self, request: FreezeRequest) -> int:
        if self.find_open(
            case_number=request.case_number,
            bank_code=request.bank_code,
            account_key=request.account_key,
            currency=request.currency,
        ):
            raise Conflict(f"Account {request.account_display} already has an open request")
        new_id = len(self.requests) + 1
        self.requests[new_id] = replace(request, id=new_id)
        return new_id

    def get(self, request_id: int) -> FreezeRequest | None:
        return self.requests.get(request_id)

    def find_open(
        self, *, case_number: str, bank_code: str, account_key: str, currency: str
    ) -> FreezeRequest | None:
        return next(
            (
                r
                for r in self.requests.values()
                if (r.case_number, r.bank_code, r.account_key, r.currency)
                == (case_number, bank_code, account_key, currency)
                and r.state in OPEN_STATES
            ),
            None,
        )

    def update(self, request: FreezeRequest) -> bool:
        stored = self.requests.get(request.id)
        if stored is None or stored.version != request.version:
            return False
        self.requests[request.id] = replace(request, version=request.version + 1)
        return True

    def search(self, filters: FreezeFilter) -> Page[FreezeRequest]:
        items = [
            r
            for r in sorted(self.requests.values(), key=lambda r: (r.sent_at, r.id), reverse=True)
            if (filters.state is None or r.state == filters.state)
            and (filters.case_number is None or r.case_number == filters.case_number)
            and (filters.bank_code is None or r.bank_code == filters.bank_code)
            and (
                filters.overdue_at is None
                or (r.state in OPEN_STATES and r.answer_due_at < filters.overdue_at)
            )
        ]
        shown = items[filters.offset : filters.offset + filters.limit]
        return Page(shown, len(items), filters.limit, filters.offset)

    def case_requests(self, case_number: str) -> list[FreezeRequest]:
        return [r for _, r in sorted(self.requests.items()) if r.case_number == case_number]

    def due_for_expiry(self, now: datetime) -> list[FreezeRequest]:
        return [
            r
            for _, r in sorted(self.requests.items())
            if r.state in HOLDING_STATES and r.expires_at is not None and r.expires_at <= now
        ]

    def add_event(self, event: FreezeEvent) -> None:
        self.event_log.append(event)

    def events(self, request_id: int) -> list[FreezeEvent]:
        return [e for e in self.event_log if e.request_id == request_id]

    def find_event(
        self, request_id: int, *, action: FreezeAction, idempotency_key: str | None = None
    ) -> FreezeEvent | None:
        found = [
            e
            for e in self.events(request_id)
            if e.action is action
            and (idempotency_key is None or e.idempotency_key == idempotency_key)
        ]
        return found[-1] if found else None

    def add_transfer(
        self,
        *,
        case_number: str,
        inflow: Inflow,
        from_request_id: int | None,
        from_bank: str | None,
        next_request_id: int | None,
        exit_kind: ExitKind | None,
        recorded_at: datetime,
    ) -> int:
        new_id = len(self.moved) + 1
        self.moved.append(
            FreezeTransfer(
                new_id,
                case_number,
                inflow,
                from_request_id,
                from_bank,
                next_request_id,
                exit_kind,
                recorded_at,
            )
        )
        return new_id

    def transfer_by_origin(
        self, case_number: str, origin_transfer_id: str
    ) -> FreezeTransfer | None:
        return next(
            (
                t
                for t in self.moved
                if t.case_number == case_number
                and t.inflow.origin_transfer_id == origin_transfer_id
            ),
            None,
        )

    def transfers(
        self,
        *,
        case_number: str | None = None,
        from_request_id: int | None = None,
        next_request_id: int | None = None,
    ) -> list[FreezeTransfer]:
        return [
            t
            for t in self.moved
            if (case_number is None or t.case_number == case_number)
            and (from_request_id is None or t.from_request_id == from_request_id)
            and (next_request_id is None or t.next_request_id == next_request_id)
        ]


@dataclass
class FakeUserRepository:
    users: dict[str, User] = field(default_factory=dict)
    secrets: dict[str, Credentials] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)

    def add_user(self, *, name: str, role: str, organisation: str | None, now: datetime) -> int:  # noqa: ARG002 - UserRepository's signature
        user_id = len(self.users) + 1
        self.users[name] = User(user_id, name, Role(role), organisation)
        return user_id

    def user_by_name(self, name: str) -> User | None:
        return self.users.get(name)

    def add_token(  # UserRepository's signature; the fake needs only user_id
        self,
        *,
        user_id: int,
        token_hash: str,  # noqa: ARG002
        prefix: str,  # noqa: ARG002
        label: str | None,  # noqa: ARG002
        now: datetime,  # noqa: ARG002
    ) -> int:
        return user_id

    def actor_for_token_hash(self, token_hash: str) -> Actor | None:  # noqa: ARG002 - UserRepository's signature
        return None

    def revoke_token(self, *, prefix_or_id: str, now: datetime) -> int:  # noqa: ARG002 - UserRepository's signature
        return 0

    # Signing in: kept in memory as the store keeps it in tables.
    def _by_id(self, user_id: int) -> User:
        return next(u for u in self.users.values() if u.id == user_id)

    def credentials(self, name: str) -> Credentials | None:
        user = self.users.get(name)
        return self.secrets.get(name, Credentials(user, None, None, 0, None)) if user else None

    def _update(self, user_id: int, **changes: object) -> None:
        user = self._by_id(user_id)
        current = self.credentials(user.name)
        assert current is not None
        self.secrets[user.name] = replace(current, **changes)  # type: ignore[arg-type]

    def set_password(self, user_id: int, password_hash: str) -> None:
        self._update(user_id, password_hash=password_hash, failed_logins=0, locked_until=None)

    def set_totp(self, user_id: int, sealed_secret: str | None) -> None:
        self._update(user_id, totp_secret=sealed_secret)

    def failed_login(self, user_id: int, *, locked_until: datetime | None) -> None:
        current = self.credentials(self._by_id(user_id).name)
        assert current is not None
        failed = 0 if locked_until else current.failed_logins + 1
        self._update(user_id, failed_logins=failed, locked_until=locked_until)

    def add_session(
        self, token_hash: str, user_id: int, *, now: datetime, expires_at: datetime
    ) -> None:
        self.sessions[token_hash] = Session(self._by_id(user_id), now, now, expires_at, None)
        self._update(user_id, failed_logins=0, locked_until=None)

    def session(self, token_hash: str) -> Session | None:
        return self.sessions.get(token_hash)

    def touch_session(self, token_hash: str, *, now: datetime) -> None:
        self.sessions[token_hash] = replace(self.sessions[token_hash], last_seen_at=now)

    def end_session(self, token_hash: str, *, now: datetime) -> None:
        self.sessions[token_hash] = replace(self.sessions[token_hash], ended_at=now)


class FakeUnitOfWork:
    """Every fake repository in one transaction that rolls back unless committed."""

    def __init__(self) -> None:
        self.indicators = FakeIndicatorRepository()
        self.reports = FakeReportRepository(self.indicators)
        self.appeals = FakeAppealRepository(self.indicators)
        self.updates = FakeUpdateRepository(self.indicators)
        self.audit = FakeAuditLog()
        self.banks = FakeBankRepository()
        self.freeze = FakeFreezeRepository()
        self.users = FakeUserRepository()
        self.imports = FakeImportProgress()
        self.commits = 0
        self._depth = 0
        self._snapshot: dict[str, object] = {}

    def _state(self) -> dict[str, object]:
        names: tuple[str, ...] = ("indicators", "reports", "appeals", "updates", "audit")
        names += ("banks", "freeze", "users", "imports")
        return {name: getattr(self, name) for name in names}

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._snapshot = copy.deepcopy(self._state())
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._snapshot:
            for name, saved in self._snapshot.items():
                setattr(self, name, saved)
            self.reports.indicators = self.indicators
            self.appeals.indicators = self.indicators
            self.updates.indicators = self.indicators
            self._snapshot = {}

    def commit(self) -> None:
        if self._depth == 1:
            self._snapshot = {}
            self.commits += 1
