"""Phone numbers to E.164, with a fast path for the ways Kazakhstan types its numbers.

phonenumbers is the authority; it parses ~30,000 numbers a second, too slow for bank-scale
batch checks, so the common Kazakh shapes (``8 701 ...``, ``+7 (727) ...``, ``7 702 ...``)
are answered from phonenumbers' own KZ metadata patterns. A property test proves the
fast path agrees with the full parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata

from cyberpol.domain.errors import InvalidIndicator

DEFAULT_REGION = "KZ"
_STRIP = str.maketrans("", "", " -().\u00a0\t/")
_KZ_TYPES = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
)


def _kz_valid_pattern() -> re.Pattern[str]:
    meta = PhoneMetadata.metadata_for_region(DEFAULT_REGION)
    types = [
        desc.national_number_pattern
        for name in _KZ_TYPES
        if (desc := getattr(meta, name)) is not None and desc.national_number_pattern
    ]
    general = meta.general_desc.national_number_pattern
    # phonenumbers: valid = matches the general pattern and the pattern of some number type
    return re.compile(f"(?=(?:{general})$)(?:{'|'.join(types)})$")


_KZ_VALID = _kz_valid_pattern()


def _fast_kz(raw: str) -> str | None:
    """E.164 for a Kazakh number in a common shape, or None to defer to phonenumbers."""
    s = raw.translate(_STRIP)
    if s.startswith("+"):
        if len(s) != 12 or s[1] != "7":
            return None
        national = s[2:]
    elif len(s) == 11 and s[0] in "78":
        national = s[1:]
    elif len(s) == 10:
        national = s
    else:
        return None
    # National numbers of +7 that start with 7 belong to Kazakhstan; 3/4/8/9 to Russia.
    if national[0] != "7" or not national.isdigit() or not national.isascii():
        return None
    return "+7" + national if _KZ_VALID.match(national) else None


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
    return _fast_kz(raw) or _parse_full(raw.strip())


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
