"""Payment details scammers ask victims to pay to: bank cards and Kazakh IBANs."""

from __future__ import annotations

import random

from cyberpol.synth.transfers.banks import KAZAKH_BANKS
from cyberpol.synth.weighted import pick, weighted

# --------------------------------------------------------------------------- cards

# Visa and Mastercard BINs of Kaspi, Halyk, Jusan, Forte, Freedom and BCC cards.
_BINS = weighted(
    [
        ("440043", 30),
        ("400303", 12),
        ("539545", 12),
        ("427889", 8),
        ("417428", 10),
        ("220070", 4),
        ("522858", 5),
        ("404932", 5),
        ("446375", 4),
        ("515845", 3),
        ("469357", 3),
        ("535050", 4),
    ]
)
_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn_complete(partial: str) -> str:
    """``partial`` plus the check digit that makes it pass the Luhn test."""
    rev = partial[::-1]
    total = sum(_DOUBLE[ord(c) - 48] for c in rev[0::2]) + sum(ord(c) - 48 for c in rev[1::2])
    return partial + str(-total % 10)


def draw_card(rng: random.Random) -> str:
    """A card number (PAN) that passes the Luhn test."""
    return _luhn_complete(pick(rng, _BINS) + f"{rng.randrange(1_000_000_000):09d}")


def render_card(rng: random.Random, pan: str) -> str:
    r = rng.random()
    if r < 0.5:
        return f"{pan[:4]} {pan[4:8]} {pan[8:12]} {pan[12:]}"
    if r < 0.82:
        return pan
    if r < 0.94:
        return f"{pan[:4]}-{pan[4:8]}-{pan[8:12]}-{pan[12:]}"
    if r < 0.97:
        return f"{pan[:4]}\u00a0{pan[4:8]}\u00a0{pan[8:12]}\u00a0{pan[12:]}"
    return f"{pan[:4]} {pan[4:8]}{pan[8:12]} {pan[12:]}"


# --------------------------------------------------------------------------- IBANs

# Kaspi, Halyk, Jusan (ex-Tsesna), ATF, Bereke (ex-Sber), treasury, BCC, Forte, Home Credit,
# Eurasian, Kassa Nova, Nurbank.
_BANKS = weighted(
    [
        ("722", 30),
        ("601", 18),
        ("998", 8),
        ("826", 5),
        ("914", 5),
        ("070", 3),
        ("856", 9),
        ("965", 8),
        ("886", 5),
        ("948", 4),
        ("551", 2),
        ("849", 2),
    ]
)
_CODE_OF_BIC = {bank.bic: bank.code for bank in KAZAKH_BANKS}
_LETTER_DIGITS = {ord(c): str(i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ", start=10)}


def _kz_iban(bban: str) -> str:
    check = 98 - int((bban + "KZ00").translate(_LETTER_DIGITS)) % 97
    return f"KZ{check:02d}{bban}"


def draw_iban(rng: random.Random, bic: str | None = None) -> str:
    """A Kazakh IBAN with valid check digits at one of the banks scammers use, or at the
    bank with this BIC."""
    bank = pick(rng, _BANKS) if bic is None else _CODE_OF_BIC[bic]
    if bank == "722":
        account = "S" + f"{rng.randrange(10**12):012d}"
    elif bank == "601":
        account = rng.choice("ACDFS") + f"{rng.randrange(10**12):012d}"
    elif bank == "070":
        account = "105KSN" + f"{rng.randrange(10**7):07d}"
    elif rng.random() < 0.5:
        account = "KZT" + f"{rng.randrange(10**10):010d}"
    else:
        account = f"{rng.randrange(10**13):013d}"
    return _kz_iban(bank + account)


def render_iban(rng: random.Random, iban: str) -> str:
    r = rng.random()
    grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    if r < 0.45:
        return grouped
    if r < 0.82:
        return iban
    if r < 0.91:
        return grouped.lower()
    return iban.lower()
