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
from phonenumbers import PhoneMetadata, PhoneNumberDesc

from cyberpol.kernel.errors import InvalidIndicator

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
# phonenumbers' _number_type_helper tests types in this order, fixed line and mobile last.
_TYPE_ORDER = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)
_TYPE_WORDS = {
    "premium_rate": "premium_rate",
    "toll_free": "toll_free",
    "shared_cost": "shared_cost",
    "voip": "voip",
    "personal_number": "personal_number",
    "pager": "pager",
    "uan": "uan",
    "voicemail": "voicemail",
}


class _Region:
    """One region's validity rules, compiled from phonenumbers' own metadata."""

    def __init__(self, region: str) -> None:
        meta = PhoneMetadata.metadata_for_region(region)
        if meta is None:
            raise ValueError(f"phonenumbers has no metadata for region {region!r}")
        self.code = region
        self.same_mobile_and_fixed = bool(meta.same_mobile_and_fixed_line_pattern)
        self.typed = [
            (name, re.compile(self._pattern(desc) + "$"))
            for name in _TYPE_ORDER
            if (desc := getattr(meta, name)) is not None and desc.national_number_pattern
        ]
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
    def _pattern(desc: PhoneNumberDesc) -> str:
        lengths = "|".join(rf"\d{{{n}}}" for n in desc.possible_length or ())
        length_check = f"(?=(?:{lengths})$)" if lengths else ""
        return f"{length_check}(?:{desc.national_number_pattern})"

    def has_type(self, national: str) -> bool:
        return self.valid is not None and self.valid.match(national) is not None

    def type_of(self, national: str) -> str:
        """phonenumbers' number type of a valid national number, as our line-type word."""
        matched = {name for name, pattern in self.typed if pattern.match(national)}
        for name in _TYPE_ORDER[:8]:
            if name in matched:
                return _TYPE_WORDS[name]
        if "fixed_line" in matched:
            both = self.same_mobile_and_fixed or "mobile" in matched
            return "landline_or_mobile" if both else "landline"
        return "mobile" if "mobile" in matched and not self.same_mobile_and_fixed else "other"


@cache
def _regions(country_code: int) -> tuple[_Region, ...]:
    return tuple(_Region(r) for r in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[country_code])


def _region_for(country_code: int, national: str) -> _Region | None:
    """The region phonenumbers assigns: the first whose leading digits match, or, for regions
    without leading digits, the first whose number types accept the number."""
    for region in _regions(country_code):
        if region.leading is not None:
            if region.leading.match(national):
                return region
        elif region.has_type(national):
            return region
    return None


def _valid_national(country_code: int, national: str) -> bool:
    """phonenumbers' is_valid_number, for a national number already split off its country code."""
    region = _region_for(country_code, national)
    return region is not None and region.has_type(national)


def _fast(raw: str) -> str | None:
    """E.164 for a number in a common shape, or None to defer to phonenumbers."""
    s = raw.translate(_STRIP)
    if s.startswith("+"):
        digits = s[1:]
        if not (digits.isdigit() and digits.isascii()):
            return None
        split = _split_country_code(digits)
        return "+" + digits if split and _valid_national(*split) else None
    if not (s.isdigit() and s.isascii()):
        return None
    if len(s) == 11 and s[0] == "8":
        national = s[1:]  # 8 is the trunk prefix in Kazakhstan
    elif len(s) == 11 and s[0] == "7" and s[1] in "78":
        # phonenumbers reads a leading 7 as the country code only when what follows looks
        # Kazakh; "7 916 ..." without a plus is no valid number to it, so not to us either
        national = s[1:]
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


def _split_country_code(digits: str) -> tuple[int, str] | None:
    """(country code, national number) when the digits start with a fast-path code."""
    for prefix, country_code in _FAST_PREFIXES:
        if digits.startswith(prefix):
            return country_code, digits[len(prefix) :]
    return None


def _split_fast_e164(e164: str) -> tuple[int, str] | None:
    split = _split_country_code(e164[1:])
    # a leading zero would need phonenumbers' italian_leading_zero handling
    return split if split and split[1][:1] not in ("", "0") else None


@lru_cache(maxsize=65536)
def phone_attributes(e164: str) -> dict[str, object]:
    """Country, line type and, where the numbering plan tells, the original mobile operator."""
    # Imported here: the carrier and geocoder tables take ~0.4 s to load and checks never need them.
    from phonenumbers import carrier, geocoder

    split = _split_fast_e164(e164)
    region = _region_for(*split) if split else None
    country: str | None
    if split and region is not None:
        country_code, national = split
        number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
        country, line_type = region.code, region.type_of(national)
    else:  # the general (slower) path, for country codes outside the fast set
        number = phonenumbers.parse(e164)
        country = phonenumbers.region_code_for_number(number)
        line_type = _LINE_TYPES.get(phonenumbers.number_type(number), "other")
    attributes: dict[str, object] = {"country": country, "line_type": line_type}
    # Mobile number portability makes this the original operator, not necessarily today's.
    if line_type in ("mobile", "landline_or_mobile", "pager") and (
        operator := carrier.name_for_valid_number(number, "en")
    ):
        attributes["operator"] = operator
    # Only a landline's prefix says where it rings; for other lines it is just the country.
    if line_type in ("landline", "landline_or_mobile") and (
        place := geocoder.description_for_valid_number(number, "en")
    ):
        attributes["place"] = place
    return attributes


_LINE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "landline_or_mobile",
    phonenumbers.PhoneNumberType.VOIP: "voip",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll_free",
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium_rate",
    phonenumbers.PhoneNumberType.SHARED_COST: "shared_cost",
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    phonenumbers.PhoneNumberType.PAGER: "pager",
    phonenumbers.PhoneNumberType.UAN: "uan",
    phonenumbers.PhoneNumberType.VOICEMAIL: "voicemail",
}
