"""Learned detectors: a LightGBM binary classifier, its alert threshold and its card, kept as
versioned files on disk. Each capability names its kind (the files' prefix) and features.

LightGBM and scikit-learn are imported where a model is loaded or trained: the call and
transfer stores import this module, and every CLI call would pay 0.7 s for them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Self

import numpy as np
import pyarrow as pa

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidInput

if TYPE_CHECKING:
    import lightgbm as lgb

PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_child_samples": 10,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.9,
    "bagging_freq": 1,
    "seed": 17,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 300


def columns(features: pa.Table, names: Iterable[str]) -> dict[str, np.ndarray]:
    """The columns ``names`` of the feature table as float arrays by name, as rules read them."""
    return {
        name: np.asarray(features.column(name).to_numpy(zero_copy_only=False), dtype=float)
        for name in names
    }


def matrix(features: pa.Table, names: tuple[str, ...]) -> np.ndarray:
    """The columns ``names`` of the feature table as a float matrix, in that order."""
    return np.column_stack(list(columns(features, names).values()))


def _margin(scores: np.ndarray, y: np.ndarray, cut: float) -> float:
    """The threshold midway (on the log-odds scale) between the best cut and the highest
    negative below it: where the classes part cleanly the best cut sits on the lowest
    positive, and a new positive scoring a hair lower would be missed."""
    below = scores[(y == 0) & (scores < cut)]
    if not len(below):
        return cut
    ends = np.clip([float(below.max()), cut], 1e-9, 1 - 1e-9)
    mid = float(np.log(ends / (1 - ends)).mean())
    return float(1 / (1 + np.exp(-mid)))


@dataclass(frozen=True)
class BoostedModel:
    """A trained classifier: the score it gives and the threshold at which it alerts."""

    booster: lgb.Booster
    threshold: float
    version: str
    metrics: dict[str, float]
    inputs: tuple[str, ...]  # the feature columns it reads, in order
    kind: ClassVar[str] = "model"  # the files' prefix
    pointer: ClassVar[str] = "model-current"  # the file naming the current version
    known_features: ClassVar[tuple[str, ...]] = ()  # what a model of this kind may read
    # Changes to PARAMS for this kind, and features whose rise may only raise (+1) or lower
    # (-1) the score: what the analysts know of the fraud, kept when the data would tempt
    # the trees into a quirk of the training set.
    params: ClassVar[Mapping[str, object]] = {}
    monotone: ClassVar[Mapping[str, int]] = {}

    def score(self, features: pa.Table) -> tuple[np.ndarray, list[list[RuleResult]]]:
        """Each row's score and, for rows at the threshold or above, the three features that
        pushed it up most (per-feature contributions cost ~100x a prediction, so only where
        someone will read them)."""
        x = matrix(features, self.inputs) if features.num_rows else np.zeros((0, 0))
        reasons: list[list[RuleResult]] = [[] for _ in range(len(x))]
        if len(x) == 0:
            return np.zeros(0), reasons
        scores = np.asarray(self.booster.predict(x), dtype=float)
        flagged = np.flatnonzero(scores >= self.threshold)
        if len(flagged):
            contributions = np.asarray(self.booster.predict(x[flagged], pred_contrib=True))[:, :-1]
            top = np.argsort(-contributions, axis=1)[:, :3]
            for row, order, contrib in zip(flagged.tolist(), top, contributions, strict=True):
                reasons[row] = [
                    # A model input is no rule: its pull on the score is not a fixed weight.
                    RuleResult(f"feature:{self.inputs[i]}", float(x[row, i]), 0.0)
                    for i in order.tolist()
                    if contrib[i] > 0.1
                ]
        return scores, reasons

    def save(self, folder: Path) -> Path:
        """Write ``<kind>-<version>.txt`` and its card, and point the kind's pointer at it."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.kind}-{self.version}.txt"
        self.booster.save_model(str(path))
        card = {
            "version": self.version,
            "threshold": self.threshold,
            "features": list(self.inputs),
            "metrics": self.metrics,
        }
        (folder / f"{self.kind}-{self.version}.json").write_text(json.dumps(card, indent=2))
        (folder / self.pointer).write_text(self.version)
        return path

    @classmethod
    def load(cls, folder: Path, version: str | None = None) -> Self | None:
        """The named or current model, or None when none was trained."""
        try:
            version = version or (folder / cls.pointer).read_text().strip()
            card = json.loads((folder / f"{cls.kind}-{version}.json").read_text())
        except (OSError, ValueError):
            return None
        inputs = tuple(card["features"])
        if not set(inputs) <= set(cls.known_features):
            raise InvalidInput(f"Model {version} was trained on other features; retrain it")
        import lightgbm as lgb

        booster = lgb.Booster(model_file=str(folder / f"{cls.kind}-{version}.txt"))
        return cls(booster, float(card["threshold"]), version, card["metrics"], inputs)

    @classmethod
    def train(
        cls,
        features: pa.Table,
        labels: np.ndarray,
        *,
        inputs: tuple[str, ...],
        groups: np.ndarray | None = None,
        version: str | None = None,
        baseline: np.ndarray | None = None,
        what: tuple[str, str] = ("positives", "negatives"),
    ) -> Self:
        """Fit on labelled rows; the alert threshold maximises F1 on out-of-fold scores.

        ``groups`` (one per row) keeps rows that belong together (one account's windows,
        one box's SIMs) in the same fold, so none is scored by a model that saw its kin;
        ``baseline`` (the rules' scores) is measured beside the model on the card; ``what``
        names the two classes in the refusal when there are too few of either.
        """
        import lightgbm as lgb
        from sklearn.metrics import average_precision_score, precision_recall_curve
        from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

        y = labels.astype(int)
        owners = np.arange(len(y)) if groups is None else groups
        positives = len(set(owners[y == 1].tolist()))
        negatives = len(set(owners[y == 0].tolist()))
        if positives < 5 or negatives < 5:
            raise InvalidInput(
                f"Training needs at least 5 {what[0]} and 5 {what[1]} among labelled rows "
                f"(have {positives} and {negatives})"
            )
        x = matrix(features, inputs)
        params = PARAMS | dict(cls.params)
        if cls.monotone:
            params["monotone_constraints"] = [cls.monotone.get(name, 0) for name in inputs]
        splits = min(5, positives)
        if groups is None:
            folds = StratifiedKFold(n_splits=splits, shuffle=True, random_state=17).split(x, y)
        else:
            grouped = StratifiedGroupKFold(n_splits=splits, shuffle=True, random_state=17)
            folds = grouped.split(x, y, groups)
        out_of_fold = np.zeros(len(y))
        for train, test in folds:
            booster = lgb.train(params, lgb.Dataset(x[train], y[train]), ROUNDS)
            out_of_fold[test] = booster.predict(x[test])
        precision, recall, cuts = precision_recall_curve(y, out_of_fold)
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
        best = int(np.argmax(f1[:-1])) if len(cuts) else 0
        threshold = _margin(out_of_fold, y, float(cuts[best])) if len(cuts) else 0.5
        metrics = {
            "groups": float(len(set(owners.tolist()))),
            "rows": float(len(y)),
            "positive_groups": float(positives),
            "cv_precision": float(precision[best]),
            "cv_recall": float(recall[best]),
            "cv_f1": float(f1[best]),
            "cv_pr_auc": float(average_precision_score(y, out_of_fold)),
        }
        if baseline is not None:
            metrics["rules_pr_auc"] = float(average_precision_score(y, baseline))
        booster = lgb.train(params, lgb.Dataset(x, y), ROUNDS)
        if version is None:
            digest = hashlib.sha256(booster.model_to_string().encode()).hexdigest()[:8]
            version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + digest
        return cls(booster, threshold, version, metrics, inputs)
