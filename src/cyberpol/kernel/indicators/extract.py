"""Find fraud indicators in free text written in Russian, Kazakh or English.

Finders run from the most specific shape to the least (links, e-mails and wallets before
IBANs, cards and phones) and every character belongs to at most one match, so the digits
of a URL or an IBAN never turn up again as a phone. Numbers that only look like phones or
cards are refused by context: an order, parcel, contract or ID number is preceded by a
word saying so, and dates, times and amounts never have the digit shape of a phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.invisible import visible_with_offsets
from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize import derived_indicators, parse_indicator
from cyberpol.kernel.indicators.normalize.card import SEPARATORS, TIMESTAMP
from cyberpol.kernel.indicators.normalize.social import parse_social_link
from cyberpol.kernel.indicators.safe_domains import SHARED_DOMAINS

_K = IndicatorKind
_URL_END = ".,;:!?)]}»\"'…"
_DOT = r"(?:\.|\[\.\]|\(\.\)|\[dot\])"
_LABEL = r"[a-z0-9а-яёәғқңөұүһі](?:[a-z0-9а-яёәғқңөұүһі-]{0,61}[a-z0-9а-яёәғқңөұүһі])?"
_TLD = r"(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59}|рф|қаз|бел|укр|рус|онлайн|сайт)"

_SCHEME_URL = re.compile(r"(?:https?|hxxps?|ftp)(?:://|\[://\]|\[:\]//)[^\s<>\"'«»]+", re.I)
_SOCIAL_LINK = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|instagram\.com|wa\.me)/[\w.+@/-]+",
    re.I,
)
_HOST_URL = re.compile(
    rf"(?<![\w@.\-/])(?:{_LABEL}{_DOT})+{_TLD}(?::\d{{2,5}})?(?:/[^\s<>\"'«»]*)?(?![\w-])",
    re.I,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+", re.I)
# Instagram handles may hold dots ("@daniyar.bonus"); a sentence's full stop is not part of one.
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z][A-Za-z0-9_.]{2,30}[A-Za-z0-9_])(?![\w@])")
_WALLET = re.compile(
    r"(?<![\w])(?:0x[0-9a-fA-F]{40}|bc1[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}|[13T][1-9A-HJ-NP-Za-km-z]{25,34})(?![\w])"
)
_IBAN = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?(?![\w])",
    re.I,
)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}(?:\.|\[\.\])){3}\d{1,3}(?!\w|\.\d)")
_CARD = re.compile(r"(?<![\d\-])\d(?:[ \u00a0-]?\d){12,18}(?![\d])")
# +7/8/7 then ten digits, separators anywhere: "8 701 555 12 34", "8 (7172) 55-43-10".
_KZ_PHONE = re.compile(r"(?<![\w+])(?:\+\s?7|8|7)(?:[\s\-\u00a0()]{0,2}\d){10}(?![\d])")
_INTL_PHONE = re.compile(
    r"(?<![\w+])\+\s?[1-9]\d{0,2}[\s\-\u00a0]?\(?\d{1,4}\)?(?:[\s\-\u00a0]?\d{2,4}){1,4}(?![\d])"
)
# A number right after one of these words is an order, parcel, contract or ID number.
_NOT_AN_INDICATOR_BEFORE = re.compile(
    r"(?:№|#|n°|\b(?:заказ\w*|order|трек\w*|track\w*|договор\w*|contract|инн|иин|бин|iin|bin|"
    r"тапсырыс\w*|шарт\w*|invoice|накладн\w*|счет[-\s]фактур\w*|квитанц\w*|ref|"
    r"кредит\w*\s+№?)(?:[\s\-]+(?:no\.?|номер|нөмірі|number|num\.?))?)\W{0,4}$",
    re.I,
)
# An amount is followed by its currency: "77 012 345 678 тг" is money, not a phone.
_CURRENCY_AFTER = re.compile(r"\s?(?:тг|тенге|теңге|₸|kzt|tg|руб|rub|₽|\$|usd|usdt|€|eur)\b", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """An indicator and where its text stood (start, end) in the message."""

    indicator: Indicator
    start: int
    end: int


def extract_indicators(
    text: str, *, card_secret: bytes, with_attributes: bool = False
) -> list[Indicator]:
    """Distinct indicators in ``text`` in order of appearance, derived domains included."""
    seen: dict[str, Indicator] = {}
    for found in find_indicators(text, card_secret=card_secret):
        indicator = found.indicator
        if with_attributes and indicator.key not in seen:
            # Only the text still holds a card's full number; other kinds re-parse their value.
            raw = text[found.start : found.end] if indicator.kind is _K.CARD else indicator.value
            try:
                indicator = parse_indicator(
                    raw, indicator.kind, card_secret=card_secret, with_attributes=True
                )
            except InvalidIndicator:
                continue  # e.g. a link that grew past the length limit once made canonical
        for item in (indicator, *_derived(indicator)):
            seen.setdefault(item.key, item)
    return list(seen.values())


def find_indicators(text: str, *, card_secret: bytes) -> Iterator[Found]:
    """Every indicator match in ``text``, no two overlapping, in order of position; positions
    are in ``text`` as given, invisible characters inside a match included."""
    plain, where = visible_with_offsets(text)
    if plain == text:
        return _find(text, card_secret)
    return iter(
        [
            Found(f.indicator, where[f.start], where[f.end - 1] + 1)
            for f in _find(plain, card_secret)
        ]
    )


def _find(text: str, card_secret: bytes) -> Iterator[Found]:
    taken: list[tuple[int, int]] = []
    found: list[Found] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern, interpret in _FINDERS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not free(start, end):
                continue
            result = interpret(match, text, card_secret)
            if result is None:
                continue
            indicator, end = result
            taken.append((start, end))
            found.append(Found(indicator, start, end))
    return iter(sorted(found, key=lambda f: f.start))


_Interpret = Callable[[re.Match[str], str, bytes], tuple[Indicator, int] | None]


def _parse(raw: str, kind: IndicatorKind | None, secret: bytes) -> Indicator | None:
    try:
        return parse_indicator(raw, kind, card_secret=secret)
    except InvalidIndicator:
        return None


def _trimmed(match: re.Match[str]) -> tuple[str, int]:
    raw = match.group(0).rstrip(_URL_END)
    # A closing bracket that belongs to the link, as in wiki-style paths, is kept.
    if raw.count("(") > raw.count(")") and match.group(0)[len(raw) : len(raw) + 1] == ")":
        raw += ")"
    return raw, match.start() + len(raw)


def _link(match: re.Match[str], _text: str, secret: bytes) -> tuple[Indicator, int] | None:
    raw, end = _trimmed(match)
    social = parse_social_link(raw)
    if social is not None:
        platform, handle = social
        if platform == "whatsapp":
            indicator = _parse("+" + handle.lstrip("+"), _K.PHONE, secret)
        else:
            indicator = _parse(raw, _K.SOCIAL_HANDLE, secret)
        return (indicator, end) if indicator else None
    indicator = _parse(raw, _K.URL, secret)
    return (indicator, end) if indicator else None


def _host(match: re.Match[str], text: str, secret: bytes) -> tuple[Indicator, int] | None:
    raw, end = _trimmed(match)
    bare = "/" not in raw and not raw.lower().startswith("www")
    if bare and match.start() > 0 and text[match.start() - 1] == "@":
        return None
    indicator = _parse(raw, _K.DOMAIN if bare else _K.URL, secret)
    if indicator is None or (bare and indicator.value in SHARED_DOMAINS):
        return None
    if bare and raw.count(".") == 1 and raw.split(".")[0].isdigit():
        return None
    return indicator, end


def _simple(kind: IndicatorKind | None) -> _Interpret:
    def interpret(match: re.Match[str], _text: str, secret: bytes) -> tuple[Indicator, int] | None:
        indicator = _parse(match.group(0), kind, secret)
        return (indicator, match.end()) if indicator else None

    return interpret


def _handle(match: re.Match[str], _text: str, secret: bytes) -> tuple[Indicator, int] | None:
    indicator = _parse(match.group(1), _K.SOCIAL_HANDLE, secret)
    return (indicator, match.end()) if indicator else None


def _iban(match: re.Match[str], _text: str, secret: bytes) -> tuple[Indicator, int] | None:
    raw = match.group(0)
    # The greedy pattern may swallow a following word; drop trailing groups until it checks.
    while len(raw.replace(" ", "")) >= 15:
        if indicator := _parse(raw, _K.IBAN, secret):
            return indicator, match.start() + len(raw)
        raw = raw[: raw.rfind(" ")] if " " in raw else raw[:-1]
    return None


def _in_context(kind: IndicatorKind) -> _Interpret:
    def interpret(match: re.Match[str], text: str, secret: bytes) -> tuple[Indicator, int] | None:
        before = text[max(0, match.start() - 32) : match.start()]
        if _NOT_AN_INDICATOR_BEFORE.search(before) or _CURRENCY_AFTER.match(text, match.end()):
            return None
        if TIMESTAMP.fullmatch(match.group(0).translate(SEPARATORS)):
            return None
        indicator = _parse(match.group(0), kind, secret)
        return (indicator, match.end()) if indicator else None

    return interpret


def _ip(match: re.Match[str], _text: str, secret: bytes) -> tuple[Indicator, int] | None:
    indicator = _parse(match.group(0), _K.IP, secret)
    if indicator is None or indicator.value.startswith(("0.", "127.", "10.", "192.168.")):
        return None
    return indicator, match.end()


def _derived(indicator: Indicator) -> list[Indicator]:
    return [d for d in derived_indicators(indicator) if d.value not in SHARED_DOMAINS]


_FINDERS: list[tuple[re.Pattern[str], _Interpret]] = [
    (_SCHEME_URL, _link),
    (_SOCIAL_LINK, _link),
    (_EMAIL, _simple(_K.EMAIL)),
    (_HOST_URL, _host),
    (_HANDLE, _handle),
    (_WALLET, _simple(_K.CRYPTO_WALLET)),
    (_IBAN, _iban),
    (_IPV4, _ip),
    (_CARD, _in_context(_K.CARD)),
    (_KZ_PHONE, _in_context(_K.PHONE)),
    (_INTL_PHONE, _in_context(_K.PHONE)),
]
