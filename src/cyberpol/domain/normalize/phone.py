"""Phone numbers to E.164, with a fast path for the ways Kazakhstan types its numbers.

phonenumbers is the authority; it parses ~30,000 numbers a second, too slow for bank-scale
batch checks, so the common Kazakh shapes (``8 701 ...``, ``+7 (727) ...``, ``7 702 ...``)
are answered from phonenumbers' own KZ metadata patterns. A property test proves the
fast path agrees with the full parser.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata

from cyberpol.domain.errors import InvalidIndicator

DEFAULT_REGION = "KZ"
_STRIP = str.maketrans("", "", " -().\u00a0\t/")
_TYPES = (
    "mobile",
    "fixed_line",
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
# Country codes callers in Kazakhstan meet most (KZ/RU, Central Asia, Caucasus, Turkey, China),
# whose numbers are valid as written after the country code. Others go to phonenumbers.
FAST_COUNTRY_CODES = (7, 996, 998, 992, 993, 994, 995, 90, 86, 380, 375)
_FAST_PREFIXES = tuple((str(code), code) for code in FAST_COUNTRY_CODES)


class _Region:
    """One region's validity rules, compiled from phonenumbers' own metadata."""

    def __init__(self, region: str) -> None:
        meta = PhoneMetadata.metadata_for_region(region)
        self.leading = re.compile(meta.leading_digits) if meta.leading_digits else None
        descs = [getattr(meta, name) for name in _TYPES]
        alternatives = [
            self._pattern(d) for d in descs if d is not None and d.national_number_pattern
        ]
        general = meta.general_desc
        # One regex per region: the general pattern, then any number type, each with its
        # possible lengths, as phonenumbers' _number_type_helper checks them one by one.
        self.valid = (
            re.compile(f"(?={self._pattern(general)}$)(?:{'|'.join(alternatives)})$")
            if general is not None and general.national_number_pattern and alternatives
            else None
        )

    @staticmethod
    def _pattern(desc) -> str:  # type: ignore[no-untyped-def]
        lengths = "|".join(rf"\d{{{n}}}" for n in desc.possible_length or ())
        length_check = f"(?=(?:{lengths})$)" if lengths else ""
        return f"{length_check}(?:{desc.national_number_pattern})"

    def has_type(self, national: str) -> bool:
        return self.valid is not None and self.valid.match(national) is not None


@cache
def _regions(country_code: int) -> tuple[_Region, ...]:
    return tuple(_Region(r) for r in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[country_code])


def _valid_national(country_code: int, national: str) -> bool:
    """phonenumbers' is_valid_number, for a national number already split off its country code."""
    # The same region choice as phonenumbers: the first region whose leading digits match,
    # or, for regions without leading digits, whose number types accept the number.
    for region in _regions(country_code):
        if region.leading is not None:
            if region.leading.match(national):
                return region.has_type(national)
        elif region.has_type(national):
            return True
    return False


def _fast(raw: str) -> str | None:
    """E.164 for a number in a common shape, or None to defer to phonenumbers."""
    s = raw.translate(_STRIP)
    if s.startswith("+"):
        digits = s[1:]
        if not (digits.isdigit() and digits.isascii()):
            return None
        for prefix, country_code in _FAST_PREFIXES:
            if digits.startswith(prefix):
                national = digits[len(prefix) :]
                return "+" + digits if _valid_national(country_code, national) else None
        return None
    if not (s.isdigit() and s.isascii()):
        return None
    if len(s) == 11 and s[0] in "78":
        national = s[1:]  # 8 is the trunk prefix in Kazakhstan; a leading 7 is the country code
    elif len(s) == 10 and s[0] == "7":
        national = s
    else:
        return None
    return "+7" + national if _valid_national(7, national) else None


@lru_cache(maxsize=65536)
def _parse_full(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise InvalidIndicator(f"Not a phone number: {raw!r}", value=raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidIndicator(f"Not a valid phone number: {raw!r}", value=raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_phone(raw: str) -> str:
    """The E.164 form of a phone number typed any common way; Kazakhstan is the default."""
    return _fast(raw) or _parse_full(raw.strip())


@lru_cache(maxsize=65536)
def phone_attributes(e164: str) -> dict[str, object]:
    """Country, line type and, where the numbering plan tells, the mobile operator."""
    # Imported here: the carrier and geocoder tables take ~0.4 s to load and checks never need them.
    from phonenumbers import carrier, geocoder

    number = phonenumbers.parse(e164)
    attributes: dict[str, object] = {
        "country": phonenumbers.region_code_for_number(number),
        "line_type": _LINE_TYPES.get(phonenumbers.number_type(number), "other"),
    }
    if operator := carrier.name_for_number(number, "en"):
        # Mobile number portability makes this the original operator, not necessarily today's.
        attributes["operator"] = operator
    if place := geocoder.description_for_number(number, "en"):
        attributes["place"] = place
    return attributes


_LINE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "landline_or_mobile",
    phonenumbers.PhoneNumberType.VOIP: "voip",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll_free",
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium_rate",
}
