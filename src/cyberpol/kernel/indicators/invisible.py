"""Characters a person cannot see but a copied number carries: a phone app wraps a number in
direction marks, a chat inserts zero-width spaces, a keyboard types full-width digits. Left
in, they make a real number "not recognised" and cut a handle short (``@scam\u200dmer`` read
as ``@scam``), so they go before anything is looked for."""

from __future__ import annotations

import unicodedata

# Hyphens that look like "-" in a number: non-breaking hyphen, hyphen, minus sign. Dashes
# in prose are left alone.
_HYPHENS = {"\u2010": "-", "\u2011": "-", "\u2212": "-"}
_FULL_WIDTH = range(0xFF01, 0xFF5F)  # full-width "!" .. "~": same as ASCII 0x21 .. 0x7E


def _visible(char: str) -> str:
    if char.isascii():
        return char
    if unicodedata.category(char) == "Cf":  # zero-width, direction marks and isolates, BOM
        return ""
    if ord(char) in _FULL_WIDTH:
        return chr(ord(char) - 0xFEE0)
    return _HYPHENS.get(char, char)


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds anything ``visible`` would change."""
    return not text.isascii() and any(_visible(c) != c for c in text if not c.isascii())


def visible(text: str) -> str:
    """``text`` without format characters, with full-width ASCII and odd hyphens made plain."""
    return "".join(map(_visible, text)) if has_invisible(text) else text


def visible_with_offsets(text: str) -> tuple[str, list[int]]:
    """``visible(text)`` and, for each of its characters, where it stood in ``text``."""
    if not has_invisible(text):
        return text, list(range(len(text)))
    kept: list[str] = []
    where: list[int] = []
    for position, char in enumerate(text):
        plain = _visible(char)
        if plain:
            kept.append(plain)
            where.append(position)
    return "".join(kept), where
