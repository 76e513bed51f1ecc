"""The details of a report besides its indicators: sums, dates, numbers, loss and contact.

Amounts and dates are written the way people write them in each language. Order numbers
are made to look like phones and cards now and then, so an extractor has to read the word
in front of a number, not just its digits.
"""

from __future__ import annotations

import math
import random

from cyberpol.kernel.categories import ScamCategory
from cyberpol.synth.phones import kz_mobile
from cyberpol.synth.texts import MADE_UP_SLOTS, TEXTS

_C = ScamCategory

# Median loss in tenge; losses are log-normal around it, so a few victims lose millions.
_MEDIAN_LOSS = {
    _C.MARKETPLACE_AD: 60_000,
    _C.FAKE_BANK_CALL: 350_000,
    _C.FAKE_POLICE_CALL: 800_000,
    _C.INVESTMENT_SCAM: 600_000,
    _C.PYRAMID: 300_000,
    _C.LOAN_IN_VICTIM_NAME: 400_000,
    _C.PRIZE_LOTTERY: 25_000,
    _C.PHISHING_LINK: 120_000,
    _C.ROMANCE: 450_000,
    _C.OTHER: 70_000,
}
_MIN_LOSS, _MAX_LOSS = 5_000, 5_000_000
# Other sums a text names (a prize, a daily wage, a delivery fee): (low, high, step) in tenge
_SUM_RANGE = {
    _C.PRIZE_LOTTERY: (100_000, 5_000_000, 50_000),
    _C.FAKE_POLICE_CALL: (200_000, 3_000_000, 50_000),
    _C.OTHER: (5_000, 40_000, 1_000),
    _C.PHISHING_LINK: (390, 2_990, 100),
    _C.MARKETPLACE_AD: (15_000, 700_000, 500),
}


def loss(rng: random.Random, category: ScamCategory) -> int:
    """What a victim of ``category`` lost, in tenge, rounded the way people round it."""
    amount = _MEDIAN_LOSS[category] * math.exp(rng.gauss(0.0, 1.0))
    amount = min(max(amount, _MIN_LOSS), _MAX_LOSS)
    step = (
        rng.choice((10, 500, 1000, 1000, 5000))
        if amount < 200_000
        else rng.choice((1000, 5000, 10_000, 50_000))
    )
    return max(_MIN_LOSS, round(amount / step) * step)


def _spaced(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def _money(rng: random.Random, amount: int, language: str) -> str:
    """An amount written the way people write it: ``150 000 тг``, ``KZT 150,000``, ..."""
    r = rng.random()
    if language == "en":
        if r < 0.4:
            return f"{amount:,} KZT"
        if r < 0.6:
            return f"KZT {amount:,}"
        if r < 0.85:
            return f"{amount:,} tenge"
        return f"₸{amount:,}"
    currency = ("тг", "тенге", "₸") if language == "ru" else ("теңге", "тг", "₸")
    if language == "ru" and amount % 1000 == 0 and amount < 1_000_000 and r < 0.15:
        return f"{amount // 1000} тыс. тг"
    if language == "ru" and amount % 100_000 == 0 and amount >= 1_000_000 and r < 0.5:
        return f"{amount / 1_000_000:.1f}".replace(".", ",").replace(",0", "") + " млн тенге"
    if r < 0.7:
        return f"{_spaced(amount)} {rng.choice(currency)}"
    if r < 0.9:
        return f"{amount} {rng.choice(currency)}"
    return f"{_spaced(amount)}{currency[-1]}"


def _date(rng: random.Random, language: str) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2023, 2024, 2025))
    r = rng.random()
    if r < 0.5:
        return f"{day:02d}.{month:02d}.{year}"
    if language == "en":
        return (
            f"{TEXTS['en'].months[month - 1]} {day}" if r < 0.8 else f"{day:02d}/{month:02d}/{year}"
        )
    return f"{day} {TEXTS[language].months[month - 1]}"


def _order(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.2:  # looks like a phone number: only the word before it says it is not one
        return rng.choice("78") + f"{rng.randrange(10**10):010d}"
    if r < 0.3:  # as long as a card number
        return f"{rng.randrange(10**15, 10**16)}"
    return str(rng.randrange(10**5, 10 ** rng.randint(7, 12)))


def _iin(rng: random.Random) -> str:
    year, month, day = rng.randrange(100), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year:02d}{month:02d}{day:02d}{rng.choice('3456')}{rng.randrange(10**5):05d}"


def contact(rng: random.Random) -> str | None:
    """The phone or e-mail a report's writer leaves, if any."""
    r = rng.random()
    if r < 0.42:
        return kz_mobile(rng)
    if r < 0.6:
        first = rng.choice(
            (
                "aigerim",
                "dana",
                "asel",
                "nurlan",
                "arman",
                "olga",
                "timur",
                "madina",
                "yerlan",
                "saule",
                "sergey",
                "zhanna",
            )
        )
        return f"{first}{rng.choice(('.', '_', ''))}{rng.randrange(1, 2000)}@" + rng.choice(
            ("gmail.com", "mail.ru", "inbox.ru", "yandex.kz", "icloud.com")
        )
    return None


def made_up(
    rng: random.Random, slot: str, category: ScamCategory, language: str, lost: int | None
) -> str:
    """A value for one of ``MADE_UP_SLOTS``; ``lost`` is the report's loss, if it declares one."""
    if slot == "amount":
        return _money(rng, lost or loss(rng, category), language)
    if slot == "sum":
        low, high, step = _SUM_RANGE[category]
        return _money(rng, rng.randrange(low, high + 1, step), language)
    if slot == "date":
        return _date(rng, language)
    if slot == "time":
        return f"{rng.randint(8, 22)}:{rng.randrange(60):02d}"
    if slot == "order":
        return _order(rng)
    if slot == "iin":
        return _iin(rng)
    if slot == "track":
        return f"{rng.choice(('RR', 'CP', 'LP', 'KZ'))}{rng.randrange(10**9):09d}KZ"
    if slot == "percent":
        return str(rng.choice((10, 15, 20, 25, 30, 40, 50, 60, 100)))
    if slot == "days":
        return str(rng.choice((7, 10, 14, 21, 30, 45, 60)))
    raise ValueError(f"{slot!r} is not one of {sorted(MADE_UP_SLOTS)}")
