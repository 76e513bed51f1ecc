"""Payment cards: Luhn-checked, never kept in full (masked form plus a keyed hash)."""

from __future__ import annotations

import hashlib
import hmac

from cyberpol.domain.errors import InvalidIndicator

_STRIP = str.maketrans("", "", " -\u00a0\t")


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every real card number passes."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def card_digits(raw: str) -> str:
    """The PAN's digits, or InvalidIndicator (the message never repeats the full number)."""
    digits = raw.translate(_STRIP)
    if not (13 <= len(digits) <= 19 and digits.isdigit() and digits.isascii()):
        raise InvalidIndicator(f"Not a card number: {mask_card(digits)!r}")
    if not luhn_valid(digits):
        raise InvalidIndicator(f"Card number fails the Luhn check: {mask_card(digits)!r}")
    return digits


def mask_card(digits: str) -> str:
    """First six and last four digits, the rest starred, as PCI DSS allows displaying."""
    if len(digits) < 12:
        return "*" * len(digits)
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def card_key(digits: str, secret: bytes) -> str:
    """A keyed hash so equal cards match without the registry holding a single PAN."""
    return hmac.new(secret, digits.encode(), hashlib.sha256).hexdigest()[:40]


def card_attributes(digits: str) -> dict[str, object]:
    return {"scheme": card_scheme(digits), "bin": digits[:6]}


def card_scheme(digits: str) -> str:
    prefix2, prefix4 = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return "visa"
    if 51 <= prefix2 <= 55 or 2221 <= prefix4 <= 2720:
        return "mastercard"
    if 2200 <= prefix4 <= 2204:
        return "mir"
    if prefix2 in (34, 37):
        return "amex"
    if prefix2 == 62:
        return "unionpay"
    return "other"
