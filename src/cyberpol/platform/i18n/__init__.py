"""Translations (Russian, Kazakh, English) from the gettext catalogs in ``locales`` beside this.

Catalogs are read with Babel straight from the .po files, so a translator edits one file
and nothing needs compiling. English is the source language and the fallback.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from cyberpol.kernel.labels import N_

__all__ = ["LANGUAGES", "N_", "amount", "gettext", "negotiate"]

LANGUAGES = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"
_LOCALES = Path(__file__).parent / "locales"


@cache
def catalog(language: str) -> dict[str, str]:
    path = _LOCALES / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        po = read_po(handle, locale=language)
    return {
        m.id: m.string
        for m in po
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    }


def gettext(message: str, language: str) -> str:
    """``message`` in ``language``, or the English source when there is no translation."""
    return catalog(language).get(message, message) if language in LANGUAGES else message


def amount(value: Decimal, language: str) -> str:
    """A sum of money as people in ``language`` write it: ``300 000`` or ``1 500,5``."""
    return str(format_decimal(value, format="#,##0.##", locale=language))


def negotiate(accept_language: str | None, explicit: str | None = None) -> str:
    """The best of ru/kk/en for an Accept-Language header; Russian when nothing matches."""
    if explicit is not None and explicit in LANGUAGES:
        return explicit
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked = []
    for part in accept_language.split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((weight, tag.split("-")[0].lower()))
    for _weight, tag in sorted(ranked, reverse=True):
        if tag in LANGUAGES:
            return tag
    return DEFAULT_LANGUAGE
