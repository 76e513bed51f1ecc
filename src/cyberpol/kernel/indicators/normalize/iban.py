"""IBANs: ISO 13616 mod-97 checked, compact upper case, bank named from its code."""

from __future__ import annotations

import re
from functools import lru_cache

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from cyberpol.kernel.errors import InvalidIndicator

_STRIP = str.maketrans("", "", " -\u00a0\t")
_KZ = re.compile(r"KZ\d{5}[0-9A-Z]{13}")


_LETTERS_AS_NUMBERS = str.maketrans({chr(ord("A") + n): str(10 + n) for n in range(26)})


def _mod97_ok(iban: str) -> bool:
    """ISO 7064 mod 97-10 over the upper-case compact form."""
    return int((iban[4:] + iban[:4]).translate(_LETTERS_AS_NUMBERS)) % 97 == 1


def normalize_iban(raw: str) -> str:
    """Compact upper-case IBAN; Kazakh ones are checked here, the rest by schwifty."""
    compact = raw.translate(_STRIP).upper()
    if _KZ.fullmatch(compact):
        if _mod97_ok(compact):
            return compact
        raise InvalidIndicator(f"IBAN checksum is wrong: {raw!r}", value=raw)
    return _normalize_with_schwifty(compact)


@lru_cache(maxsize=16384)
def _normalize_with_schwifty(compact: str) -> str:
    try:
        return IBAN(compact).compact
    except (SchwiftyException, ValueError) as exc:
        raise InvalidIndicator(f"Not a valid IBAN: {compact!r} ({exc})", value=compact) from exc


def iban_attributes(iban: str) -> dict[str, object]:
    """Country, bank code and, where schwifty's registry knows it, the bank and its BIC."""
    if _KZ.fullmatch(iban):
        return _bank_attributes("KZ00" + iban[4:7] + "0" * 13, iban[4:7])  # bank code only
    return _bank_attributes(iban, None)


@lru_cache(maxsize=16384)
def _bank_attributes(iban: str, kz_bank_code: str | None) -> dict[str, object]:
    # For Kazakh IBANs the cache key is the bank code, so schwifty runs once per bank; the
    # stand-in account number may fail the checksum, which schwifty need not check here.
    parsed = IBAN(iban, validate_bban=False, allow_invalid=kz_bank_code is not None)
    attributes: dict[str, object] = {"country": parsed.country_code, "bank_code": parsed.bank_code}
    try:
        bank = parsed.bank
    except SchwiftyException:
        bank = None
    if bank:
        attributes["bank"] = bank.short_name or bank.name
        if bank.bic:
            attributes["bic"] = bank.bic
    return attributes
