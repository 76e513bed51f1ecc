"""Turn a value as a person typed it into a normalised indicator, guessing its kind if needed."""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.invisible import visible
from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize.card import (
    card_attributes,
    card_digits,
    card_key,
    mask_card,
    redact_cards,
)
from cyberpol.kernel.indicators.normalize.crypto import looks_like_wallet, normalize_wallet
from cyberpol.kernel.indicators.normalize.iban import iban_attributes, normalize_iban
from cyberpol.kernel.indicators.normalize.phone import normalize_phone, phone_attributes
from cyberpol.kernel.indicators.normalize.social import normalize_handle, parse_social_link
from cyberpol.kernel.indicators.normalize.web import (
    domain_attributes,
    ip_attributes,
    is_ip,
    normalize_domain,
    normalize_email,
    normalize_ip,
    normalize_url,
    refang,
    registrable_domain,
    url_attributes,
    url_host,
)

MAX_VALUE_LENGTH = 2048
_IBAN_START = re.compile(r"[A-Za-z]{2}\d{2}")
_DIGIT_STRIP = str.maketrans("", "", " -\u00a0\t().")
_NUMERIC_START = frozenset("+0123456789(")
_MESSENGER_HOSTS = re.compile(r"t\.me/|telegram\.|instagram\.com/|wa\.me/")
_K = IndicatorKind
_KEY_PREFIX = {kind: f"{kind.value}:" for kind in IndicatorKind}


def parse_indicator(
    raw: str,
    kind: IndicatorKind | None = None,
    *,
    card_secret: bytes,
    with_attributes: bool = False,
) -> Indicator:
    """Normalise ``raw`` as ``kind`` (or the kind it looks like); InvalidIndicator if it is none."""
    text = visible(raw).strip() if isinstance(raw, str) else ""
    if not text:
        raise InvalidIndicator("Empty value")
    if len(text) > MAX_VALUE_LENGTH:
        raise InvalidIndicator(f"Value longer than {MAX_VALUE_LENGTH} characters")
    if kind is None:
        kind, text = _guess_kind(text)
    if kind is _K.CARD:
        digits = card_digits(text)
        return Indicator(
            _K.CARD,
            mask_card(digits),
            "card:" + card_key(digits, card_secret),
            card_attributes(digits) if with_attributes else {},
        )
    value, attributes = _NORMALIZERS[kind](text)
    if kind is _K.URL and len(value) > 20:
        value = redact_cards(value)  # a payment page's link can carry the victim's card
    if with_attributes:
        attributes = {**attributes, **_ATTRIBUTES[kind](value)}
    return Indicator(kind, value, _KEY_PREFIX[kind] + value, attributes)


def derived_indicators(indicator: Indicator) -> list[Indicator]:
    """What a URL implies on its own: its registrable domain, or its IP address."""
    if indicator.kind is not _K.URL:
        return []
    host = url_host(indicator.value)
    if is_ip(host):
        return [
            Indicator(
                _K.IP, host, f"ip:{host}", ip_attributes(host) if indicator.attributes else {}
            )
        ]
    domain = registrable_domain(host)
    attributes = domain_attributes(domain) if indicator.attributes else {}
    return [Indicator(_K.DOMAIN, domain, f"domain:{domain}", attributes)]


def _guess_kind(text: str) -> tuple[IndicatorKind, str]:
    """The kind a bare value most plausibly is, and the text to normalise as that kind."""
    # Ordered by how often each kind is checked, cheapest tests first: this runs per value
    # in bank-scale batch checks.
    first = text[0]
    if first in _NUMERIC_START:
        digits = text.translate(_DIGIT_STRIP)
        body = digits[1:] if first == "+" else digits
        if 5 <= len(body) <= 20 and body.isdigit() and body.isascii():
            if _looks_like_ipv4(text):
                return _K.IP, text
            if first != "+" and 13 <= len(body) <= 19:
                return _K.CARD, text
            return _K.PHONE, text
    lowered = text[:40].lower()
    if _MESSENGER_HOSTS.search(lowered) and (link := parse_social_link(text)) is not None:
        platform, handle = link
        return (_K.PHONE, "+" + handle) if platform == "whatsapp" else (_K.SOCIAL_HANDLE, text)
    if "://" in lowered[:12] or lowered.startswith(("hxxp", "www.", "www[.]")):
        return _K.URL, text
    if "@" in text:
        return (_K.SOCIAL_HANDLE, text) if text[0] == "@" else (_K.EMAIL, text)
    if looks_like_wallet(text):
        return _K.CRYPTO_WALLET, text
    if _IBAN_START.match(text):
        return _K.IBAN, text
    refanged = refang(text)
    if refanged[0].isdigit() and is_ip(refanged):
        return _K.IP, refanged
    if "/" in refanged:
        return _K.URL, text
    if "." in refanged:
        return _K.DOMAIN, text
    raise InvalidIndicator(
        f"Cannot tell what {text[:80]!r} is: expected a phone, card, IBAN, URL, domain, IP, "
        "e-mail, crypto wallet or social handle",
        value=text[:80],
    )


def _looks_like_ipv4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and len(p) <= 3 for p in parts)


def _wallet(raw: str) -> tuple[str, dict[str, object]]:
    value, chain = normalize_wallet(raw)
    return value, {"chain": chain}


def _handle(raw: str) -> tuple[str, dict[str, object]]:
    value, platform = normalize_handle(raw)
    return value, {"platform": platform}


Normalizer = Callable[[str], tuple[str, dict[str, object]]]


def _plain(normalize: Callable[[str], str]) -> Normalizer:
    return lambda raw: (normalize(raw), {})


def _none(_value: str) -> dict[str, object]:
    return {}


_NORMALIZERS: dict[IndicatorKind, Normalizer] = {
    _K.PHONE: _plain(normalize_phone),
    _K.IBAN: _plain(normalize_iban),
    _K.URL: _plain(normalize_url),
    _K.DOMAIN: _plain(normalize_domain),
    _K.IP: _plain(normalize_ip),
    _K.EMAIL: _plain(normalize_email),
    _K.CRYPTO_WALLET: _wallet,
    _K.SOCIAL_HANDLE: _handle,
}
_ATTRIBUTES: dict[IndicatorKind, Callable[[str], dict[str, object]]] = {
    _K.PHONE: phone_attributes,
    _K.IBAN: iban_attributes,
    _K.URL: url_attributes,
    _K.DOMAIN: domain_attributes,
    _K.IP: ip_attributes,
    _K.EMAIL: _none,
    _K.CRYPTO_WALLET: _none,
    _K.SOCIAL_HANDLE: _none,
}

__all__ = ["MAX_VALUE_LENGTH", "derived_indicators", "mask_card", "parse_indicator"]
