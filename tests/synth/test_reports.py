"""Synthetic data: values parse as their kind, reports are deterministic, varied and recurring."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace

import pytest

from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.indicators.extract import extract_indicators
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.reports.domain import parse_loss
from cyberpol.synth.reports import (
    synthetic_indicators,
    synthetic_reports,
    typed_check_values,
)
from cyberpol.synth.texts import TEXTS, Template, check_texts
from cyberpol.synth.values import KINDS, synthetic_indicator_value

SECRET = b"k"
KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")


@pytest.mark.parametrize("kind", KINDS)
def test_every_value_parses_as_its_kind(kind: str) -> None:
    for seed in range(300):
        raw = synthetic_indicator_value(random.Random(seed), kind)
        indicator = parse_indicator(raw, card_secret=SECRET)
        assert indicator.kind is IndicatorKind(kind), (seed, raw, indicator)


@pytest.mark.parametrize("kind", KINDS)
def test_values_are_varied_and_unique(kind: str) -> None:
    rng = random.Random(7)
    raws = [synthetic_indicator_value(rng, kind) for _ in range(300)]
    keys = {parse_indicator(raw, card_secret=SECRET).key for raw in raws}
    assert len(keys) >= 297


def test_phones_are_typed_in_many_shapes() -> None:
    rng = random.Random(3)
    raws = [synthetic_indicator_value(rng, "phone") for _ in range(2000)]
    shapes = {re.sub(r"\d", "9", raw) for raw in raws}
    assert len(shapes) >= 20
    assert any(raw.startswith("8 7") for raw in raws)
    assert any(raw.startswith("+7 (7") for raw in raws)
    assert any(raw.startswith(("+996", "+998")) for raw in raws)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown indicator kind 'fax'"):
        synthetic_indicator_value(random.Random(0), "fax")


def test_reports_are_deterministic() -> None:
    first = list(synthetic_reports(200, seed=1))
    assert first == list(synthetic_reports(200, seed=1))
    assert first != list(synthetic_reports(200, seed=2))


def test_reports_cover_languages_categories_and_regions() -> None:
    reports = list(synthetic_reports(200, seed=1))
    assert {r["language"] for r in reports} == {"ru", "kk", "en"}
    assert {r["category"] for r in reports} == {c.value for c in ScamCategory}
    assert all(Region(str(r["region"])) for r in reports)
    kazakh = [r["text"] for r in reports if r["language"] == "kk"]
    assert all(KAZAKH_LETTERS.search(str(text)) for text in kazakh)


def test_report_rows_are_valid_import_rows() -> None:
    reports = list(synthetic_reports(500, seed=4))
    for row in reports:
        assert set(row) == {"text", "category", "region", "loss_amount", "contact", "language"}
        ScamCategory(str(row["category"]))
        loss = parse_loss(row["loss_amount"])
        assert loss is None or 5_000 <= loss <= 5_000_000
    with_loss = sum(r["loss_amount"] is not None for r in reports)
    with_contact = sum(r["contact"] is not None for r in reports)
    assert 0.5 * len(reports) < with_loss < len(reports)
    assert 0.45 * len(reports) < with_contact < 0.75 * len(reports)
    assert len(Counter(r["region"] for r in reports)) >= 15


def test_extractor_finds_indicators_in_report_texts() -> None:
    reports = list(synthetic_reports(200, seed=1))
    found = [extract_indicators(str(r["text"]), card_secret=SECRET) for r in reports]
    assert sum(bool(f) for f in found) >= 0.95 * len(reports)


def test_indicators_recur_across_reports() -> None:
    reports = list(synthetic_reports(200, seed=1))
    counts: Counter[str] = Counter()
    for report in reports:
        keys = {i.key for i in extract_indicators(str(report["text"]), card_secret=SECRET)}
        counts.update(keys)
    assert counts.most_common(1)[0][1] >= 3
    assert sum(1 for n in counts.values() if n >= 2) >= 10


def test_indicator_rows_parse_and_blocked_rows_say_by_whom() -> None:
    rows = list(synthetic_indicators(5000))
    kinds: Counter[str] = Counter()
    for row in rows:
        indicator = parse_indicator(row["value"], card_secret=SECRET)
        assert indicator.kind.value == row["kind"], row
        assert row["status"] in {"confirmed", "blocked", "reported"}
        ScamCategory(row["category"])
        if row["status"] == "blocked":
            assert row["blocked_by"] in {"bank", "operator", "registrar", "platform"}
        else:
            assert "blocked_by" not in row
        kinds[row["kind"]] += 1
    assert set(kinds) == set(KINDS)
    assert 0.35 < kinds["phone"] / len(rows) < 0.45
    assert rows == list(synthetic_indicators(5000))


def test_typed_check_values_parse() -> None:
    values = typed_check_values(2000, seed=5)
    assert values == typed_check_values(2000, seed=5)
    kinds = Counter(parse_indicator(v, card_secret=SECRET).kind.value for v in values)
    assert 0.45 < kinds["phone"] / len(values) < 0.55
    assert kinds["url"] > kinds["card"] > kinds["iban"] > 0


def test_report_texts_load_for_every_language_and_category() -> None:
    assert set(TEXTS) == {"ru", "kk", "en"}
    for texts in TEXTS.values():
        assert all(texts.templates[category] for category in ScamCategory)
        assert len(texts.months) == 12


def test_a_slot_nothing_fills_is_refused() -> None:
    texts = TEXTS["en"]
    bad = Template("Paid {amount} for {gadget} to {card}.", [("card", "card")], True, None)
    edited = replace(texts, templates={**texts.templates, ScamCategory.OTHER: [bad]})
    with pytest.raises(ValueError, match="gadget"):
        check_texts(edited, "templates/en.json")
