"""What a fraud indicator is: its kind and its normalised value."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class IndicatorKind(enum.StrEnum):
    PHONE = "phone"
    CARD = "card"
    IBAN = "iban"
    URL = "url"
    DOMAIN = "domain"
    IP = "ip"
    EMAIL = "email"
    CRYPTO_WALLET = "crypto_wallet"
    SOCIAL_HANDLE = "social_handle"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One normalised value: ``key`` is what equal indicators share (a keyed hash for cards)."""

    kind: IndicatorKind
    value: str
    key: str
    attributes: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
