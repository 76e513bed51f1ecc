"""Telecom use cases: connect mobile operators, give them tokens, take their call records."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from cyberpol.accounts.service import IssuedToken, partner_token
from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.kernel.errors import Conflict, InvalidInput, NotFound
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.pages import Page
from cyberpol.registry.domain import Blocker
from cyberpol.registry.service import RegistryService
from cyberpol.telecom.domain.blocks import (
    BlockRequest,
    BlockState,
    BlockTarget,
    BlockTargetKind,
    OperatorAnswer,
)
from cyberpol.telecom.domain.records import (
    CallLoadSummary,
    Operator,
    ProtectedNumber,
    SimboxDevice,
    SimboxRun,
    SimboxTraining,
    SimScore,
    normalize_call_number,
    normalize_imsi,
    normalize_operator_code,
    operator_of,
    validate_operator_name,
)
from cyberpol.telecom.domain.verdicts import BlockTally, CallAttempt, CallVerdict
from cyberpol.telecom.ports import BlockFilter, CallRecords, TelecomUnitOfWork
from cyberpol.telecom.service.blocks import (
    BlockAnswered,
    BlockDetail,
    acknowledge_block,
    answer_block,
    block_detail,
    list_blocks,
    request_blocks,
    restore_block,
)
from cyberpol.telecom.service.verdicts import (
    BlockCounter,
    VerdictBook,
    asker,
    block_tallies,
    call_verdicts,
    set_roaming,
)

MAX_CALLS_PER_REQUEST = 10_000
MAX_PROTECTED_PER_CHANGE = 1_000


def default_operator_user(code: str) -> str:
    return f"operator-{code.lower()}"


@dataclass
class TelecomService:
    uow: Callable[[], TelecomUnitOfWork]
    clock: Callable[[], datetime]
    calls: Callable[[], CallRecords]  # opened on first use: DuckDB lets one process hold it
    registry: RegistryService
    holder_secret: bytes  # keys the hash holders' ids are kept as
    book: VerdictBook = field(init=False)
    counter: BlockCounter = field(init=False)

    def __post_init__(self) -> None:
        self.book = VerdictBook(uow=self.uow, registry=self.registry, calls=self.calls)
        self.counter = BlockCounter(uow=self.uow)

    def verdicts(self, *, actor: Actor, calls: Sequence[CallAttempt]) -> list[CallVerdict]:
        """Allow, block or flag each call, in order; blocks are counted for the asker."""
        return call_verdicts(book=self.book, counter=self.counter, operator=asker(actor),
                             attempts=calls, now=self.clock())  # fmt: skip

    def set_roaming(self, *, actor: Actor, numbers: Sequence[str], roaming: bool) -> int:
        """An operator's subscribers abroad (or home again); how many changed."""
        return set_roaming(book=self.book, calls=self.calls(), actor=actor, numbers=numbers,
                           roaming=roaming, now=self.clock())  # fmt: skip

    def blocked_calls(
        self, *, actor: Actor, since: date | None = None, until: date | None = None
    ) -> list[BlockTally]:
        """Calls blocked per day (in Kazakhstan), operator and reason."""
        return block_tallies(uow=self.uow, counter=self.counter, actor=actor, since=since,
                             until=until)  # fmt: skip

    def figures(self, *, actor: Actor, filters: FigureFilter) -> list[Tally]:
        """Blocked call attempts by month, for the statistics (no region: a call has none)."""
        actor.require(Permission.READ_STATISTICS)
        self.counter.flush()
        since = filters.since.astimezone(KAZAKHSTAN).date() if filters.since else None
        until = filters.until.astimezone(KAZAKHSTAN).date() if filters.until else None
        with self.uow() as uow:
            rows = uow.call_blocks.tallies(since=since, until=until, operator=None)
        months: dict[str, int] = {}
        for row in rows:
            month = row.day.strftime("%Y-%m")
            months[month] = months.get(month, 0) + row.attempts
        return [Tally(Figure.CALLS_BLOCKED, m, None, None, Decimal(n)) for m, n in months.items()]

    def flush(self) -> None:
        """Write the blocked calls counted in memory (the server does it as it stops)."""
        self.counter.flush()

    def request_blocks(
        self, *, actor: Actor, case_number: str, legal_basis: str, targets: Sequence[BlockTarget]
    ) -> list[BlockRequest]:
        """Ask operators to suspend numbers, SIMs or devices: one request per target."""
        uow = self.uow()
        return request_blocks(
            uow=uow,
            calls=self.calls(),
            actor=actor,
            case_number=case_number,
            legal_basis=legal_basis,
            targets=targets,
            now=self.clock(),
        )

    def acknowledge_block(self, *, actor: Actor, request_id: int) -> BlockRequest:
        return acknowledge_block(uow=self.uow(), actor=actor, request_id=request_id,
                                 now=self.clock())  # fmt: skip

    def answer_block(
        self, *, actor: Actor, request_id: int, answer: OperatorAnswer
    ) -> BlockAnswered:
        """The operator's answer; a suspended number becomes a blocked phone indicator with
        the operator as its source."""
        answered = answer_block(
            uow=self.uow(),
            actor=actor,
            request_id=request_id,
            answer=answer,
            now=self.clock(),
            secret=self.holder_secret,
        )
        request = answered.request
        if (
            not answered.replayed
            and request.state is BlockState.SUSPENDED
            and request.kind is BlockTargetKind.NUMBER
            and request.value.startswith("+")  # a short code is no registry phone
        ):
            self.registry.record_partner_block(
                actor=actor, kind=IndicatorKind.PHONE, value=request.value,
                blocked_by=Blocker.OPERATOR,
                reason=f"Suspended on block request {request.id}, case {request.case_number}",
            )  # fmt: skip
        return answered

    def restore_block(self, *, actor: Actor, request_id: int, reason: str) -> BlockRequest:
        return restore_block(uow=self.uow(), actor=actor, request_id=request_id, reason=reason,
                             now=self.clock())  # fmt: skip

    def block_requests(self, *, actor: Actor, filters: BlockFilter) -> Page[BlockRequest]:
        return list_blocks(uow=self.uow(), actor=actor, filters=filters)

    def block_request(self, *, actor: Actor, request_id: int) -> BlockDetail:
        return block_detail(uow=self.uow(), actor=actor, request_id=request_id,
                            now=self.clock())  # fmt: skip

    def caller_lists_changed(self) -> None:
        """The registry's confirmed or blocked numbers changed: the verdicts reread them."""
        self.book.changed()

    def connect_operator(self, *, actor: Actor, code: str, name: str) -> Operator:
        """Connect a mobile operator; from now on it can send call records and get a token."""
        actor.require(Permission.MANAGE_OPERATORS)
        operator = Operator(normalize_operator_code(code), validate_operator_name(name),
                            self.clock())  # fmt: skip
        with self.uow() as uow:
            if uow.operators.get(operator.code) is not None:
                raise Conflict(f"Operator {operator.code!r} is already connected.")
            uow.operators.add(operator)
            uow.audit.record(
                actor=actor,
                action=AuditAction.OPERATOR_CREATE,
                object_type=AuditObject.OPERATOR,
                object_id=operator.code,
                details={"name": operator.name},
                at=operator.created_at,
            )
            uow.commit()
        return operator

    def operator_token(
        self, *, actor: Actor, code: str, user_name: str | None = None, label: str | None = None
    ) -> IssuedToken:
        """A token for the operator's API user (``operator-<code>`` unless named): role
        ``operator`` with the code as organisation, so it speaks for its own records only."""
        actor.require(Permission.MANAGE_OPERATORS)
        operator = normalize_operator_code(code)
        uow = self.uow()
        with uow:
            if uow.operators.get(operator) is None:
                raise NotFound(f"No operator {operator!r} is connected; create it first.")
        return partner_token(
            uow=uow, actor=actor, user_name=user_name or default_operator_user(operator),
            role=Role.OPERATOR, organisation=operator, label=label, now=self.clock(),
        )  # fmt: skip

    def operators(self, *, actor: Actor) -> list[Operator]:
        actor.require(Permission.MANAGE_OPERATORS)
        with self.uow() as uow:
            return uow.operators.all()

    def import_calls(
        self,
        *,
        actor: Actor,
        path: Path,
        requested_format: str = "auto",
        progress: Callable[[int], None] | None = None,
    ) -> CallLoadSummary:
        """Load a call-record file: an operator's token loads its own records only; at the
        console each row names its operator."""
        actor.require(Permission.SUBMIT_CALLS)
        operator = self._sender(actor)
        summary = self.calls().load_file(
            path, operator=operator, requested_format=requested_format, progress=progress
        )
        if summary.roaming_changed:
            self.book.changed()
        with self.uow() as uow:
            uow.audit.record(
                actor=actor,
                action=AuditAction.CALLS_LOAD,
                object_type=AuditObject.CALL_FILE,
                object_id=summary.source,
                details={
                    "loaded": summary.rows_loaded,
                    "duplicates": summary.duplicates,
                    "rejected": summary.rejected,
                    "operator": operator,
                },
                at=self.clock(),
            )
            uow.commit()
        return summary

    def submit_calls(
        self, *, actor: Actor, records: Sequence[Mapping[str, Any]]
    ) -> CallLoadSummary:
        """Call records sent as a list (``line`` in rejections: the item's place, from 1)."""
        actor.require(Permission.SUBMIT_CALLS)
        if not 1 <= len(records) <= MAX_CALLS_PER_REQUEST:
            raise InvalidInput(f"Send 1 to {MAX_CALLS_PER_REQUEST} call records at a time.")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "calls.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(dict(record), ensure_ascii=False, default=str))
                    handle.write("\n")
            return self.import_calls(actor=actor, path=path)

    def score_sims(self, *, actor: Actor, engine: str = "duckdb") -> SimboxRun:
        """Score every SIM in the call store with the SIM-box model (the rules give the
        reasons); the run is kept."""
        actor.require(Permission.READ_SIMBOX)
        if engine not in ("duckdb", "spark"):
            raise InvalidInput(f"Unknown engine {engine!r}; use duckdb or spark")
        run = self.calls().score_sims(engine=engine)
        self.book.changed()
        self._audit_read(actor, "score", {"sims": run.sims, "flagged": run.flagged,
                                          "devices": run.devices, "engine": engine})  # fmt: skip
        return run

    def train_simbox(self, *, actor: Actor, label_files: Sequence[Path] = ()) -> SimboxTraining:
        """Load any label files, then train and keep a new SIM-box model from every labelled
        SIM (analysts' verdicts win); the next scoring run uses it."""
        actor.require(Permission.LABEL_SIMBOX)
        calls = self.calls()
        loaded = sum(calls.load_sim_labels(path) for path in label_files)
        result = calls.train_simbox_model()
        with self.uow() as uow:
            uow.audit.record(actor=actor, action=AuditAction.SIMBOX_TRAIN,
                             object_type=AuditObject.SIMBOX, object_id=result.version,
                             details={"labels_loaded": loaded, "box_sims": result.box_sims,
                                      "other_sims": result.other_sims},
                             at=self.clock())  # fmt: skip
            uow.commit()
        return result

    def label_sim(self, *, actor: Actor, imsi: str, is_simbox: bool) -> None:
        """An analyst's verdict on a SIM: kept for retraining; a box SIM's modules become
        known (new SIMs in them are flagged), a cleared SIM stays out of that rule."""
        actor.require(Permission.LABEL_SIMBOX)
        sim = normalize_imsi(imsi)
        now = self.clock()
        if not self.calls().record_sim_verdict(sim, is_simbox=is_simbox, analyst=actor.name,
                                               at=now):  # fmt: skip
            raise NotFound(f"No call record names the SIM {sim}.")
        with self.uow() as uow:
            uow.audit.record(actor=actor, action=AuditAction.SIMBOX_VERDICT,
                             object_type=AuditObject.SIMBOX, object_id=sim,
                             details={"is_simbox": is_simbox}, at=now)  # fmt: skip
            uow.commit()

    def sim_scores(
        self,
        *,
        actor: Actor,
        limit: int = 100,
        flagged_only: bool = True,
        device: str | None = None,
    ) -> list[SimScore]:
        """The last run's SIMs, the highest scores first, of one box when ``device`` is named
        (subscribers' numbers: audited)."""
        actor.require(Permission.READ_SIMBOX)
        found = self.calls().sim_scores(limit=limit, flagged_only=flagged_only, device=device)
        details: dict[str, object] = {"shown": len(found)}
        if device:
            details["device"] = device
        self._audit_read(actor, "sims", details)
        return found

    def simbox_devices(self, *, actor: Actor) -> list[SimboxDevice]:
        """The boxes of the last run, the most SIMs first."""
        actor.require(Permission.READ_SIMBOX)
        found = self.calls().simbox_devices()
        self._audit_read(actor, "devices", {"shown": len(found)})
        return found

    def protect(
        self, *, actor: Actor, numbers: Sequence[str], label: str = "", protect: bool = True
    ) -> tuple[list[str], int]:
        """Put numbers on the do-not-originate list, or take them off: the numbers as stored
        and how many changed. Short codes and service numbers are kept as dialled."""
        actor.require(Permission.MANAGE_PROTECTED_NUMBERS)
        if not 1 <= len(numbers) <= MAX_PROTECTED_PER_CHANGE:
            raise InvalidInput(f"Give 1 to {MAX_PROTECTED_PER_CHANGE} numbers.")
        label = label.strip()
        if len(label) > 200 or any(not c.isprintable() for c in label):
            raise InvalidInput("A label is at most 200 printable characters.")
        stored = [normalize_call_number(n) for n in numbers]
        now = self.clock()
        with self.uow() as uow:
            if protect:
                changed = uow.protected.add(stored, label=label, by=actor.name, at=now)
            else:
                changed = uow.protected.remove(stored)
            uow.audit.record(
                actor=actor,
                action=AuditAction.NUMBERS_PROTECT,
                object_type=AuditObject.PROTECTED_NUMBERS,
                object_id="protect" if protect else "unprotect",
                details={"numbers": stored, "changed": changed},
                at=now,
            )
            uow.commit()
        self.book.changed()
        return stored, changed

    def protected_numbers(self, *, actor: Actor) -> list[ProtectedNumber]:
        actor.require(Permission.MANAGE_PROTECTED_NUMBERS)
        with self.uow() as uow:
            return uow.protected.all()

    def _audit_read(self, actor: Actor, what: str, details: dict[str, object]) -> None:
        with self.uow() as uow:
            uow.audit.record(actor=actor, action=AuditAction.SIMBOX_READ,
                             object_type=AuditObject.SIMBOX, object_id=what, details=details,
                             at=self.clock())  # fmt: skip
            uow.commit()

    def _sender(self, actor: Actor) -> str | None:
        operator = operator_of(actor)
        if operator is not None:
            return operator
        if actor.role is Role.CONSOLE:
            return None
        # Only operators and the console hold SUBMIT_CALLS; a new role must say whom it
        # speaks for before it may load records.
        raise InvalidInput("Only an operator's token or the console loads call records.")
