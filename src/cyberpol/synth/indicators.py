"""Rows of a known-bad indicator list, and raw values as people type them into a check."""

from __future__ import annotations

import random
from collections.abc import Iterator

from cyberpol.kernel.categories import ScamCategory
from cyberpol.synth.values import FRESH
from cyberpol.synth.weighted import pick, weighted

_C = ScamCategory

_INDICATOR_KINDS = weighted(
    [
        ("phone", 40),
        ("card", 20),
        ("url", 12),
        ("domain", 8),
        ("iban", 8),
        ("social_handle", 5),
        ("email", 3),
        ("crypto_wallet", 3),
        ("ip", 1),
    ]
)
_CHECK_KINDS = weighted(
    [
        ("phone", 50),
        ("card", 15),
        ("url", 20),
        ("iban", 5),
        ("domain", 3),
        ("social_handle", 2),
        ("email", 2),
        ("crypto_wallet", 1.5),
        ("ip", 1.5),
    ]
)
_BLOCKER = {
    "phone": "operator",
    "card": "bank",
    "iban": "bank",
    "url": "registrar",
    "domain": "registrar",
    "ip": "registrar",
    "email": "platform",
    "social_handle": "platform",
    "crypto_wallet": "platform",
}
_STATUS = weighted([("confirmed", 45), ("blocked", 30), ("reported", 25)])
_KIND_CATEGORIES = {
    "phone": weighted(
        [
            (_C.FAKE_BANK_CALL, 35),
            (_C.MARKETPLACE_AD, 20),
            (_C.FAKE_POLICE_CALL, 12),
            (_C.LOAN_IN_VICTIM_NAME, 10),
            (_C.PRIZE_LOTTERY, 7),
            (_C.INVESTMENT_SCAM, 6),
            (_C.ROMANCE, 3),
            (_C.OTHER, 7),
        ]
    ),
    "card": weighted(
        [
            (_C.MARKETPLACE_AD, 35),
            (_C.FAKE_BANK_CALL, 15),
            (_C.INVESTMENT_SCAM, 12),
            (_C.LOAN_IN_VICTIM_NAME, 10),
            (_C.FAKE_POLICE_CALL, 8),
            (_C.PRIZE_LOTTERY, 6),
            (_C.ROMANCE, 6),
            (_C.OTHER, 8),
        ]
    ),
    "iban": weighted(
        [
            (_C.FAKE_BANK_CALL, 25),
            (_C.FAKE_POLICE_CALL, 25),
            (_C.INVESTMENT_SCAM, 20),
            (_C.PYRAMID, 15),
            (_C.ROMANCE, 10),
            (_C.OTHER, 5),
        ]
    ),
    "url": weighted(
        [
            (_C.PHISHING_LINK, 50),
            (_C.MARKETPLACE_AD, 18),
            (_C.INVESTMENT_SCAM, 12),
            (_C.PRIZE_LOTTERY, 10),
            (_C.LOAN_IN_VICTIM_NAME, 5),
            (_C.PYRAMID, 5),
        ]
    ),
    "domain": weighted(
        [
            (_C.PHISHING_LINK, 60),
            (_C.MARKETPLACE_AD, 15),
            (_C.INVESTMENT_SCAM, 15),
            (_C.PRIZE_LOTTERY, 10),
        ]
    ),
    "ip": weighted([(_C.PHISHING_LINK, 80), (_C.OTHER, 20)]),
    "email": weighted([(_C.PHISHING_LINK, 50), (_C.ROMANCE, 25), (_C.OTHER, 25)]),
    "crypto_wallet": weighted([(_C.INVESTMENT_SCAM, 70), (_C.PYRAMID, 20), (_C.OTHER, 10)]),
    "social_handle": weighted(
        [
            (_C.INVESTMENT_SCAM, 35),
            (_C.MARKETPLACE_AD, 25),
            (_C.ROMANCE, 15),
            (_C.PYRAMID, 15),
            (_C.OTHER, 10),
        ]
    ),
}


def synthetic_indicators(count: int, *, seed: int = 0) -> Iterator[dict[str, str]]:
    """Rows of a known-bad indicator list (``value, kind, status, category[, blocked_by]``)."""
    rng = random.Random(seed)
    categories = {
        kind: ([c.value for c in values], cumulative)
        for kind, (values, cumulative) in _KIND_CATEGORIES.items()
    }
    render_kind = FRESH
    for _ in range(count):
        kind = pick(rng, _INDICATOR_KINDS)
        status = pick(rng, _STATUS)
        row = {
            "value": render_kind[kind](rng),
            "kind": kind,
            "status": status,
            "category": pick(rng, categories[kind]),
        }
        if status == "blocked":
            row["blocked_by"] = _BLOCKER[kind]
        yield row


def typed_check_values(count: int, *, seed: int = 0) -> list[str]:
    """Raw values as people type them into a check: half phones, then links, cards and the rest."""
    rng = random.Random(seed)
    return [FRESH[pick(rng, _CHECK_KINDS)](rng) for _ in range(count)]
