"""Internet monitoring use cases: score domains against the protected brands, run the queue."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.domain.brands import BrandList, LookalikeScore

SCAN_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class ScannedName:
    """One name of a scanned file: its line, the text as given, and its score (None when
    it is no domain or URL)."""

    line: int
    text: str
    score: LookalikeScore | None


@dataclass
class MonitoringService:
    brands: Callable[[], BrandList]  # read on first use: commands that never scan skip it
    clock: Callable[[], datetime]
    _scorer: LookalikeScorer | None = field(default=None, init=False, repr=False)

    @property
    def scorer(self) -> LookalikeScorer:
        """The lookalike scorer for the configured brands, built once."""
        if self._scorer is None:
            self._scorer = LookalikeScorer(self.brands())
        return self._scorer

    def scan(self, names: Iterable[tuple[int, str]]) -> Iterator[ScannedName]:
        """Score each (line, name) against the protected brands, in order."""
        scorer = self.scorer
        items = iter(names)
        while chunk := list(islice(items, SCAN_BATCH)):
            scores = scorer.score_batch([text for _, text in chunk])
            for (line, text), score in zip(chunk, scores, strict=True):
                yield ScannedName(line, text, score)
