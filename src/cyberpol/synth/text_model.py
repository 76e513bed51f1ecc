"""Train the scam-text model CyberPol ships, and measure it on template families it never saw.

Training texts: every family of ``scam_texts`` (seed ``seed``), plus public sets read from
``public`` when present (never copied into the repository; only the weights learnt ship):

- UCI SMS Spam Collection (``SMSSpamCollection``, CC BY 4.0; Almeida and Gómez Hidalgo,
  2011): English. Its ham are everyday SMS and are kept as ham (a sample, so they do not
  outweigh our own English). Its spam is mostly premium-rate marketing, which is none of our
  schemes, so only the spam that announces a win or a prize to claim is kept, as
  ``prize_lottery``; the rest is left out rather than forced into a scheme.
- tg-spam samples (``tg-spam/``, MIT, (c) 2023 Umputun): mostly Russian Telegram chat.
  Its ham are kept as ham; of its spam only the offers of crypto or trading income are
  kept, as ``investment_scam`` (the rest is adult content and counterfeit money).

Held-out families: the families of each scheme are split by name (a name is one lure in
every language), a quarter of the names are held out, a model is trained on the rest and
scored on the held-out families drawn with another seed: macro-F1 per language, the way a
scheme worded in a way the model never saw is met in the field. The shipped model is then
trained on every family.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.text_tokens import LinkJudge, tokenize
from cyberpol.monitoring.detectors.texts import (
    TextClassifier,
    TextModel,
    is_char_feature,
    link_judge,
    text_feature_names,
)
from cyberpol.monitoring.domain.texts import HAM, TEXT_LANGUAGES, TEXT_SCHEMES
from cyberpol.monitoring.store.brands import load_brands
from cyberpol.monitoring.store.text_model import save_text_model
from cyberpol.synth.scam_texts import SyntheticText, families, generate

DEFAULT_SEED = 1
PER_FAMILY = 60
MAX_FEATURES = 120_000
C = 5.0
# The public sets sit in ../shared beside a checkout; they are never copied into it.
PUBLIC = Path(__file__).resolve().parents[4] / "shared" / "data" / "text"
_UCI_HAM = 1_500
_PRIZE = re.compile(r"\b(won|win|winner|prize|claim|award|selected|guaranteed)\b", re.I)
_INCOME = re.compile(
    r"заработ|доход|инвест|крипт|трейд|profit|invest|earn|trading|пассивн|платформ|withdraw",
    re.I,
)
SOURCES = (
    "CyberPol's own scam-text templates (synth/templates/scam_texts_*.json), Apache-2.0",
    "UCI SMS Spam Collection, T. A. Almeida and J. M. Gómez Hidalgo, CC BY 4.0: ham as ham, "
    "prize spam as prize_lottery, other spam unused",
    "tg-spam samples, (c) 2023 Umputun, MIT: ham as ham, income offers as investment_scam, "
    "other spam unused",
)


def public_texts(folder: Path, *, seed: int = DEFAULT_SEED) -> list[SyntheticText]:
    """The public sets' texts under our labels (see the module's docstring); none if absent."""
    out: list[SyntheticText] = []
    sms = folder / "SMSSpamCollection"
    if sms.exists():
        ham: list[str] = []
        for line in sms.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
            label, _, text = line.partition("\t")
            if label == "ham":
                ham.append(text)
            elif label == "spam" and _PRIZE.search(text):
                out.append(SyntheticText(text, "en", "prize_lottery", "public/uci_sms/prize"))
        picked = random.Random(seed).sample(ham, min(_UCI_HAM, len(ham)))
        out += [SyntheticText(t, "en", HAM, "public/uci_sms/ham") for t in picked]
    telegram = folder / "tg-spam"
    for name, scheme, keep in (("ham-samples.txt", HAM, None),
                               ("spam-samples.txt", "investment_scam", _INCOME)):  # fmt: skip
        path = telegram / name
        if not path.exists():
            continue
        for text in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if len(text) < 8 or (keep is not None and not keep.search(text)):
                continue
            lang = "ru" if re.search(r"[а-яё]", text, re.I) else "en"
            out.append(SyntheticText(text, lang, scheme, f"public/tg_spam/{scheme}"))
    return out


def train(
    texts: Sequence[SyntheticText],
    judge: LinkJudge,
    *,
    c: float = C,
    max_features: int = MAX_FEATURES,
    version: str = "",
) -> TextModel:
    """Fit the linear model; keep the ``max_features`` features that weigh most and refit."""
    tokens = [tokenize(t.text, judge) for t in texts]
    frequency: Counter[str] = Counter()
    for text in tokens:
        frequency.update(text_feature_names(text))
    # Sorted: a set's order changes with every run's string hashing, the model must not.
    kept = sorted(n for n, df in frequency.items() if df >= (3 if is_char_feature(n) else 2))
    labels = np.array([TEXT_SCHEMES.index(t.scheme) for t in texts])
    model = _fit(tokens, labels, kept, frequency, c, version)
    if len(kept) > max_features:
        strength = np.abs(model.weights).max(axis=1)
        strongest = np.argsort(-strength, kind="stable")[:max_features]
        kept = [model.features[i] for i in sorted(strongest.tolist())]
        model = _fit(tokens, labels, kept, frequency, c, version)
    return model


def _fit(tokens, labels, kept, frequency, c, version) -> TextModel:
    documents = len(tokens)
    idf = np.array([math.log((1 + documents) / (1 + frequency[n])) + 1 for n in kept],
                   dtype=np.float32)  # fmt: skip
    empty = np.zeros((len(kept), len(TEXT_SCHEMES)), dtype=np.float32)
    shell = TextModel(tuple(kept), idf, empty, np.zeros(len(TEXT_SCHEMES)), TEXT_SCHEMES)
    rows = shell.rows([shell.encode(t) for t in tokens])
    matrix = csr_matrix((rows.values, rows.indices, rows.starts), shape=(documents, len(kept)))
    fitted = LogisticRegression(C=c, max_iter=300, tol=1e-3).fit(matrix, labels)
    weights = np.zeros((len(kept), len(TEXT_SCHEMES)), dtype=np.float32)
    intercepts = np.zeros(len(TEXT_SCHEMES))
    for column, label in enumerate(fitted.classes_):
        weights[:, label] = fitted.coef_[column]
        intercepts[label] = fitted.intercept_[column]
    return TextModel(tuple(kept), idf, weights, intercepts, TEXT_SCHEMES, version=version)


def measure(classifier: TextClassifier, texts: Sequence[SyntheticText]) -> dict[str, float]:
    """Macro-F1 over the schemes and scam-vs-ham F1, per language and overall."""
    verdicts = classifier.classify([t.text for t in texts])
    out: dict[str, float] = {}
    for lang in (*TEXT_LANGUAGES, "all"):
        chosen = [i for i, t in enumerate(texts) if lang in ("all", t.lang)]
        if not chosen:
            continue
        truth = [texts[i].scheme for i in chosen]
        said = [verdicts[i].scheme for i in chosen]
        out[f"{lang}_macro_f1"] = round(float(f1_score(truth, said, average="macro")), 4)
        out[f"{lang}_scam_f1"] = round(float(f1_score(
            [s != HAM for s in truth], [s != HAM for s in said])), 4)  # fmt: skip
    return out


def held_out_names(seed: int, share: float = 0.25) -> set[str]:
    """A ``share`` of each scheme's family names (at least one), drawn by ``seed``."""
    by_scheme: dict[str, set[str]] = {}
    for family in families():
        _, scheme, name = family.split("/")
        by_scheme.setdefault(scheme, set()).add(name)
    rng = random.Random(seed)
    return {f"{scheme}/{name}" for scheme, names in sorted(by_scheme.items())
            for name in rng.sample(sorted(names), max(1, round(len(names) * share)))}  # fmt: skip


def held_out_measure(
    *, seed: int, per_family: int, public: list[SyntheticText], judge: LinkJudge,
    scorer: LookalikeScorer | None,
) -> dict[str, float]:  # fmt: skip
    """Train without a quarter of the families; score on those families (seed + 1)."""
    out_names = held_out_names(seed)
    inside = [f for f in families() if f.split("/", 1)[1] not in out_names]
    outside = [f for f in families() if f.split("/", 1)[1] in out_names]
    model = train(generate(seed, per_family=per_family, only=inside) + public, judge)
    scored = measure(TextClassifier(model, scorer), generate(seed + 1, per_family=30,
                                                             only=outside))  # fmt: skip
    return {f"held_out_{k}": v for k, v in scored.items()}


def build_default_model(
    out: Path, *, seed: int = DEFAULT_SEED, per_family: int = PER_FAMILY,
    public: Path | None = PUBLIC,
) -> TextModel:  # fmt: skip
    """Measure on held-out families, then train on all of them and save into ``out``."""
    scorer = LookalikeScorer(load_brands())
    judge = link_judge(scorer)
    extra = public_texts(public, seed=seed) if public is not None else []
    metrics = held_out_measure(seed=seed, per_family=per_family, public=extra, judge=judge,
                               scorer=scorer)  # fmt: skip
    texts = generate(seed, per_family=per_family) + extra
    model = train(texts, judge, version=f"synth-s{seed}-f{per_family}")
    used = sorted({t.family.split("/")[1] for t in extra})
    card: dict[str, object] = {
        "trained_on": {"generated": len(texts) - len(extra), "public": len(extra),
                       "public_sets": used, "families": len(families())},
        "features": len(model.features),
        "held_out_seed": seed + 1,
        "held_out_families": sorted(held_out_names(seed)),
        "sources": list(SOURCES),
    } | metrics  # fmt: skip
    shipped = TextModel(model.features, model.idf, model.weights, model.intercepts,
                        model.schemes, model.threshold, model.version, card)  # fmt: skip
    save_text_model(shipped, out)
    return shipped
