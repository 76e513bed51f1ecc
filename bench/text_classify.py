"""Scam-text classification: texts judged per second on one core.

    python bench/text_classify.py [--texts 50000]

Judges ``--texts`` short texts (our generator's, seed 101, a mix of the three languages and
every scheme, with the independent recipe's texts from ``tests/monitoring/texts_recipe.py``
among them) in batches of 1,000, as ``cyberpol texts classify --file`` and the API do:
tokens, language, features, scores and the words behind each verdict. The baseline is
language detection alone (lingua, built for kk, ru and en only), which every classifier
of these texts pays for at least. Target: the same order of magnitude as the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lingua import Language, LanguageDetectorBuilder
from tests.monitoring.texts_recipe import build

from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.texts import TextClassifier
from cyberpol.monitoring.store.brands import load_brands
from cyberpol.monitoring.store.text_model import load_text_model
from cyberpol.synth.scam_texts import generate


def corpus(count: int) -> list[str]:
    texts = [r.text for seed in (11, 12) for r in build(seed)]
    per_family = max(1, count // 400)
    texts += [t.text for t in generate(101, per_family=per_family)]
    return (texts * (count // len(texts) + 1))[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=50_000)
    args = parser.parse_args()
    texts = corpus(args.texts)
    detector = LanguageDetectorBuilder.from_languages(
        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH
    ).build()
    classifier = TextClassifier(load_text_model(), LookalikeScorer(load_brands()))
    detector.detect_language_of("прогрев")  # lingua reads its models on first use
    classifier.classify(["прогрев", "warm-up"])

    start = time.perf_counter()
    for text in texts:
        detector.detect_language_of(text)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    scams = 0
    for at in range(0, len(texts), 1_000):
        scams += sum(v.is_scam for v in classifier.classify(texts[at : at + 1_000]))
    judging = time.perf_counter() - start

    print(f"texts: {len(texts):,}, judged scams: {scams:,}")
    print(f"baseline (language detection only): {len(texts) / baseline:,.0f} texts/s")
    print(f"classification:                     {len(texts) / judging:,.0f} texts/s on one core "
          f"({judging / baseline:.2f}x the baseline's time)")  # fmt: skip


if __name__ == "__main__":
    main()
