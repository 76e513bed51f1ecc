"""Deterministic synthetic data for demos, tests and benchmarks: indicators and citizen reports.

Reports come from a pool of scam operations (``operations``) whose indicators recur across
reports the way they do in real cyber-police data. Texts are written the way victims write
them in Russian, Kazakh and English (``templates/*.json``), with amounts, dates and order
numbers around the indicators that a good extractor must not take for phones or cards.

Pure Python with ``random.Random(seed)``: no I/O, and the same seed always gives the same rows.
Indicator lists and check values come from ``indicators`` and are re-exported here.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

from cyberpol.kernel.categories import Region
from cyberpol.synth.details import contact, loss, made_up
from cyberpol.synth.indicators import synthetic_indicators, typed_check_values
from cyberpol.synth.operations import CATEGORY_SHARE, OperationPool
from cyberpol.synth.texts import MADE_UP_SLOTS, TEXTS
from cyberpol.synth.values import KINDS, Drawn, draw, render, synthetic_indicator_value
from cyberpol.synth.weighted import pick, weighted

_LANGUAGES = weighted([("ru", 55), ("kk", 20), ("en", 25)])
_REGIONS = weighted(
    [
        (Region.ALMATY_CITY, 20),
        (Region.ASTANA, 14),
        (Region.SHYMKENT, 9),
        (Region.KARAGANDA, 7),
        (Region.ALMATY_REGION, 5),
        (Region.AKTOBE, 4),
        (Region.EAST_KAZAKHSTAN, 4),
        (Region.PAVLODAR, 4),
        (Region.TURKISTAN, 4),
        (Region.ZHAMBYL, 3.5),
        (Region.KOSTANAY, 3),
        (Region.ATYRAU, 3),
        (Region.MANGYSTAU, 3),
        (Region.AKMOLA, 2.5),
        (Region.WEST_KAZAKHSTAN, 2.5),
        (Region.KYZYLORDA, 2.5),
        (Region.NORTH_KAZAKHSTAN, 2),
        (Region.ABAI, 2),
        (Region.ZHETISU, 2),
        (Region.ULYTAU, 1),
    ]
)
_FRESH_INDICATOR = 0.12  # share of slots filled by a one-off indicator outside any operation


def _on_platform(rng: random.Random, drawn: Drawn, platform: str | None) -> Drawn:
    """``drawn`` as a handle on ``platform``; Telegram has no dots, so such a one is replaced."""
    if platform is None or drawn[0] == platform:
        return drawn
    while platform == "telegram" and "." in drawn[1]:
        drawn = draw(rng, "social_handle")
    return (platform, drawn[1])


def _report(
    rng: random.Random, pool: OperationPool
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """One report row and the (kind, raw value) of each indicator planted in its text."""
    category = pick(rng, CATEGORY_SHARE)
    operation = pool.pick(rng, category)
    language = pick(rng, _LANGUAGES)
    texts = TEXTS[language]
    template, slots, lost_money, platform = rng.choice(texts.templates[category])
    values: dict[str, str] = {}
    planted: list[tuple[str, str]] = []
    taken: list[Drawn] = []
    url_host: str | None = None
    for name, kind in slots:
        if kind == "domain" and url_host is not None:
            drawn: Drawn = url_host  # the domain of the link the same message carries
        elif rng.random() < _FRESH_INDICATOR:
            drawn = draw(rng, kind)
        else:
            drawn = operation.choose(rng, kind, taken)
        taken.append(drawn)
        if kind == "social_handle":
            drawn = _on_platform(rng, drawn, platform)
        if kind == "url" and not drawn[1][0].isdigit():
            url_host = drawn[1]
        raw = render(rng, kind, drawn)
        values[name] = raw
        planted.append((kind, raw))
    lost = loss(rng, category) if lost_money else None
    fields = set(values)
    for _, field_name, _, _ in string.Formatter().parse(template):
        if not field_name or field_name in fields:
            continue
        if field_name in MADE_UP_SLOTS:
            values[field_name] = made_up(rng, field_name, category, language, lost)
        else:
            values[field_name] = rng.choice(texts.words[field_name])
    region = pick(rng, _REGIONS)
    greeting = rng.choice(texts.greetings)
    if "{city}" in greeting:
        greeting = greeting.replace("{city}", texts.cities[region])
    closings = texts.closings + texts.closings_after_loss if lost_money else texts.closings
    text = greeting + template.format_map(values) + rng.choice(closings)
    if lost is not None and rng.random() < 0.05:
        lost = None  # the victim left the field empty even though the text names the sum
    row: dict[str, object] = {
        "text": text,
        "category": category.value,
        "region": region.value,
        "loss_amount": lost,
        "contact": contact(rng),
        "language": language,
    }
    return row, planted


def synthetic_reports_with_indicators(
    count: int, *, seed: int = 0
) -> Iterator[tuple[dict[str, object], list[tuple[str, str]]]]:
    """Like ``synthetic_reports``, each row with the (kind, raw) indicators planted in its text."""
    rng = random.Random(seed)
    pool = OperationPool(count, seed)
    for _ in range(count):
        yield _report(rng, pool)


def synthetic_reports(count: int, *, seed: int = 0) -> Iterator[dict[str, object]]:
    """Citizen reports as import rows (text, category, region, loss_amount, contact, language)."""
    for row, _ in synthetic_reports_with_indicators(count, seed=seed):
        yield row


__all__ = [
    "KINDS",
    "synthetic_indicator_value",
    "synthetic_indicators",
    "synthetic_reports",
    "synthetic_reports_with_indicators",
    "typed_check_values",
]
