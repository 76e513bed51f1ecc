"""Who may do what: roles, their permissions and the actor a request runs as."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from cyberpol.kernel.errors import Forbidden, NotAuthenticated


class Role(enum.StrEnum):
    ANALYST = "analyst"
    INVESTIGATOR = "investigator"
    ADMIN = "admin"
    # The head of a unit: reads all its work, assigns and corrects cases, decides nothing.
    SUPERVISOR = "supervisor"
    # The prosecutor overseeing the unit's investigations: reads cases and their materials.
    PROSECUTOR = "prosecutor"
    PARTNER = "partner"
    BANK = "bank"
    # A mobile operator (organisation: its code, e.g. KCELL): sends call records, asks for
    # call verdicts, answers block requests for its own subscribers.
    OPERATOR = "operator"
    # The person at the server console; never a user's role, so it has no token.
    CONSOLE = "console"


class Permission(enum.StrEnum):
    READ_REPORTS = "read_reports"
    READ_REPORTER_CONTACT = "read_reporter_contact"
    READ_EVIDENCE = "read_evidence"
    READ_INDICATORS = "read_indicators"
    CHANGE_INDICATOR_STATUS = "change_indicator_status"
    BATCH_CHECK = "batch_check"
    MANAGE_USERS = "manage_users"
    READ_AUDIT_LOG = "read_audit_log"
    SUBMIT_TRANSFERS = "submit_transfers"
    TRACE_MONEY = "trace_money"
    ISSUE_FREEZE_REQUESTS = "issue_freeze_requests"
    READ_FREEZE_REQUESTS = "read_freeze_requests"
    ANSWER_FREEZE_REQUESTS = "answer_freeze_requests"
    MANAGE_BANKS = "manage_banks"
    READ_MULE_SCORES = "read_mule_scores"
    LABEL_MULES = "label_mules"
    TRAIN_MULE_MODEL = "train_mule_model"
    READ_CASES = "read_cases"
    MANAGE_CASES = "manage_cases"
    DECIDE_CASES = "decide_cases"
    READ_CASE_PARTIES = "read_case_parties"
    READ_STATISTICS = "read_statistics"
    MANAGE_OPERATORS = "manage_operators"
    SUBMIT_CALLS = "submit_calls"
    READ_SIMBOX = "read_simbox"
    LABEL_SIMBOX = "label_simbox"
    MANAGE_PROTECTED_NUMBERS = "manage_protected_numbers"
    ASK_CALL_VERDICTS = "ask_call_verdicts"
    READ_CALL_BLOCKS = "read_call_blocks"
    REQUEST_NUMBER_BLOCKS = "request_number_blocks"
    READ_NUMBER_BLOCKS = "read_number_blocks"
    ANSWER_NUMBER_BLOCKS = "answer_number_blocks"
    READ_MONITORING = "read_monitoring"
    MANAGE_MONITORING = "manage_monitoring"
    READ_FEEDS = "read_feeds"
    MANAGE_FEEDS = "manage_feeds"
    # A marketplace sends its own ads and reads the rings found among them, on it only.
    SUBMIT_ADS = "submit_ads"
    READ_AD_WARNINGS = "read_ad_warnings"


_P = Permission
_ANALYST = frozenset(
    {
        _P.READ_REPORTS,
        _P.READ_REPORTER_CONTACT,
        _P.READ_EVIDENCE,
        _P.READ_INDICATORS,
        _P.CHANGE_INDICATOR_STATUS,
        _P.BATCH_CHECK,
        _P.TRACE_MONEY,
        _P.READ_FREEZE_REQUESTS,
        _P.READ_MULE_SCORES,
        _P.LABEL_MULES,
        _P.TRAIN_MULE_MODEL,
        _P.READ_CASES,
        _P.MANAGE_CASES,
        _P.READ_CASE_PARTIES,
        _P.READ_STATISTICS,
        _P.READ_SIMBOX,
        _P.LABEL_SIMBOX,
        _P.READ_CALL_BLOCKS,
        _P.READ_NUMBER_BLOCKS,
        _P.READ_MONITORING,
        _P.MANAGE_MONITORING,
        _P.READ_FEEDS,
    }
)
# Admins run the system, not cases: they see no reporter contacts.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: _ANALYST,
    # Freezing someone's account, sending a case to court, closing or suspending it are
    # procedural acts: only investigators sign them.
    Role.INVESTIGATOR: _ANALYST
    | {_P.ISSUE_FREEZE_REQUESTS, _P.DECIDE_CASES, _P.REQUEST_NUMBER_BLOCKS},
    Role.SUPERVISOR: frozenset(
        {
            _P.READ_REPORTS,
            _P.READ_EVIDENCE,
            _P.READ_INDICATORS,
            _P.BATCH_CHECK,
            _P.TRACE_MONEY,
            _P.READ_FREEZE_REQUESTS,
            _P.READ_MULE_SCORES,
            _P.READ_CASES,
            _P.MANAGE_CASES,
            _P.READ_CASE_PARTIES,
            _P.READ_STATISTICS,
            _P.READ_SIMBOX,
            _P.READ_CALL_BLOCKS,
            _P.READ_NUMBER_BLOCKS,
            _P.READ_MONITORING,
        }
    ),
    Role.PROSECUTOR: frozenset(
        {
            _P.READ_REPORTS,
            _P.READ_EVIDENCE,
            _P.READ_INDICATORS,
            _P.TRACE_MONEY,
            _P.READ_FREEZE_REQUESTS,
            _P.READ_CASES,
            _P.READ_CASE_PARTIES,
            _P.READ_STATISTICS,
            _P.READ_CALL_BLOCKS,
            _P.READ_NUMBER_BLOCKS,
        }
    ),
    Role.ADMIN: frozenset(
        {
            _P.READ_REPORTS,
            _P.READ_INDICATORS,
            _P.BATCH_CHECK,
            _P.MANAGE_USERS,
            _P.READ_AUDIT_LOG,
            # No SUBMIT_TRANSFERS: a transfer speaks for a bank's customers, so only that
            # bank's token sends one (datasets are loaded at the console).
            _P.MANAGE_BANKS,
            _P.MANAGE_OPERATORS,
            _P.MANAGE_PROTECTED_NUMBERS,
            _P.MANAGE_FEEDS,
        }
    ),
    # Platforms, ISPs and other CERTs: checks, and the feeds their subscription names.
    # A platform sends its ads and reads the warnings on its own sellers.
    Role.PARTNER: frozenset({_P.BATCH_CHECK, _P.READ_FEEDS, _P.SUBMIT_ADS, _P.READ_AD_WARNINGS}),
    # A bank sees and answers only its own freeze requests (services check the organisation).
    Role.BANK: frozenset(
        {
            _P.BATCH_CHECK,
            _P.SUBMIT_TRANSFERS,
            _P.READ_FREEZE_REQUESTS,
            _P.ANSWER_FREEZE_REQUESTS,
            _P.READ_FEEDS,
        }
    ),
    # An operator sends its own subscribers' call records and roaming, asks verdicts on any
    # caller, and sees and answers only its own block requests and blocked-call counts
    # (services check the organisation); it checks numbers like any partner.
    Role.OPERATOR: frozenset(
        {
            _P.BATCH_CHECK,
            _P.SUBMIT_CALLS,
            _P.ASK_CALL_VERDICTS,
            _P.READ_CALL_BLOCKS,
            _P.READ_NUMBER_BLOCKS,
            _P.ANSWER_NUMBER_BLOCKS,
            _P.READ_FEEDS,
        }
    ),
    # The console runs the system, so it may do everything, reading reporters' contacts
    # included: whoever sits there has the database anyway, and every read is still audited.
    Role.CONSOLE: frozenset(Permission),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The user or partner organisation a request acts for; ``anonymous`` for the public."""

    name: str
    role: Role | None
    organisation: str | None = None

    def may(self, permission: Permission) -> bool:
        return self.role is not None and permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        """Raise Forbidden unless this actor holds ``permission``."""
        if self.role is None:
            raise NotAuthenticated("This needs a bearer token (Authorization: Bearer <token>).")
        if not self.may(permission):
            action = permission.value.replace("_", " ")
            raise Forbidden(f"Role {self.role.value!r} may not {action}.")


ANONYMOUS = Actor(name="anonymous", role=None)
# The one actor of the command line, the demo and file imports; passed explicitly, never a default.
CONSOLE = Actor(name="console", role=Role.CONSOLE)
