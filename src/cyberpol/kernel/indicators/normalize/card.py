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
from cyberpol.kernel.indicators.invisible import visible

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


SEPARATORS = str.maketrans("", "", " .\u00a0-")
# No card number starts 19xx/20xx; a compact timestamp does, and may pass the Luhn check.
TIMESTAMP = re.compile(
    r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"
)

# Digit groups written the ways people write a card: "4400 4301…", "4400-4301…", dots,
# double spaces. A group longer than 19 digits is one long number and never holds a card.
_SEPARATOR = "[ .\u00a0\t-]{1,2}"
_SPAN = re.compile(rf"\d+(?:{_SEPARATOR}\d+)*")
_GROUP = re.compile(r"\d+")
# 13 digits with at most two separators between each: the least that may hold a card.
CARD_CANDIDATE = rf"\d(?:(?:{_SEPARATOR})?\d){{12}}"
_CANDIDATE = re.compile(CARD_CANDIDATE)
_HEX_WORD = re.compile(r"[0-9A-Fa-f]+")
_UUID_WORD = re.compile(r"[0-9A-Fa-f-]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_IBAN_AT = re.compile(r"[A-Z]{2}\d\d(?:[ \u00a0]?[A-Z0-9]{1,4}){2,8}")
_LETTERS_AS_NUMBERS = str.maketrans({chr(ord("A") + n): str(10 + n) for n in range(26)})


def plausible_card(digits: str) -> bool:
    """13-19 digits a payment network issues: Luhn-valid, a real issuer prefix, not a timestamp.

    Issuer prefixes (ISO/IEC 7812 major industry 2-6: Mir 2200-2204, Mastercard 2221-2720,
    Amex/JCB/Diners 3, Visa 4, Mastercard/Maestro 5-6; Uzbek UzCard 8600 and Humo 9860)
    keep amounts, phone numbers, ids and dates (19xx, 20xx) out, which Luhn alone lets
    through one time in ten; all zeros passes Luhn and is no card.
    """
    if not (13 <= len(digits) <= 19 and digits.isascii() and digits.isdigit()):
        return False
    first, prefix4 = digits[0], int(digits[:4])
    issuer = (
        first in "3456"
        or 2200 <= prefix4 <= 2204
        or 2221 <= prefix4 <= 2720
        or digits.startswith(("8600", "9860"))
    )
    if not issuer or not digits[6:].strip("0") or TIMESTAMP.fullmatch(digits):
        return False
    return luhn_valid(digits)


def redact_cards(text: str) -> str:
    """``text`` with every real card number (``plausible_card``) replaced by its masked form.

    Redaction is stricter than extraction: the context words that keep an order number out
    of the registry do not save a card here ("№ 4400 4301 2345 6789" is masked). A card is
    found inside a run of digit groups ("8 701 555 12 34 4400 4301 2345 6789"); a hash, a
    UUID or a valid IBAN is not mistaken for one.
    """
    text = visible(text)  # a card split by zero-width spaces is still a card
    if not text or len(text) < 13 or not _CANDIDATE.search(text):
        return text
    parts: list[str] = []
    done = 0
    for span in _SPAN.finditer(text):
        for start, end, digits in _cards_in(text, span):
            parts += [text[done:start], mask_card(digits)]
            done = end
    return "".join(parts) + text[done:] if parts else text


def _cards_in(text: str, span: re.Match[str]) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each card among a span's digit groups.

    Every window of consecutive groups with 13-19 digits is a candidate (so a window never
    grows past 19 digits and a long run costs linear time). Windows grouped as cards are
    printed (4-4-4-4, 4-6-5, one compact run) win over others, so in "… 12 34 4400 4301
    2345 6789" the card is the last four groups, not a Luhn-valid accident starting at 34.
    """
    if span.end() - span.start() < 13 or _inside_identifier(text, span):
        return []
    iban_end = _iban_end(text, span.start())
    groups = [g for g in _GROUP.finditer(text, span.start(), span.end()) if g.start() >= iban_end]
    candidates: list[tuple[bool, int, int, str]] = []
    for first in range(len(groups)):
        digits = ""
        for last in range(first, len(groups)):
            digits += groups[last].group(0)
            if len(digits) > 19:
                break
            if plausible_card(digits):
                sizes = [len(g.group(0)) for g in groups[first : last + 1]]
                candidates.append((not _card_shaped(sizes), first, -last, digits))
    taken: list[tuple[int, int, str]] = []
    used: set[int] = set()
    for _shape, first, minus_last, digits in sorted(candidates):
        window = set(range(first, -minus_last + 1))
        if not window & used:
            used |= window
            taken.append((groups[first].start(), groups[-minus_last].end(), digits))
    return sorted(taken)


def _card_shaped(sizes: list[int]) -> bool:
    return len(sizes) == 1 or sizes in ([4, 6, 5], [4, 6, 4]) or set(sizes[:-1]) == {4}


def _inside_identifier(text: str, span: re.Match[str]) -> bool:
    # A hex digest ("ibm-9f3c…") or a UUID may hold 13+ digits in a row; they are no card.
    word = _word_around(text, span, _HEX_WORD)
    if len(word) >= 32 and not word.isdigit():
        return True
    return bool(_UUID.fullmatch(_word_around(text, span, _UUID_WORD)))


def _word_around(text: str, span: re.Match[str], pattern: re.Pattern[str]) -> str:
    start = span.start()
    while start > 0 and pattern.fullmatch(text[start - 1]):
        start -= 1
    found = pattern.match(text, start)
    return found.group(0) if found else ""


def _iban_end(text: str, start: int) -> int:
    """Where an IBAN whose check digits open this span ends (``start`` if none does)."""
    found = _IBAN_AT.match(text, max(0, start - 2)) if start >= 2 else None
    if found is None or found.start() != start - 2:
        return start
    raw = found.group(0)
    while len(raw) > 15:
        compact = raw.replace(" ", "").replace("\u00a0", "")
        if int((compact[4:] + compact[:4]).translate(_LETTERS_AS_NUMBERS)) % 97 == 1:
            return found.start() + len(raw)
        raw = raw[:-1].rstrip(" \u00a0")
    return start
