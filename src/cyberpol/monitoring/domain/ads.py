"""Marketplace ads as platforms send them, and the scam rings found among them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidIndicator, InvalidInput
from cyberpol.kernel.indicators.extract import extract_indicators
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.indicators.normalize.phone import normalize_phone


@dataclass(frozen=True, slots=True)
class Ad:
    """One ad, normalised: the price in tenge (None when not given), the seller's phone in
    E.164 (None when not given or unreadable), photos as 64-bit perceptual hashes."""

    platform: str
    ad_id: str
    created_at: datetime
    title: str
    text: str
    price_kzt: float | None
    category: str
    seller_id: str
    phone: str | None
    ip: str | None
    device_id: str | None
    images: tuple[int, ...] = ()
    # Phones and links written in the ad's own text (E.164 and canonical URLs or domains).
    text_phones: tuple[str, ...] = ()
    text_links: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RingMember:
    ad_id: str
    ring: str
    score: float
    reasons: tuple[RuleResult, ...]


@dataclass(frozen=True, slots=True)
class Ring:
    """Ads of several seller accounts that one organiser is behind, with why."""

    ring: str
    score: float
    sellers: tuple[str, ...]
    platform: str
    ads: tuple[str, ...]
    reasons: tuple[RuleResult, ...]
    phones: tuple[str, ...] = field(default=())
    # The platform of each of ``ads``: a ring may post on several, and ad ids are theirs.
    ad_platforms: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AdWarning:
    """A ring as one platform may see it: only its own ads, sellers and their phones."""

    ring: str
    score: float
    platform: str
    ads: tuple[str, ...]
    sellers: tuple[str, ...]
    phones: tuple[str, ...]
    reasons: tuple[RuleResult, ...]


@dataclass
class AdLoad:
    """What one export gave: ads kept, rows refused with their line and why."""

    source: str
    loaded: int = 0
    already_loaded: bool = False
    rejected: list[tuple[int, str]] = field(default_factory=list)
    # Photos sent as files that could not be read: the ad is kept without them.
    unread_photos: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class KnownBad:
    """Phones and links the registry already holds as fraud."""

    phones: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()


# Tenge per unit, to compare prices across currencies (a ring's USD price next to honest
# tenge ones); rough on purpose: "far below" means below 60 %, not a few per cent.
RATES_KZT = {"KZT": 1.0, "USD": 480.0, "EUR": 520.0, "RUB": 5.5, "KGS": 5.5, "UZS": 0.04}
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_HASH = re.compile(r"[0-9a-fA-F]{16}")
_SECRET = b"ads: card numbers in ad texts are never kept"


def parse_price(raw: object, currency: object) -> float | None:
    """'12 000', '12000,00', '12\u00a0000' or 12000 in tenge; None when missing or unreadable."""
    if raw is None or raw == "":
        return None
    text = _SPACES.sub("", str(raw)).replace(",", ".")
    if text.count(".") > 1:
        text = text.replace(".", "", text.count(".") - 1)
    try:
        value = float(text)
    except ValueError:
        return None
    rate = RATES_KZT.get(str(currency or "KZT").strip().upper())
    if rate is None or not 0 <= value < 1e12:
        return None
    return value * rate


def parse_images(raw: object) -> tuple[int, ...]:
    """64-bit perceptual hashes, as 16 hex digits each (a list, or joined by ; , or spaces)."""
    if isinstance(raw, list | tuple):
        items = list(raw)
    else:
        items = _SPACES.split(str(raw or "").replace(";", " ").replace(",", " "))
    return tuple(int(h, 16) for h in (str(x).strip() for x in items) if _HASH.fullmatch(h))


def parse_ad(row: Mapping[str, object], *, default_platform: str = "") -> Ad:
    """An ad from a platform's export row; InvalidInput naming what is missing or wrong."""

    def text(name: str, limit: int) -> str:
        value = row.get(name)
        return "" if value is None else str(value).strip()[:limit]

    ad_id = text("ad_id", 128)
    seller = text("seller_id", 128)
    if not ad_id:
        raise InvalidInput("ad_id is missing")
    if not seller:
        raise InvalidInput("seller_id is missing")
    created = _moment(text("created_at", 64))
    phone = None
    if text("seller_phone", 40):
        try:
            phone = normalize_phone(text("seller_phone", 40))
        except InvalidIndicator:
            phone = None  # unreadable: the ad still counts, without a phone to link by
    body = text("text", 20_000)
    found = extract_indicators(body, card_secret=_SECRET)
    return Ad(
        platform=text("platform", 64).lower() or default_platform,
        ad_id=ad_id,
        created_at=created,
        title=text("title", 500),
        text=redact_cards(body),
        price_kzt=parse_price(row.get("price"), row.get("currency")),
        category=text("category", 100).lower(),
        seller_id=seller,
        phone=phone,
        ip=text("ip", 64) or None,
        device_id=text("device_id", 128) or None,
        images=parse_images(row.get("image_hashes")),
        text_phones=tuple(i.value for i in found if i.kind is IndicatorKind.PHONE),
        text_links=tuple(
            i.value for i in found if i.kind in (IndicatorKind.URL, IndicatorKind.DOMAIN)
        ),
    )


def _moment(raw: str) -> datetime:
    """ISO 8601; a time without a zone is Kazakhstan's (as platforms there write it)."""
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"created_at is not a date and time: {raw!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=KAZAKHSTAN)
