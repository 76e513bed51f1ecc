"""Verdicts on calls as an operator's switch sees them: allow, block or flag, with the reason.

The rules are pure and run on sets held in memory (``CallerLists``): a switch asks about
every incoming call, so a verdict costs a few set lookups and no I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.kernel.errors import InvalidInput
from cyberpol.telecom.domain.records import TrunkKind, normalize_call_number

# Kazakhstan shares +7 with Russia; its numbers are +7 7xx (phonenumbers' KZ leading digit).
KAZAKH_PREFIX = "+77"
_COUNTRY = re.compile(r"[A-Z]{2}")
_PRINTABLE_NUMBER = re.compile(r"[0-9+()*#\- ]{1,32}")
_TRUSTED_SKEW = timedelta(days=1)


class Verdict(enum.StrEnum):
    ALLOW = "allow"
    BLOCK = "block"  # the switch drops the call
    FLAG = "flag"  # the switch connects it and may warn the person called


class VerdictReason(enum.StrEnum):
    # A number that never places calls (102, 112, a bank's hotline) shown as the caller.
    PROTECTED_NUMBER = "protected_number"
    # A Kazakh number arriving from abroad while its subscriber is at home: a spoofed caller ID.
    KZ_NUMBER_FROM_ABROAD = "kz_number_from_abroad"
    # Blocked in the registry: a decision to cut the number has been taken.
    REGISTRY_BLOCKED = "registry_blocked"
    # Confirmed as used in fraud, not (yet) blocked: the person called may be warned.
    REGISTRY_CONFIRMED = "registry_confirmed"
    # The SIM's calls look like a SIM-box's (the last scoring run); a score is not a proof.
    SIMBOX_SIM = "simbox_sim"
    # A caller ID that is no number at all: switches forge these too.
    INVALID_NUMBER = "invalid_number"


VERDICT_OF = {
    VerdictReason.PROTECTED_NUMBER: Verdict.BLOCK,
    VerdictReason.KZ_NUMBER_FROM_ABROAD: Verdict.BLOCK,
    VerdictReason.REGISTRY_BLOCKED: Verdict.BLOCK,
    VerdictReason.REGISTRY_CONFIRMED: Verdict.FLAG,
    VerdictReason.SIMBOX_SIM: Verdict.FLAG,
    VerdictReason.INVALID_NUMBER: Verdict.FLAG,
}


@dataclass(frozen=True, slots=True)
class CallAttempt:
    """One call as the switch sees it before connecting it."""

    calling_number: str
    called_number: str
    trunk_kind: TrunkKind
    trunk_group: str = ""
    origin_country: str = ""  # ISO 3166 alpha-2 of the carrier that handed the call over
    ts: datetime | None = None


@dataclass(frozen=True, slots=True)
class CallVerdict:
    verdict: Verdict
    reason: VerdictReason | None  # the deciding reason; None when allowed
    reasons: tuple[VerdictReason, ...]  # every rule that fired, the deciding one first
    calling_number: str | None  # as CyberPol reads it (E.164 or a short code)


ALLOWED = CallVerdict(Verdict.ALLOW, None, (), None)


@dataclass(frozen=True, slots=True)
class CallerLists:
    """What the rules look numbers up in, as of one moment."""

    protected: frozenset[str]
    registry_blocked: frozenset[str]
    registry_confirmed: frozenset[str]
    simbox: frozenset[str]


@dataclass(frozen=True, slots=True)
class BlockedAttempt:
    """A blocked call as the statistics count it: never the called person's number."""

    day: date  # in Kazakhstan
    reason: VerdictReason


@dataclass(frozen=True, slots=True)
class BlockTally:
    day: date
    operator: str
    reason: VerdictReason
    attempts: int


@lru_cache(maxsize=1 << 18)
def read_caller(raw: str) -> str | None:
    """The caller ID as CyberPol stores numbers, or None when it is no number."""
    try:
        return normalize_call_number(raw)
    except InvalidInput:
        return None


def check_attempt(attempt: CallAttempt) -> None:
    """Refuse what no switch would send (the caller ID itself may be anything: it is judged)."""
    if not 1 <= len(attempt.calling_number) <= 64:
        raise InvalidInput("calling_number must be 1 to 64 characters.")
    if not _PRINTABLE_NUMBER.fullmatch(attempt.called_number):
        raise InvalidInput("called_number must be a number of up to 32 digits.")
    if attempt.origin_country and not _COUNTRY.fullmatch(attempt.origin_country):
        raise InvalidInput("origin_country must be a two-letter ISO 3166 code, such as TR.")
    if len(attempt.trunk_group) > 64:
        raise InvalidInput("trunk_group is at most 64 characters.")


def judge(
    attempts: Sequence[CallAttempt],
    lists: CallerLists,
    roaming: set[str] | frozenset[str],
) -> list[CallVerdict]:
    """One verdict per attempt, in order. ``roaming``: the Kazakh subscribers abroad now."""
    out: list[CallVerdict] = []
    append = out.append
    international = TrunkKind.INTERNATIONAL
    for attempt in attempts:
        caller = read_caller(attempt.calling_number)
        if caller is None:
            append(CallVerdict(Verdict.FLAG, VerdictReason.INVALID_NUMBER,
                               (VerdictReason.INVALID_NUMBER,), None))  # fmt: skip
            continue
        reasons: list[VerdictReason] = []
        if caller in lists.protected:
            reasons.append(VerdictReason.PROTECTED_NUMBER)
        if (
            attempt.trunk_kind is international
            and caller.startswith(KAZAKH_PREFIX)
            and caller not in roaming
        ):
            reasons.append(VerdictReason.KZ_NUMBER_FROM_ABROAD)
        if caller in lists.registry_blocked:
            reasons.append(VerdictReason.REGISTRY_BLOCKED)
        elif caller in lists.registry_confirmed:
            reasons.append(VerdictReason.REGISTRY_CONFIRMED)
        if caller in lists.simbox:
            reasons.append(VerdictReason.SIMBOX_SIM)
        if not reasons:
            append(CallVerdict(Verdict.ALLOW, None, (), caller))
            continue
        # Reasons are appended in order of weight, blocks before flags.
        append(CallVerdict(VERDICT_OF[reasons[0]], reasons[0], tuple(reasons), caller))
    return out


def blocked_attempts(
    attempts: Sequence[CallAttempt], verdicts: Sequence[CallVerdict], now: datetime
) -> dict[BlockedAttempt, int]:
    """The blocks to count, by day in Kazakhstan and reason."""
    counted: dict[BlockedAttempt, int] = {}
    today = now.astimezone(KAZAKHSTAN).date()
    for attempt, verdict in zip(attempts, verdicts, strict=True):
        if verdict.verdict is not Verdict.BLOCK or verdict.reason is None:
            continue
        day = today
        # A switch's clock may be wrong, or a partner's ts made up: a call counts on the day
        # it says only when that is within a day of now.
        if attempt.ts is not None and abs(attempt.ts - now) <= _TRUSTED_SKEW:
            day = attempt.ts.astimezone(KAZAKHSTAN).date()
        key = BlockedAttempt(day, verdict.reason)
        counted[key] = counted.get(key, 0) + 1
    return counted
