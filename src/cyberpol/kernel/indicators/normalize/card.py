"""Payment cards: Luhn-checked, never kept in full (masked form plus a keyed hash).

Redaction is stricter than extraction. Extraction must not mistake an order number for a
card; redaction masks every Luhn-valid run of 13-19 digits whatever stands around it
(after "№", inside a link, with dots or double spaces), because a stored PAN cannot be
taken back out of an append-only audit log.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from cyberpol.kernel.errors import InvalidIndicator

_STRIP = str.maketrans("", "", " -\u00a0\t")


_DOUBLED = str.maketrans("0123456789", "0246813579")  # each digit doubled, digits summed


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every real card number passes."""
    kept = sum(map(int, digits[-1::-2]))
    doubled = sum(map(int, digits[-2::-2].translate(_DOUBLED)))
    return (kept + doubled) % 10 == 0


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
    """A keyed hash so equal cards match without the registry holding a single PAN.

    BLAKE2b in keyed mode is a MAC (RFC 7693) and costs a third of HMAC-SHA256, which
    matters when banks check a card per transfer.
    """
    return hashlib.blake2b(digits.encode(), digest_size=20, key=_mac_key(secret)).hexdigest()


@lru_cache(maxsize=8)
def _mac_key(secret: bytes) -> bytes:
    # BLAKE2b keys are at most 64 bytes; configured secrets may be any length.
    return hashlib.sha256(b"cyberpol-card-key:" + secret).digest()


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


_DIGIT_RUN = re.compile(r"(?<!\d)\d(?:[ .\u00a0-]{0,2}\d){12,18}(?!\d)")
SEPARATORS = str.maketrans("", "", " .\u00a0-")
# No card number starts 19xx/20xx; a compact timestamp does, and may pass the Luhn check.
TIMESTAMP = re.compile(
    r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"
)


def redact_cards(text: str) -> str:
    """``text`` with every Luhn-valid 13-19 digit number replaced by its masked form."""
    if text is None or sum(c.isdigit() for c in text[:100_000]) < 13:
        return text
    return _DIGIT_RUN.sub(_mask_match, text)


def _mask_match(match: re.Match[str]) -> str:
    digits = match.group(0).translate(SEPARATORS)
    if not digits.isascii() or not luhn_valid(digits) or TIMESTAMP.fullmatch(digits):
        return match.group(0)
    return mask_card(digits)
