"""The pool of scam operations that synthetic reports are about.

Each operation is a small set of phones, cards, links and handles that many victims run into.
Popularity is heavy-tailed (Zipf-like), so an indicator recurs across reports the way it does
in real cyber-police data: a few operations draw hundreds of reports, most draw a handful.
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from itertools import accumulate

from cyberpol.kernel.categories import ScamCategory
from cyberpol.synth.texts import CATEGORY_KINDS
from cyberpol.synth.values import Drawn, draw
from cyberpol.synth.weighted import weighted

_C = ScamCategory

# How often each category turns up among reports.
CATEGORY_SHARE = weighted(
    [
        (_C.MARKETPLACE_AD, 22),
        (_C.FAKE_BANK_CALL, 18),
        (_C.FAKE_POLICE_CALL, 6),
        (_C.INVESTMENT_SCAM, 12),
        (_C.PYRAMID, 5),
        (_C.LOAN_IN_VICTIM_NAME, 8),
        (_C.PRIZE_LOTTERY, 6),
        (_C.PHISHING_LINK, 11),
        (_C.ROMANCE, 4),
        (_C.OTHER, 8),
    ]
)
_POPULARITY_EXPONENT = 0.9  # Zipf-like: operation i draws reports in proportion to (i+1)^-0.9


class Operation:
    """A scam operation: the indicators its many victims report, drawn once."""

    __slots__ = ("indicators",)

    def __init__(self, rng: random.Random, category: ScamCategory, expected_reports: float):
        # Big operations burn through many SIM cards, drop cards and links.
        extra = min(int(math.sqrt(expected_reports) / 2), 40)
        self.indicators: dict[str, list[Drawn]] = {}
        for kind in CATEGORY_KINDS[category]:
            n = 1 + (rng.random() < 0.35)
            if kind in ("phone", "card", "url", "social_handle", "iban"):
                n += extra
            self.indicators[kind] = [draw(rng, kind) for _ in range(n)]

    def choose(self, rng: random.Random, kind: str, taken: list[Drawn]) -> Drawn:
        """One of the operation's indicators of ``kind`` not in ``taken``, or a fresh one."""
        options = self.indicators[kind]
        for _ in range(4):  # the first few of an operation's numbers get most of the use
            drawn = options[int(len(options) * rng.random() ** 1.5)]
            if drawn not in taken:
                return drawn
        return draw(rng, kind)


class OperationPool:
    """Operations per category with Zipf-like popularity, created on first use.

    An operation's indicators depend only on the seed, the report count, its category and its
    rank, not on the order in which reports first run into it.
    """

    def __init__(self, count: int, seed: int):
        self.seed = seed
        size = max(1, count // 8)
        categories, cumulative = CATEGORY_SHARE
        shares = [b - a for a, b in zip([0.0, *cumulative], cumulative, strict=False)]
        self.cumulative: dict[ScamCategory, list[float]] = {}
        self.expected: dict[ScamCategory, list[float]] = {}
        for category, share in zip(categories, shares, strict=True):
            n = max(1, round(size * share / cumulative[-1]))
            weights = [(i + 1) ** -_POPULARITY_EXPONENT for i in range(n)]
            cum = list(accumulate(weights))
            self.cumulative[category] = cum
            reports = count * share / cumulative[-1]
            self.expected[category] = [reports * w / cum[-1] for w in weights]
        self.operations: dict[tuple[ScamCategory, int], Operation] = {}

    def pick(self, rng: random.Random, category: ScamCategory) -> Operation:
        """An operation of ``category``, the popular ones more often."""
        cum = self.cumulative[category]
        index = min(bisect(cum, rng.random() * cum[-1]), len(cum) - 1)
        operation = self.operations.get((category, index))
        if operation is None:
            op_rng = random.Random(f"cyberpol-synth-op:{self.seed}:{category.value}:{index}")
            operation = Operation(op_rng, category, self.expected[category][index])
            self.operations[category, index] = operation
        return operation
