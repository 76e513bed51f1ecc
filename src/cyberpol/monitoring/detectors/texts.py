"""Is a short text a scam, and which scheme: a linear model over the text's words, word pairs
and letter n-grams (see ``text_tokens`` for how words are read), in plain numpy.

A text's features come in two blocks, each weighted 1 + log(count) times its idf and scaled
to unit length: words and word pairs, and the letter 3- to 5-grams of each word (which carry
typos, inflection and Kazakh suffixes). The model keeps one weight per feature and scheme; a
scheme's score is the sum over the text's features, the probabilities their softmax. The
words that weighed most are the text's words ranked by what their features added to the
chosen scheme's score (a word pair's share is split between its two words).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import numpy as np

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.text_language import LanguageGuesser
from cyberpol.monitoring.detectors.text_tokens import (
    LinkJudge,
    Token,
    link_host,
    plain_link_kind,
    tokenize,
)
from cyberpol.monitoring.domain.texts import HAM, TextVerdict

CHAR_SIZES = (3, 4, 5)
TOP_WORDS = 6


@lru_cache(maxsize=200_000)
def _char_grams(key: str) -> tuple[str, ...]:
    padded = f" {key} "
    return tuple(
        "c:" + padded[at : at + size] for size in CHAR_SIZES for at in range(len(padded) - size + 1)
    )


def token_features(token: Token) -> tuple[str, ...]:
    """The features one token gives by itself: the word, and its letter n-grams."""
    word = "w:" + token.key
    return (word,) if token.is_mark else (word, *_char_grams(token.key))


def pair_feature(left: Token, right: Token) -> str:
    """Two neighbouring tokens as one feature ("a code", "safe account")."""
    return f"b:{left.key} {right.key}"


def text_feature_names(tokens: Sequence[Token]) -> set[str]:
    """The distinct features of a text (for counting document frequencies)."""
    names = {name for token in tokens for name in token_features(token)}
    names.update(pair_feature(a, b) for a, b in pairwise(tokens))
    return names


def is_char_feature(name: str) -> bool:
    """Letter n-grams form a block of their own."""
    return name.startswith("c:")


@dataclass(frozen=True, slots=True)
class Encoded:
    """A text's known features, repeats included: the feature, and the first and last token
    it was read from (the same token but for word pairs)."""

    ids: np.ndarray
    first: np.ndarray
    last: np.ndarray


@dataclass(frozen=True, slots=True)
class SparseRows:
    """Feature rows of many texts: row r holds ``indices[starts[r]:starts[r + 1]]`` (sorted)."""

    starts: np.ndarray
    indices: np.ndarray
    values: np.ndarray


@dataclass(frozen=True)
class TextModel:
    """The learned weights: ``weights[feature, scheme]`` and ``intercepts[scheme]``; a text
    is a scam when the probability of "ham" falls below ``1 - threshold``."""

    features: tuple[str, ...]
    idf: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray
    schemes: tuple[str, ...]
    threshold: float = 0.5
    version: str = ""
    card: dict[str, object] = field(default_factory=dict)
    vocabulary: dict[str, int] = field(init=False, repr=False)
    char_block: np.ndarray = field(init=False, repr=False)
    _token_ids: Callable[[Token], tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.weights.shape != (len(self.features), len(self.schemes)):
            shape = (len(self.features), len(self.schemes))
            raise ValueError(f"weights {self.weights.shape} do not fit {shape}")
        if HAM not in self.schemes:
            raise ValueError(f"the schemes {self.schemes} lack {HAM!r}")
        object.__setattr__(self, "vocabulary", {n: i for i, n in enumerate(self.features)})
        chars = np.fromiter((is_char_feature(n) for n in self.features), dtype=bool,
                            count=len(self.features))  # fmt: skip
        object.__setattr__(self, "char_block", chars)
        # Tokens repeat from text to text: each one's feature ids are looked up once.
        object.__setattr__(self, "_token_ids", lru_cache(maxsize=200_000)(self._lookup))

    def _lookup(self, token: Token) -> tuple[int, ...]:
        get = self.vocabulary.get
        return tuple(i for i in (get(name, -1) for name in token_features(token)) if i >= 0)

    def encode(self, tokens: Sequence[Token]) -> Encoded:
        """The text's known features with the tokens they came from."""
        ids: list[int] = []
        first: list[int] = []
        last: list[int] = []
        for at, token in enumerate(tokens):
            found = self._token_ids(token)
            ids.extend(found)
            first.extend([at] * len(found))
            last.extend([at] * len(found))
            if at:
                pair = self.vocabulary.get(pair_feature(tokens[at - 1], token), -1)
                if pair >= 0:
                    ids.append(pair)
                    first.append(at - 1)
                    last.append(at)
        return Encoded(np.array(ids, dtype=np.int64), np.array(first, dtype=np.int64),
                       np.array(last, dtype=np.int64))  # fmt: skip

    def rows(self, texts: Sequence[Encoded]) -> SparseRows:
        """Weighted, block-normalised feature rows, one per text."""
        starts = [0]
        indices: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for text in texts:
            found, times = np.unique(text.ids, return_counts=True)
            weight = (1.0 + np.log(times)) * self.idf[found]
            chars = self.char_block[found]
            for block in (chars, ~chars):
                norm = float(np.sqrt(np.dot(weight[block], weight[block])))
                if norm:
                    weight[block] /= norm
            indices.append(found)
            values.append(weight)
            starts.append(starts[-1] + len(found))
        return SparseRows(
            np.array(starts, dtype=np.int64),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            np.concatenate(values).astype(np.float32) if values else np.zeros(0, np.float32),
        )

    def probabilities(self, rows: SparseRows) -> np.ndarray:
        """One row of scheme probabilities per text."""
        contributions = self.weights[rows.indices].astype(np.float64) * rows.values[:, None]
        # A zero row at the end of every text keeps reduceat's segments non-empty.
        padded = np.vstack((contributions, np.zeros((1, len(self.schemes)))))
        starts = rows.starts[:-1]
        sums = np.add.reduceat(padded, np.minimum(starts, len(contributions)), axis=0)
        sums[starts == rows.starts[1:]] = 0.0  # texts without a known feature
        logits = sums + self.intercepts
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def top_words(
        self, tokens: Sequence[Token], text: Encoded, scheme: int, rows: SparseRows, row: int
    ) -> tuple[tuple[str, float], ...]:
        """The words of one text that added most to ``scheme``'s score, heaviest first."""
        if not len(text.ids):
            return ()
        span = slice(rows.starts[row], rows.starts[row + 1])
        found, values = rows.indices[span], rows.values[span]
        unique, inverse, times = np.unique(text.ids, return_inverse=True, return_counts=True)
        added = values[np.searchsorted(found, unique)] * self.weights[unique, scheme]
        # Half to the first token, half to the last, split evenly between repeats.
        each = (added / times)[inverse] / 2.0
        shares = np.bincount(text.first, each, len(tokens))
        shares += np.bincount(text.last, each, len(tokens))
        by_word: Counter[str] = Counter()
        shown: dict[str, str] = {}
        for token, weight in zip(tokens, shares.tolist(), strict=True):
            word = token.surface.lower()
            shown.setdefault(word, token.surface)
            by_word[word] += weight
        ranked = [(shown[w], round(a, 4)) for w, a in by_word.most_common(TOP_WORDS) if a > 0]
        return tuple(ranked)


def link_judge(scorer: LookalikeScorer | None) -> LinkJudge:
    """Names a link "real" (a protected brand's own), "fake" (a look-alike of one), or
    what ``plain_link_kind`` says; without a scorer, only the latter."""
    if scorer is None:
        return plain_link_kind

    @lru_cache(maxsize=50_000)
    def judge(link: str) -> str:
        kind = plain_link_kind(link)
        if kind in ("short", "chat"):
            return kind
        host = link_host(link)
        if scorer.is_protected(host):
            return "real"
        try:
            flagged = scorer.score(link).flagged
        except InvalidIndicator:
            return kind
        return "fake" if flagged else kind

    return judge


class TextClassifier:
    """The shipped (or a retrained) model with the language guesser and the link judge."""

    def __init__(self, model: TextModel, scorer: LookalikeScorer | None = None) -> None:
        self.model = model
        self.judge = link_judge(scorer)
        self.languages = LanguageGuesser()

    def classify(self, texts: Sequence[str]) -> list[TextVerdict]:
        """One verdict per text, in order."""
        model = self.model
        tokens = [tokenize(text, self.judge) for text in texts]
        encoded = [model.encode(t) for t in tokens]
        rows = model.rows(encoded)
        probabilities = model.probabilities(rows)
        ham = model.schemes.index(HAM)
        verdicts = []
        for row, (text, words) in enumerate(zip(texts, tokens, strict=True)):
            p = probabilities[row]
            scam = 1.0 - float(p[ham])
            is_scam = scam >= model.threshold
            best = ham
            if is_scam:
                best = max((i for i in range(len(p)) if i != ham), key=lambda i: p[i])
            verdicts.append(TextVerdict(
                language=self.languages.guess(text, words),
                scheme=model.schemes[best],
                is_scam=is_scam,
                probability=round(scam, 4),
                scores=tuple((s, round(float(v), 4)) for s, v in zip(model.schemes, p,
                                                                      strict=True)),
                top_words=model.top_words(words, encoded[row], best, rows, row),
            ))  # fmt: skip
        return verdicts
