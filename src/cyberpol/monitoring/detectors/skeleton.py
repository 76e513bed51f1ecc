"""What a name looks like: look-alike characters folded to the Latin letter or digit they
pass for, so that ``kаspi`` with a Cyrillic а, ``xn--kspi-53d`` and ``ka5pl`` compare equal
to ``kaspi``. Unicode's confusables and dnstwist's glyph lists, accents dropped, then the
ASCII look-alikes ``0 1 5 rn nn vv cl i``."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import dnstwist
from confusable_homoglyphs import confusables

ASCII_LOOKALIKES = (
    ("rn", "m"), ("nn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"),
    ("5", "s"),
)  # fmt: skip


ANY_ASCII_LOOKALIKE = re.compile("|".join(pair for pair, _ in ASCII_LOOKALIKES))


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Characters that pass for a Latin letter or digit, mapped to it (Unicode confusables
    plus dnstwist's glyph lists)."""
    table: dict[int, str] = {}

    def keep(glyph: str, letter: str) -> None:
        if len(glyph) == 1 and not glyph.isascii() and ord(glyph) not in table:
            table[ord(glyph)] = letter

    data = confusables.confusables_data
    direct: list[tuple[str, str]] = []
    for char, entries in data.items():
        targets = [e["c"].lower() for e in entries if len(e["c"]) == 1 and e["c"].isascii()]
        targets = [t for t in targets if t.isalnum()]
        if targets and len(char) == 1:
            direct.append((char, targets[0]))
    # A character's own entry first ("ν" passes for "v"); then the lower-case forms of
    # capitals (host names reach here lower-cased: IDNA maps "Ϲ" to "ϲ"), but never over
    # an entry of their own ("Ν" is "N", its "ν" is still "v"); then each letter's list.
    for char, letter in direct:
        keep(char, letter)
    for char, letter in direct:
        keep(char.lower(), letter)
    for char, entries in data.items():
        if char.isascii() and char.isalnum() and len(char) == 1:
            for entry in entries:
                keep(entry["c"], char.lower())
                keep(entry["c"].lower(), char.lower())
    for letter, glyphs in dnstwist.Fuzzer.glyphs_unicode.items():
        for glyph in glyphs:
            keep(glyph, letter)
    for letter, cyrillic in dnstwist.Fuzzer.latin_to_cyrillic.items():
        keep(cyrillic, letter)
    return table


def skeleton(text: str) -> str:
    """What ``text`` looks like: look-alike characters folded to the Latin letter they pass
    for, accents dropped, then ``rn nn vv cl 0 1 i 5`` read as ``m m w d o l l s``."""
    if not text.isascii():
        text = text.translate(_fold_table())
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    if ANY_ASCII_LOOKALIKE.search(text) is None:
        return text
    for pair, letter in ASCII_LOOKALIKES:
        if pair in text:
            text = text.replace(pair, letter)
    return text


def scripts(text: str) -> set[str]:
    return {unicodedata.name(c, "?").split(" ")[0] for c in text if c.isalpha()}
