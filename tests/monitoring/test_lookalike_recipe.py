"""The lookalike scorer measured on domains another author labelled (``domains_recipe``),
written from the issue's words without reading the detector. Seed 1 was looked at while the
scorer was tuned; the seeds here were not."""

from __future__ import annotations

import pytest

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.store.brands import load_brands
from tests.monitoring.domains_recipe import build

HELD_OUT = (2, 3, 4)
GLYPH_FAMILIES = {"homoglyph_unicode", "homoglyph_ascii", "punycode"}


@pytest.mark.parametrize("seed", HELD_OUT)
def test_precision_and_recall_on_a_held_out_seed(seed: int) -> None:
    scorer = LookalikeScorer(load_brands())
    rows = build(seed)
    hits = alarms = lookalikes = right_brand = 0
    missed_glyphs: list[str] = []
    for row in rows:
        try:
            score = scorer.score(row.domain)
        except InvalidIndicator:
            flagged, brand = False, ""
        else:
            flagged, brand = score.flagged, score.brand
        lookalikes += row.lookalike
        alarms += flagged
        if flagged and row.lookalike:
            hits += 1
            right_brand += brand == row.brand_domain
        if row.lookalike and row.family in GLYPH_FAMILIES and not flagged:
            missed_glyphs.append(row.domain)
    precision, recall = hits / alarms, hits / lookalikes
    print(f"seed {seed}: precision {precision:.3f}, recall {recall:.3f}, "
          f"brand named right {right_brand / hits:.3f}")  # fmt: skip
    assert precision >= 0.95
    assert recall >= 0.95
    assert missed_glyphs == []
    assert right_brand / hits >= 0.95
