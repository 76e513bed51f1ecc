"""Scam texts: SMS, ads, messages and reports judged by the scam-text model, in batches."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import TooLarge
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.texts import TextClassifier, TextModel
from cyberpol.monitoring.domain.texts import MAX_TEXT_LENGTH, TextVerdict

MAX_TEXTS = 1_000


@dataclass
class ScamTexts:
    """The classifier, built on first use from the model and the brands' scorer (a link to
    a protected brand's own domain reads as genuine, a look-alike of one as fake)."""

    model: Callable[[], TextModel]
    scorer: Callable[[], LookalikeScorer]
    _classifier: TextClassifier | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def classifier(self) -> TextClassifier:
        """Built once, on the first text."""
        with self._lock:  # the model takes a third of a second to read: once per process
            if self._classifier is None:
                self._classifier = TextClassifier(self.model(), self.scorer())
            return self._classifier

    def classify(self, *, actor: Actor, texts: Sequence[str]) -> list[TextVerdict]:
        """One verdict per text, in order; at most ``MAX_TEXTS`` texts of at most
        ``MAX_TEXT_LENGTH`` characters each."""
        actor.require(Permission.READ_MONITORING)
        if len(texts) > MAX_TEXTS:
            raise TooLarge(f"At most {MAX_TEXTS:,} texts at once ({len(texts):,} given).")
        for number, text in enumerate(texts, start=1):
            if len(text) > MAX_TEXT_LENGTH:
                raise TooLarge(f"Text {number} has {len(text):,} characters; "
                               f"at most {MAX_TEXT_LENGTH:,} are read.")  # fmt: skip
        return self.classifier.classify(texts)
