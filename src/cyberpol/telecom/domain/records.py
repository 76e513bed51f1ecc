"""Mobile operators and their call detail records (CDR): what a record is, and the checks
a number, an IMEI and an IMSI must pass before a record is kept."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime

from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidIndicator, InvalidInput
from cyberpol.kernel.indicators.normalize.phone import normalize_phone


class RecordType(enum.StrEnum):
    VOICE = "voice"
    SMS = "sms"
    DATA = "data"


class Direction(enum.StrEnum):
    ORIGINATING = "originating"  # the operator's subscriber made the call or sent the SMS
    TERMINATING = "terminating"  # the operator's subscriber received it


class TrunkKind(enum.StrEnum):
    """Where a call entered (terminating) or left (originating) the operator's network."""

    LOCAL = "local"
    NATIONAL = "national"
    INTERNATIONAL = "international"


# Operators are named by a short code of their own choosing: KCELL, BEELINE, TELE2, ALTEL.
_OPERATOR_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,31}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Short codes and service numbers (102 police, 112 emergency, 1414 e-government, 7111 a
# bank's line) are numbers in their own right in call records: kept as the switch wrote them.
_SHORT = re.compile(r"[0-9]{2,6}")
# Switches write numbers as 77012345678, +77012345678, 0077012345678 or 87012345678.
_INTERNATIONAL_PREFIX = "00"
# IMSI: mobile country code (3 digits), network code (2-3), subscriber (the rest), at most
# 15 digits in all. ITU-T E.212 gives country codes from 2xx to 7xx.
_IMSI = re.compile(r"[2-7][0-9]{5,14}")
KAZAKHSTAN_MCC = "401"


@dataclass(frozen=True, slots=True)
class Operator:
    code: str
    name: str
    created_at: datetime


def normalize_operator_code(raw: str) -> str:
    code = raw.strip().upper()
    if not _OPERATOR_CODE.fullmatch(code):
        shown = raw[:20] + ("…" if len(raw) > 20 else "")
        raise InvalidInput(
            f"An operator's code is 2-32 letters, digits or _, such as KCELL: {shown!r}"
        )
    return code


def validate_operator_name(name: str) -> str:
    text = name.strip()
    if not 1 <= len(text) <= 200 or _CONTROL.search(text):
        raise InvalidInput(
            f"An operator's name is 1 to 200 characters without control characters: {name[:40]!r}"
        )
    return text


def operator_of(actor: Actor) -> str | None:
    """The operator an operator's token speaks for; None for any other role."""
    if actor.role is not Role.OPERATOR:
        return None
    if not actor.organisation:
        raise InvalidInput("This operator's token names no operator.")
    return actor.organisation


def normalize_call_number(raw: str) -> str:
    """E.164 for a subscriber's number, the digits as given for a short or service number.

    Raises InvalidInput naming the number when it is neither.
    """
    text = raw.strip()
    if _SHORT.fullmatch(text):
        return text
    compact = text.replace(" ", "").replace("-", "")
    if compact.startswith(_INTERNATIONAL_PREFIX) and compact[2:].isdigit():
        compact = "+" + compact[2:]
    try:
        return normalize_phone(compact)
    except InvalidIndicator:
        pass
    # Switches write international numbers without the plus: 996555123456, 79161234567.
    if compact.isdigit() and compact.isascii() and 11 <= len(compact) <= 15:
        try:
            return normalize_phone("+" + compact)
        except InvalidIndicator:
            pass
    raise InvalidInput(f"not a phone number or a short code: {raw[:40]!r}")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def normalize_imei(raw: str) -> str:
    """The 15-digit IMEI, its Luhn check digit verified. An IMEISV (16 digits: the software
    version in place of the check digit) becomes the IMEI of the same handset."""
    digits = raw.strip().replace(" ", "").replace("-", "")
    if not (digits.isdigit() and digits.isascii()):
        raise InvalidInput(f"an IMEI is 15 digits: {raw[:40]!r}")
    if len(digits) == 16:
        body = digits[:14]
        check = next(str(d) for d in range(10) if luhn_ok(body + str(d)))
        return body + check
    if len(digits) != 15:
        raise InvalidInput(f"an IMEI is 15 digits: {raw[:40]!r}")
    if not luhn_ok(digits):
        raise InvalidInput(f"the IMEI's check digit is wrong (Luhn): {raw[:40]!r}")
    return digits


def normalize_imsi(raw: str) -> str:
    """The IMSI's digits: 6 to 15, starting with a mobile country code (2xx-7xx)."""
    digits = raw.strip()
    if not (digits.isascii() and _IMSI.fullmatch(digits)):
        raise InvalidInput(
            f"an IMSI is up to 15 digits starting with a country code such as 401: {raw[:40]!r}"
        )
    return digits


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class CallLoadSummary:
    """What one call-record file did to the store."""

    source: str
    operator: str | None
    rows_read: int
    rows_loaded: int
    duplicates: int  # records already loaded (same operator and record_id): a re-sent file
    rejected: int
    rejections: list[Rejection] = field(default_factory=list)
    roaming_changed: int = 0


@dataclass(frozen=True, slots=True)
class SimScore:
    """One SIM's SIM-box score from the last run, the rules behind it, and its box."""

    imsi: str
    number: str | None
    score: float
    device: str  # the box it was grouped into ("" when not flagged)
    reasons: tuple[RuleResult, ...]
    flagged: bool = False  # at or over the threshold of the model that scored it, or in a known box


@dataclass(frozen=True, slots=True)
class SimboxDevice:
    """A box: the flagged SIMs that shared its modules and its place."""

    device: str
    sims: int
    top_score: float
    numbers: tuple[str, ...]  # a few of its numbers, the highest scored first


@dataclass(frozen=True, slots=True)
class SimboxRun:
    sims: int
    flagged: int
    devices: int
    model: str = "rules"  # the model version that scored, or "rules" when none exists


@dataclass(frozen=True, slots=True)
class SimboxTraining:
    """A SIM-box model trained on local labels (analysts' verdicts win over label files)."""

    version: str
    threshold: float
    box_sims: int
    other_sims: int
    metrics: dict[str, float]


@dataclass(frozen=True, slots=True)
class ProtectedNumber:
    """A number that never places calls: a call showing it as the caller is spoofed."""

    number: str
    label: str
    added_by: str
    added_at: datetime
