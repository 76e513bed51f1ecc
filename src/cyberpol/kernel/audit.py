"""The audit log every capability writes: who read or changed what, and when.

Actions and object types are closed sets: the audit endpoint accepts exactly the object
types written here, so a new kind of entry cannot be written without becoming readable.
The values are what the database stores; changing one orphans the entries written before.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Self

from cyberpol.kernel.access import Actor


class AuditAction(enum.StrEnum):
    USER_CREATE = "user.create"
    USER_PASSWORD = "user.password"
    USER_TOTP = "user.totp"
    SIGN_IN = "user.sign_in"
    SIGN_IN_FAILED = "user.sign_in_failed"
    SIGN_OUT = "user.sign_out"
    TOKEN_CREATE = "token.create"
    TOKEN_REVOKE = "token.revoke"
    REPORT_READ = "report.read"
    REPORT_READ_CONTACT = "report.read_contact"
    REPORT_LIST = "report.list"
    REPORT_READ_EVIDENCE = "report.read_evidence"
    INDICATOR_STATUS = "indicator.status"
    INDICATOR_BATCH_CHECK = "indicator.batch_check"
    IMPORT_INDICATORS = "import.indicators"
    IMPORT_REPORTS = "import.reports"
    BANK_CREATE = "bank.create"
    OPERATOR_CREATE = "operator.create"
    CALLS_LOAD = "calls.load"
    SIMBOX_READ = "simbox.read"
    SIMBOX_VERDICT = "simbox.verdict"
    SIMBOX_TRAIN = "simbox.train"
    NUMBERS_PROTECT = "numbers.protect"
    BLOCK_REQUEST = "block_request"
    BLOCK_REQUEST_READ = "block_request.read"
    FREEZE_REQUEST_LIST = "freeze_request.list"
    FREEZE_REQUEST_READ = "freeze_request.read"
    FREEZE_REQUEST_CASE_SUMMARY = "freeze_request.case_summary"
    TRANSFERS_IMPORT = "transfers.import"
    TRANSFERS_TRACE = "transfers.trace"
    MULES_SCORE = "mules.score"
    MULES_READ = "mules.read"
    MULES_LABEL = "mules.label"
    MULES_TRAIN = "mules.train"
    APPEAL_LIST = "appeal.list"
    APPEAL_DECIDE = "appeal.decide"
    CASE_OPEN = "case.open"
    CASE_UPDATE = "case.update"
    CASE_STATE = "case.state"
    CASE_READ_PARTIES = "case.read_parties"
    CASE_PARTY_ADD = "case.party_add"
    CASE_LINK = "case.link"
    CASE_NOTE = "case.note"
    CASE_EVIDENCE_ADD = "case.evidence_add"
    CASE_EVIDENCE_READ = "case.evidence_read"
    RESOURCE_STATE = "resource.state"
    RESOURCE_BLOCK_REQUEST = "resource.block_request"
    RESOURCE_BLOCK_ANSWER = "resource.block_answer"
    FEED_READ = "feed.read"
    FEED_SUBSCRIBE = "feed.subscribe"
    FEED_IMPORT = "feed.import"


class AuditObject(enum.StrEnum):
    """What an entry is about; ``object_id`` says which one."""

    USER = "user"
    TOKEN = "token"
    REPORT = "report"
    INDICATOR = "indicator"
    APPEAL = "appeal"
    ACTOR = "actor"  # a partner's batch checks, by the partner's user name
    IMPORT = "import"
    BANK = "bank"
    OPERATOR = "operator"
    CALL_FILE = "call_file"
    SIMBOX = "simbox"
    PROTECTED_NUMBERS = "protected_numbers"
    BLOCK_REQUEST = "block_request"
    FREEZE_REQUEST = "freeze_request"
    CASE = "case"
    TRANSFER = "transfer"
    TRANSFER_FILE = "transfer_file"
    MULES = "mules"
    RESOURCE = "resource"  # a site, link, ad, channel or page on the monitoring queue
    FEED = "feed"  # a block list or indicator feed, by format
    FEED_SUBSCRIPTION = "feed_subscription"  # by organisation


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log; ``actor`` is the user name at the time of the entry."""

    at: datetime
    actor: str
    action: AuditAction
    object_type: AuditObject
    object_id: str
    details: Mapping[str, object]


class AuditLog(Protocol):
    def record(
        self,
        *,
        actor: Actor,
        action: AuditAction,
        object_type: AuditObject,
        object_id: str,
        details: Mapping[str, object] | None = None,
        at: datetime,
    ) -> None: ...

    def entries(self, *, object_type: AuditObject, object_id: str) -> list[AuditEntry]: ...


class AuditUnitOfWork(Protocol):
    """A transaction with the audit log in it; every capability's unit of work extends this.

    Leaving the ``with`` block without ``commit()`` rolls everything back.
    """

    @property
    def audit(self) -> AuditLog: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...
