"""Lookalike scoring: domains scored per second on one core.

    python bench/lookalike_speed.py [--names 500000]

Scores a new-domain feed of ``--names`` unique names (made-up ordinary names of the kinds
registries see every day, with one in ten a lookalike from the independent recipe in
``tests/monitoring/domains_recipe.py``) with ``LookalikeScorer.score_batch``, as
``cyberpol monitor domains`` does, against the baseline of parsing each name alone (host
normalised, registrable domain found): the least any scorer must do. Target: >= 100,000
names/s on one core.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.monitoring.domains_recipe import build

from cyberpol.kernel.indicators.normalize.web import normalize_host, registrable_domain
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.store.brands import load_brands

SYLLABLES = (  # noqa: SIM905
    "al ma ty as ta na ka zan ak tau kok she tau bal khash nur sul tan ser vis gro up med "
    "stroy auto shop mar ket tour food cafe bi lim zhol best ex press lo gis tik print kz "
    "on line web soft tech da ta cloud pay go home de sign art lab neo max pro fit "
).split()
TLDS = ("kz", "kz", "kz", "com", "com", "net", "org", "ru", "top", "xyz", "online", "shop",
        "info", "site", "com.kz", "org.kz", "store", "app", "io")  # fmt: skip


def feed(count: int, rng: random.Random) -> list[str]:
    lookalikes = [r.domain for seed in range(10, 10 + count // 10 // 2000 + 1)
                  for r in build(seed) if r.lookalike]  # fmt: skip
    names: set[str] = set(lookalikes[: count // 10])
    while len(names) < count:
        words = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        joiner = rng.choice(("", "", "-"))
        extra = rng.choice(("", "", str(rng.randrange(100))))
        names.add(f"{words}{joiner}{rng.choice(SYLLABLES)}{extra}.{rng.choice(TLDS)}")
    out = list(names)
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=500_000)
    args = parser.parse_args()
    rng = random.Random(7)
    names = feed(args.names, rng)
    scorer = LookalikeScorer(load_brands())

    start = time.perf_counter()
    for name in names:
        registrable_domain.__wrapped__(normalize_host.__wrapped__(name))
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    flagged = 0
    for at in range(0, len(names), 10_000):
        scores = scorer.score_batch(names[at : at + 10_000])
        flagged += sum(s is not None and s.flagged for s in scores)
    scoring = time.perf_counter() - start
    one_by_one = sum(scorer.score(name).flagged for name in names[:50_000])
    assert one_by_one == sum(
        s is not None and s.flagged for s in scorer.score_batch(names[:50_000])
    ), "batch and single scoring disagree"

    rate = len(names) / scoring
    print(f"names: {len(names):,}, flagged: {flagged:,}")
    print(f"baseline (parse only): {len(names) / baseline:,.0f} names/s")
    print(f"lookalike scoring:     {rate:,.0f} names/s on one core "
          f"(target >= 100,000; {scoring / baseline:.2f}x the baseline's time)")  # fmt: skip


if __name__ == "__main__":
    main()
