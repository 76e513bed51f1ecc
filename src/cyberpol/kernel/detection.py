"""What a detection rule says about one subject, and how several rules add up.

Shared by every detector (drop accounts today; telecom and internet monitoring next), so a
reason is the same small value everywhere: which rule fired, the subject's own figure that
made it fire, and how much that rule counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule that fired: its code, the subject's figure behind it, and the rule's weight."""

    code: str
    value: float
    weight: float


def noisy_or(weights: Iterable[float]) -> float:
    """The chance that at least one independent signal is right: 1 - prod(1 - w).

    Two weak signals together count for more than either, and the result stays in [0, 1].
    """
    return 1.0 - math.prod(1.0 - w for w in weights)
