"""What the scam-text classifier says about one short text (an SMS, an ad, a chat message,
a citizen's report): its language, the scheme it uses or describes, and the words behind it."""

from __future__ import annotations

from dataclasses import dataclass

from cyberpol.kernel.categories import ScamCategory

HAM = "ham"
# The labels in the order the shipped model keeps them: "not a scam" first, then every scam
# category a text can be told by ("other" has no wording of its own to learn).
TEXT_SCHEMES: tuple[str, ...] = (
    HAM,
    *(c.value for c in ScamCategory if c is not ScamCategory.OTHER),
)
TEXT_LANGUAGES = ("kk", "ru", "en")
MAX_TEXT_LENGTH = 5_000  # a long report is a page; past that it is a file, not a text


@dataclass(frozen=True, slots=True)
class TextVerdict:
    """One text judged: ``scheme`` is "ham" or a ``ScamCategory`` value; ``probability``
    is the chance that it is a scam of any scheme; ``top_words`` are the words of the text
    that weighed most for ``scheme``, heaviest first."""

    language: str
    scheme: str
    is_scam: bool
    probability: float
    scores: tuple[tuple[str, float], ...]  # every scheme's probability, in TEXT_SCHEMES order
    top_words: tuple[tuple[str, float], ...]
