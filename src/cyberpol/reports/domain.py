"""Citizen reports: what a submission must contain and what an analyst later sees."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import InvalidInput, TooLarge
from cyberpol.kernel.indicators.invisible import visible
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.registry.domain import IndicatorSummary

MAX_LOSS_TENGE = Decimal("1000000000000")  # a trillion tenge: anything above is a typo


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class ReportSubmission:
    """A report as a citizen sent it, before extraction."""

    text: str
    category: ScamCategory
    channel: Channel
    region: Region | None = None
    loss_amount: Decimal | None = None
    contact: str | None = None
    language: str | None = None
    attachments: tuple[Attachment, ...] = ()
    # Found before the text reached us, by a front door that keeps a draft between messages
    # (the bot keeps the text with card numbers masked, and the cards as indicators) or that
    # knows more than the text says (the sender of a forwarded message).
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportLimits:
    max_text_chars: int
    max_attachments: int
    max_attachment_bytes: int


# How people write a sum of money in a chat or a form: "300 тыс", "1,5 млн тг", "150.000 ₸",
# "50к". Words for thousand and million in Kazakh, Russian and English; currency words dropped.
_SCALES = {
    **dict.fromkeys(("тыс", "тысяч", "тысячи", "тысяча", "т.р", "тр", "к", "k", "мың",
                     "thousand", "thousands"), Decimal(1000)),
    **dict.fromkeys(("млн", "миллион", "миллиона", "миллионов", "кк", "kk", "m", "mln",
                     "million", "millions"), Decimal(1_000_000)),
}  # fmt: skip
_CURRENCY = re.compile(r"(тенге|теңге|тңг|тг|tenge|kzt|tg|₸)\.?", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009'’]")
_AMOUNT = re.compile(r"(?P<number>\d(?:[\d.,]*\d)?)(?P<scale>[^\d,]*)")


def _number(digits: str) -> Decimal:
    """``digits`` with dots and commas read as a person meant them: the last separator is
    decimal when one or two digits follow it, every other separator groups thousands."""
    separators = [i for i, c in enumerate(digits) if c in ".,"]
    if not separators:
        return Decimal(digits)
    last = separators[-1]
    tail = digits[last + 1 :]
    grouped = len(separators) > 1 and len({digits[i] for i in separators}) == 1
    if 1 <= len(tail) <= 2 and not grouped:
        return Decimal(digits[:last].replace(".", "").replace(",", "") + "." + tail)
    head, *groups = re.split(r"[.,]", digits)
    if not 1 <= len(head) <= 3 or any(len(g) != 3 for g in groups):  # "150000.999" is neither
        raise InvalidOperation(digits)
    return Decimal(digits.replace(".", "").replace(",", ""))


def parse_loss(raw: object) -> Decimal | None:
    """Loss in tenge from a number or text as people write it (``"150 000"``, ``"300 тыс"``,
    ``"1,5 млн тг"``); None when absent."""
    if raw is None or raw == "":
        return None
    text = _CURRENCY.sub("", _SPACES.sub("", str(raw).lower()))
    found = _AMOUNT.fullmatch(text)
    try:
        if found is None:
            raise InvalidOperation(text)
        amount = _number(found["number"])
        scale = found["scale"].rstrip(".")
        if scale:
            amount *= _SCALES[scale]
    except (InvalidOperation, KeyError) as exc:
        raise InvalidInput(f"Loss must be an amount in tenge, got {raw!r}") from exc
    if not amount.is_finite() or amount < 0 or amount > MAX_LOSS_TENGE:
        raise InvalidInput(f"Loss must be between 0 and {MAX_LOSS_TENGE} tenge, got {raw!r}")
    return amount.quantize(Decimal("0.01"))


def refuse_control_characters(name: str, value: str | None) -> None:
    """NUL cannot be stored in PostgreSQL text; refuse it with a message, not a 500."""
    if value is not None and "\x00" in value:
        raise InvalidInput(f"The {name} contains a NUL character.")


def validate_submission(submission: ReportSubmission, limits: ReportLimits) -> None:
    """Refuse an empty or oversized report before anything is stored."""
    if not visible(submission.text).strip():  # zero-width spaces alone are no report
        raise InvalidInput("The report text is empty.")
    if len(submission.text) > limits.max_text_chars:
        raise TooLarge(
            f"The report text has {len(submission.text)} characters; at most "
            f"{limits.max_text_chars} are accepted."
        )
    for name, value in (
        ("text", submission.text),
        ("contact", submission.contact),
        *(("attachment filename", a.filename) for a in submission.attachments),
    ):
        refuse_control_characters(name, value)
    if submission.language not in (None, "ru", "kk", "en"):
        raise InvalidInput(f"language must be ru, kk or en, got {submission.language!r}")
    if len(submission.attachments) > limits.max_attachments:
        raise TooLarge(f"At most {limits.max_attachments} attachments per report.")
    for attachment in submission.attachments:
        if len(attachment.content) > limits.max_attachment_bytes:
            raise TooLarge(
                f"Attachment {attachment.filename!r} is {len(attachment.content)} bytes; "
                f"at most {limits.max_attachment_bytes} are accepted."
            )
    if submission.contact is not None and len(submission.contact) > 320:
        raise InvalidInput("The contact is longer than 320 characters.")


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Report:
    """A stored report; ``contact`` is personal data and left None unless the reader may see it."""

    id: str
    created_at: datetime
    channel: Channel
    category: ScamCategory
    region: Region | None
    loss_amount: Decimal | None
    currency: str
    language: str | None
    text: str
    contact: str | None
    has_contact: bool
    indicators: tuple[Indicator, ...] = ()
    attachments: tuple[AttachmentInfo, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class IndicatorState:
    """An indicator from a report and where the registry stands on it now."""

    indicator: Indicator
    status: str  # reported, confirmed, blocked or dismissed


@dataclass(frozen=True, slots=True)
class ReportStatus:
    """What the reporter sees at their status link: no text back, no contact."""

    id: str
    created_at: datetime
    category: ScamCategory
    region: Region | None
    indicators: tuple[IndicatorState, ...]
    attachments: int


# Evidence a citizen sends: photos and screenshots, PDF, voice notes. Told by the first
# bytes, never by the name or the browser's word: a renamed program is not a photo.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"%PDF-", 0, "application/pdf"),
    (b"OggS", 0, "audio/ogg"),
    (b"ID3", 0, "audio/mpeg"),
    (b"#!AMR\n", 0, "audio/amr"),  # older phones' voice recorders
    (b"\x1a\x45\xdf\xa3", 0, "video/webm"),  # a browser's recording, sound or picture
)
# ISO media by brand. Phone recorders write voice as MP4 or 3GPP under generic brands, so
# those are taken as the container they are (its picture, if any, is evidence too).
_FTYP = {
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"mif1": "image/heif",
    b"M4A ": "audio/mp4",
    **dict.fromkeys((b"mp41", b"mp42", b"isom", b"iso2", b"MSNV"), "video/mp4"),
    **dict.fromkeys((b"3gp4", b"3gp5", b"3gp6", b"3gr6", b"3gs6"), "video/3gpp"),
}


def evidence_type(content: bytes) -> str | None:
    """The media type of an evidence file by its content, or None when it is not one we take."""
    for signature, offset, kind in _SIGNATURES:
        if content[offset : offset + len(signature)] == signature:
            return kind
    if content[:4] == b"RIFF":
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav"}.get(content[8:12])
    if content[4:8] == b"ftyp":
        return _FTYP.get(content[8:12])
    if len(content) > 3 and content[0] == 0xFF and content[1] & 0xE0 == 0xE0:
        # An MPEG audio frame with no ID3 tag before it, or AAC in ADTS frames (layer bits 0).
        return "audio/aac" if content[1] & 0x06 == 0 else "audio/mpeg"
    return None


class AppealStatus(enum.StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"  # the indicator is dismissed
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class AppealSubmission:
    """An owner's request to take their number, card, site or handle off the registry."""

    value: str
    text: str
    contact: str | None = None
    language: str | None = None
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class Appeal:
    """A stored appeal; ``contact`` is None unless the reader may see it."""

    id: str
    created_at: datetime
    indicator_id: int
    indicator: Indicator
    text: str
    contact: str | None
    has_contact: bool
    language: str | None
    status: AppealStatus
    decided_at: datetime | None = None
    decided_by: str | None = None
    decision_reason: str | None = None
    attachments: tuple[AttachmentInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """A message owed to a reporter: a value from their report changed status, or an
    appeal against it was decided (``status`` is then ``appeal_upheld``/``appeal_rejected``)."""

    id: int
    channel: str
    recipient: str
    language: str
    report_id: str
    kind: str
    value: str
    status: str
    attempts: int


@dataclass(frozen=True, slots=True)
class TriageGroup:
    """One indicator in the triage queue and the newest of the reports that name it.

    ``matching`` counts every report that names it within the queue's filters; ``reports``
    holds the newest few of them, so a page stays small however widely a number is reported.
    """

    indicator: IndicatorSummary
    matching: int
    reports: tuple[Report, ...]


@dataclass(frozen=True, slots=True)
class TriagePage:
    """A page of the queue; no total, since counting a million reports costs more than the page."""

    groups: tuple[TriageGroup, ...]
    has_more: bool
    limit: int
    offset: int
