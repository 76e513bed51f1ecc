"""Phone numbers: Kazakh mobiles and landlines and the neighbours' mobiles scammers call from.

A drawn phone is ``(country, national digits)``, where country is ``"kz"`` for a Kazakh mobile,
``"land"`` for a Kazakh landline, or the calling code of a foreign number.
"""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

from cyberpol.synth.weighted import pick, weighted

Phone = tuple[str, str]

# Mobile codes of Kcell/Activ (701, 702, 775, 778), Beeline (705, 777, 771, 776),
# Tele2/Altel (707, 747, 700, 708) and the newer 706; weighted by how often they turn up.
_KZ_MOBILE = weighted(
    [
        ("701", 14),
        ("702", 8),
        ("705", 10),
        ("707", 13),
        ("747", 12),
        ("771", 7),
        ("775", 7),
        ("776", 5),
        ("777", 12),
        ("778", 6),
        ("700", 4),
        ("708", 4),
        ("706", 2),
    ]
)
# City codes with the digits a local number may start with: Almaty 727 (2xx/3xx), then
# Astana, Shymkent, Karaganda, Aktobe, Atyrau, Pavlodar, Oskemen, Taraz, Kostanay.
_KZ_LANDLINE = weighted(
    [
        (("727", "23"), 45),
        (("7172", ""), 20),
        (("7252", ""), 8),
        (("7212", ""), 7),
        (("7132", ""), 5),
        (("7122", ""), 4),
        (("7182", ""), 4),
        (("7232", ""), 3),
        (("7262", ""), 2),
        (("7142", ""), 2),
    ]
)
# (country code, national prefixes, digits after the prefix)
_FOREIGN = weighted(
    [
        (("996", ("555", "550", "700", "707", "770", "777", "220", "990", "505"), 6), 30),
        (("998", ("90", "91", "93", "94", "95", "97", "99", "33", "88", "77"), 7), 25),
        (("7", ("916", "903", "926", "977", "999", "985", "952", "912", "987"), 7), 35),
        (("90", ("532", "533", "505", "542", "555"), 7), 10),
    ]
)


def draw_phone(rng: random.Random) -> Phone:
    r = rng.random()
    if r < 0.86:
        return ("kz", pick(rng, _KZ_MOBILE) + f"{rng.randrange(10_000_000):07d}")
    if r < 0.93:
        code, starts = pick(rng, _KZ_LANDLINE)
        rest = 10 - len(code)
        first = rng.choice(starts) if starts else str(rng.randrange(2, 10))
        return ("land", code + first + f"{rng.randrange(10 ** (rest - 1)):0{rest - 1}d}")
    country, prefixes, length = pick(rng, _FOREIGN)
    return (country, rng.choice(prefixes) + f"{rng.randrange(10**length):0{length}d}")


def _kz_mobile_styles(n: str) -> list[tuple[str, float]]:
    op, a, b, c = n[:3], n[3:6], n[6:8], n[8:]
    return [
        (f"8 {op} {a} {b} {c}", 22),
        (f"+7 ({op}) {a}-{b}-{c}", 10),
        (f"8{n}", 14),
        (f"+7{n}", 10),
        (f"+7 {op} {a} {b} {c}", 12),
        (f"+7-{op}-{a}-{b}-{c}", 3),
        (f"7 {op} {a} {b}{c}", 3),
        (f"8 ({op}) {a}-{b}-{c}", 6),
        (f"8-{op}-{a}-{b}-{c}", 3),
        (f"8 {op} {a}{b}{c}", 5),
        (f"7{n}", 4),
        (f"+7 {op} {a}{b}{c}", 4),
        (f"8({op}){a}{b}{c}", 2),
        (f"wa.me/7{n}", 2),
    ]


_MOBILE_WEIGHTS = list(accumulate(w for _, w in _kz_mobile_styles("7000000000")))


def render_phone(rng: random.Random, drawn: Phone) -> str:
    country, n = drawn
    if country == "kz":
        styles = _kz_mobile_styles(n)
        index = bisect(_MOBILE_WEIGHTS, rng.random() * _MOBILE_WEIGHTS[-1], 0, len(styles) - 1)
        return styles[index][0]
    if country == "land":
        split = 3 if n.startswith("727") else 4
        code, local = n[:split], n[split:]
        groups = (local[:-4], local[-4:-2], local[-2:])
        return rng.choice(
            (
                f"+7 {code} {' '.join(groups)}",
                f"8 ({code}) {'-'.join(groups)}",
                f"8 {code} {''.join(groups)}",
                f"+7 ({code}) {'-'.join(groups)}",
                f"8{n}",
            )
        )
    if country == "996":
        return rng.choice(
            (
                f"+996 {n[:3]} {n[3:6]} {n[6:]}",
                f"+996 ({n[:3]}) {n[3:6]}-{n[6:]}",
                f"+996{n}",
                f"+996 {n[:3]} {n[3:]}",
            )
        )
    if country == "998":
        return rng.choice(
            (
                f"+998 {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}",
                f"+998 ({n[:2]}) {n[2:5]}-{n[5:7]}-{n[7:]}",
                f"+998{n}",
            )
        )
    if country == "90":
        return rng.choice((f"+90 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}", f"+90{n}"))
    a, b, c, d = n[:3], n[3:6], n[6:8], n[8:]
    return rng.choice(
        (f"+7 {a} {b}-{c}-{d}", f"+7 ({a}) {b}-{c}-{d}", f"+7{n}", f"+7 {a} {b} {c} {d}")
    )


def kz_mobile(rng: random.Random) -> str:
    """A Kazakh mobile number as someone leaves it as their own contact."""
    return render_phone(rng, ("kz", pick(rng, _KZ_MOBILE) + f"{rng.randrange(10_000_000):07d}"))
