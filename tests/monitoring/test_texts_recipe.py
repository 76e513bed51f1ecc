"""The shipped scam-text model measured on texts another author labelled (``texts_recipe``),
written from the issue's words without reading our generator or model: every family of it is
held out, since the model was trained on our own templates (and two public sets) only. Seed 1
was measured while the generator grew (its confusion counts per language, never its texts,
were read to see which kinds of lure our templates lacked); the seeds here decided nothing."""

from __future__ import annotations

from functools import cache

import pytest
from sklearn.metrics import f1_score

from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.texts import TextClassifier
from cyberpol.monitoring.store.brands import load_brands
from cyberpol.monitoring.store.text_model import load_text_model
from tests.monitoring.texts_recipe import build

HELD_OUT = (2, 3, 4)
TARGET = 0.90


@cache
def _classifier() -> TextClassifier:
    return TextClassifier(load_text_model(), LookalikeScorer(load_brands()))


@pytest.mark.parametrize("seed", HELD_OUT)
def test_macro_f1_per_language_on_a_held_out_seed(seed: int) -> None:
    rows = build(seed)
    verdicts = _classifier().classify([r.text for r in rows])
    for lang in ("kk", "ru", "en"):
        mine = [(r, v) for r, v in zip(rows, verdicts, strict=True) if r.lang == lang]
        truth = [r.scheme for r, _ in mine]
        said = [v.scheme for _, v in mine]
        macro = f1_score(truth, said, average="macro")
        binary = f1_score([s != "ham" for s in truth], [s != "ham" for s in said])
        languages = sum(v.language == lang for _, v in mine) / len(mine)
        print(f"seed {seed} {lang}: macro-F1 {macro:.3f}, scam-vs-ham F1 {binary:.3f}, "
              f"language right {languages:.3f} ({len(mine)} texts)")  # fmt: skip
        assert macro >= TARGET
        assert binary >= 0.95
        assert languages >= 0.95
