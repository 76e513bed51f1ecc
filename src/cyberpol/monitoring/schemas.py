"""What the monitoring API takes and gives."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from cyberpol.kernel.detection import RuleResult
from cyberpol.monitoring.domain.ads import AdLoad, AdWarning, Ring
from cyberpol.monitoring.domain.brands import LookalikeScore
from cyberpol.monitoring.domain.resources import Resource
from cyberpol.monitoring.domain.takedowns import TakedownRequest
from cyberpol.monitoring.domain.texts import MAX_TEXT_LENGTH, TextVerdict
from cyberpol.monitoring.ports import MonthCount
from cyberpol.monitoring.service.texts import MAX_TEXTS

Kind = Literal["domain", "url", "ad", "telegram", "social"]
Source = Literal[
    "citizen_report", "registry", "lookalike_scan", "domain_feed", "partner_feed",
    "ad_import", "analyst",
]  # fmt: skip
State = Literal[
    "new", "reviewing", "confirmed", "block_requested", "blocked", "refused", "taken_down",
    "dismissed",
]  # fmt: skip

BlockState = Literal["sent", "done", "refused"]


class ReasonPublic(BaseModel):
    code: str = Field(description="The rule that fired, e.g. homoglyph, combosquat")
    value: float
    weight: float


def reasons_public(rules: tuple[RuleResult, ...]) -> list[ReasonPublic]:
    return [ReasonPublic(code=r.code, value=r.value, weight=r.weight) for r in rules]


class ResourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    value: str = Field(
        max_length=2048,
        description="A domain, a URL, '@channel' or a t.me link, a page's URL, or "
        "'platform:ad_id' for an ad",
    )
    source: Source = "analyst"
    source_ref: str | None = Field(
        default=None, max_length=300, description="Which report, file or feed (default: you)"
    )
    note: str | None = Field(default=None, max_length=2000)


class ResourcesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resources: list[ResourceIn] = Field(min_length=1, max_length=1000)


class ResourcePublic(BaseModel):
    id: int
    kind: Kind
    value: str
    source: Source
    source_ref: str
    state: State
    score: float = Field(ge=0, le=1)
    reasons: list[ReasonPublic]
    brand: str = Field(description="The protected domain it imitates, empty if none")
    found_at: datetime
    updated_at: datetime
    confirmed_at: datetime | None
    blocked_at: datetime | None
    taken_down_on: date | None
    recheck_at: datetime | None
    note: str | None


def resource_public(r: Resource) -> ResourcePublic:
    return ResourcePublic(
        id=r.id, kind=r.kind.value, value=r.value, source=r.source.value,
        source_ref=r.source_ref, state=r.state.value, score=r.score,
        reasons=reasons_public(r.reasons), brand=r.brand, found_at=r.found_at,
        updated_at=r.updated_at, confirmed_at=r.confirmed_at, blocked_at=r.blocked_at,
        taken_down_on=r.taken_down_on, recheck_at=r.recheck_at, note=r.note,
    )  # fmt: skip


class AddedPublic(BaseModel):
    resource: ResourcePublic
    created: bool = Field(description="False: it was already on the queue")


class ResourcePagePublic(BaseModel):
    items: list[ResourcePublic]
    total: int
    limit: int
    offset: int


class ResourceEventPublic(BaseModel):
    state: State
    actor: str
    at: datetime
    details: dict[str, Any]


class BlockRequestPublic(BaseModel):
    id: int
    resource_id: int
    party: Literal["registrar", "hosting", "cert", "isp", "platform"]
    addressee: str
    state: Literal["sent", "done", "refused"]
    issued_by: str
    sent_at: datetime
    due_at: datetime
    overdue: bool
    note: str | None
    answered_at: datetime | None
    answer_note: str | None


def block_public(r: TakedownRequest, now: datetime) -> BlockRequestPublic:
    return BlockRequestPublic(
        id=r.id, resource_id=r.resource_id, party=r.party.value, addressee=r.addressee,
        state=r.state.value, issued_by=r.issued_by, sent_at=r.sent_at, due_at=r.due_at,
        overdue=r.overdue(now), note=r.note, answered_at=r.answered_at,
        answer_note=r.answer_note,
    )  # fmt: skip


class BlockPagePublic(BaseModel):
    items: list[BlockRequestPublic]
    total: int
    limit: int
    offset: int


class ResourceDetailPublic(ResourcePublic):
    events: list[ResourceEventPublic]
    block_requests: list[BlockRequestPublic]


class StateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: Literal["reviewing", "confirmed", "dismissed", "taken_down"]
    note: str | None = Field(default=None, max_length=2000)
    taken_down_on: date | None = Field(
        default=None, description="When it went down (state taken_down; default today)"
    )


class BlockRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    party: Literal["registrar", "hosting", "cert", "isp", "platform"]
    addressee: str = Field(
        max_length=200, description="Who exactly: the registrar's or host's name, KZ-CERT…"
    )
    note: str | None = Field(default=None, max_length=2000)


class BlockAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["done", "refused"]
    note: str | None = Field(default=None, max_length=2000, description="Required when refused")


class ScanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[str] = Field(min_length=1, max_length=10_000)
    queue: StrictBool = Field(default=False, description="Put the flagged names on the queue")


class LookalikePublic(BaseModel):
    name: str = Field(description="As given")
    domain: str | None = Field(description="The host name scored; null when it is none")
    score: float = Field(ge=0, le=1)
    brand: str
    flagged: bool
    reasons: list[ReasonPublic]


def lookalike_public(name: str, score: LookalikeScore | None) -> LookalikePublic:
    if score is None:
        return LookalikePublic(name=name, domain=None, score=0.0, brand="", flagged=False,
                               reasons=[])  # fmt: skip
    return LookalikePublic(
        name=name, domain=score.domain, score=score.score, brand=score.brand,
        flagged=score.flagged, reasons=reasons_public(score.reasons),
    )  # fmt: skip


class ScanPublic(BaseModel):
    results: list[LookalikePublic]
    queued: int = Field(description="Flagged names new to the queue")


class MonthCountPublic(BaseModel):
    month: str
    kind: Kind
    found: int
    confirmed: int
    blocked: int
    taken_down: int


def month_public(m: MonthCount) -> MonthCountPublic:
    return MonthCountPublic(month=m.month, kind=m.kind.value, found=m.found,
                            confirmed=m.confirmed, blocked=m.blocked,
                            taken_down=m.taken_down)  # fmt: skip


AdValue = str | int | float | list[str] | None


class AdsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ads: list[dict[str, AdValue]] = Field(
        min_length=1, max_length=10_000,
        description="Ads as the platform keeps them: ad_id, created_at, title, text, price, "
        "currency, category, seller_id, seller_phone, ip, device_id, image_hashes (a list or "
        "';'-joined 64-bit perceptual hashes in hex) or images (a list of base64-encoded "
        "pictures, hashed here). Every ad is the sending platform's.",
    )  # fmt: skip


class RejectedAdPublic(BaseModel):
    number: int = Field(description="The ad's place in the list sent, from 1")
    reason: str


class AdLoadPublic(BaseModel):
    loaded: int
    already_loaded: bool = Field(description="The same ads were sent before; kept once")
    rejected: list[RejectedAdPublic]
    unread_photos: list[RejectedAdPublic] = Field(
        description="Photos sent that are no readable picture; their ads kept without them"
    )


class RingPublic(BaseModel):
    ring: str
    score: float
    platform: str
    sellers: list[str]
    ads: list[str]
    ad_platforms: list[str] = Field(description="The platform of each of ads, in order")
    phones: list[str]
    reasons: list[ReasonPublic]


class AdWarningPublic(BaseModel):
    ring: str
    score: float
    platform: str
    ads: list[str] = Field(description="Your ads in the ring")
    sellers: list[str] = Field(description="Your sellers who posted them")
    phones: list[str] = Field(description="The phones your sellers gave")
    reasons: list[ReasonPublic]


def ad_load_public(load: AdLoad) -> AdLoadPublic:
    return AdLoadPublic(
        loaded=load.loaded, already_loaded=load.already_loaded,
        rejected=[RejectedAdPublic(number=n, reason=r) for n, r in load.rejected],
        unread_photos=[RejectedAdPublic(number=n, reason=r) for n, r in load.unread_photos],
    )  # fmt: skip


def ring_public(ring: Ring) -> RingPublic:
    return RingPublic(
        ring=ring.ring, score=ring.score, platform=ring.platform, sellers=list(ring.sellers),
        ads=list(ring.ads), ad_platforms=list(ring.ad_platforms), phones=list(ring.phones),
        reasons=reasons_public(ring.reasons),
    )  # fmt: skip


def warning_public(warning: AdWarning) -> AdWarningPublic:
    return AdWarningPublic(
        ring=warning.ring, score=warning.score, platform=warning.platform,
        ads=list(warning.ads), sellers=list(warning.sellers), phones=list(warning.phones),
        reasons=reasons_public(warning.reasons),
    )  # fmt: skip


TextScheme = Literal[
    "ham", "marketplace_ad", "fake_bank_call", "fake_police_call", "investment_scam",
    "pyramid", "loan_in_victim_name", "prize_lottery", "phishing_link", "romance",
]  # fmt: skip
TextItem = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_LENGTH)]


class TextsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[TextItem] = Field(
        min_length=1, max_length=MAX_TEXTS,
        description=f"Up to {MAX_TEXTS:,} SMS, ads, chat messages or citizens' reports, in "
        f"Kazakh, Russian or English, each up to {MAX_TEXT_LENGTH:,} characters",
    )  # fmt: skip


class WordWeightPublic(BaseModel):
    word: str = Field(description="As written in the text")
    weight: float = Field(description="What the word added to the scheme's score")


class TextVerdictPublic(BaseModel):
    language: Literal["kk", "ru", "en"]
    scheme: TextScheme = Field(description="'ham' (no scam) or the scam scheme")
    is_scam: bool
    probability: float = Field(ge=0, le=1, description="Chance that it is a scam of any scheme")
    scores: dict[str, float] = Field(description="Each scheme's probability")
    top_words: list[WordWeightPublic] = Field(description="Heaviest first")


class TextsPublic(BaseModel):
    results: list[TextVerdictPublic] = Field(description="One per text, in order")


def text_verdict_public(v: TextVerdict) -> TextVerdictPublic:
    return TextVerdictPublic.model_validate({
        "language": v.language, "scheme": v.scheme, "is_scam": v.is_scam,
        "probability": v.probability, "scores": dict(v.scores),
        "top_words": [{"word": w, "weight": weight} for w, weight in v.top_words],
    })  # fmt: skip
