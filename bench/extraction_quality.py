"""Precision and recall of indicator extraction on the labelled ru/kk/en message set.

    python bench/extraction_quality.py [--show-errors]

Scores exact (kind, normalised value) matches; a card's value is its masked form.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cyberpol.kernel.indicators.extract import extract_indicators

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction_labelled.jsonl"
SECRET = b"bench-extraction"


@dataclass
class Score:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._sum(self.true_positive, kind), self._sum(self.false_positive, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._sum(self.true_positive, kind), self._sum(self.false_negative, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    @staticmethod
    def _sum(counter: Counter[str], kind: str | None) -> int:
        return counter[kind] if kind else sum(counter.values())


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def evaluate(messages: list[dict[str, Any]]) -> Score:
    score = Score()
    for message in messages:
        expected = {(e["kind"], e["value"]) for e in message["expected"]}
        found = {
            (i.kind.value, i.value) for i in extract_indicators(message["text"], card_secret=SECRET)
        }
        for kind, _value in found & expected:
            score.true_positive[kind] += 1
        for kind, value in found - expected:
            score.false_positive[kind] += 1
            score.errors.append(f"{message['id']}: extra   {kind} {value}")
        for kind, value in expected - found:
            score.false_negative[kind] += 1
            score.errors.append(f"{message['id']}: missed  {kind} {value}")
    return score


def main() -> None:
    messages = load()
    score = evaluate(messages)
    kinds = sorted(set(score.true_positive) | set(score.false_positive) | set(score.false_negative))
    print(f"extraction on {len(messages)} labelled messages (ru/kk/en)")
    print(f"{'kind':<14}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    for kind in kinds:
        print(
            f"{kind:<14}{score.precision(kind):>10.3f}{score.recall(kind):>8.3f}"
            f"{score.true_positive[kind]:>6}{score.false_positive[kind]:>5}{score.false_negative[kind]:>5}"
        )
    print(f"{'all':<14}{score.precision():>10.3f}{score.recall():>8.3f}")
    if "--show-errors" in sys.argv:
        print("\n".join(score.errors))


if __name__ == "__main__":
    main()
