"""The learned drop detector: LightGBM on the account features, versioned files on disk."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pyarrow as pa
from sklearn.metrics import average_precision_score, precision_recall_curve
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidInput
from cyberpol.mules.detectors import rule_scores
from cyberpol.mules.store.features import FEATURE_NAMES, MODEL_INPUTS

_PARAMS = {
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
_ROUNDS = 300
# The model trained on synthetic drops that ships with CyberPol (``cyberpol synth
# mule-model`` rebuilds it); used wherever no model was trained on local labels.
DEFAULT_MODELS = Path(__file__).resolve().parent.parent / "default_model"


def _floats(features: pa.Table, name: str) -> np.ndarray:
    return np.asarray(features.column(name).to_numpy(zero_copy_only=False), dtype=float)


def matrix(features: pa.Table, names: tuple[str, ...] = MODEL_INPUTS) -> np.ndarray:
    """The columns ``names`` of the feature table as a float matrix, in that order."""
    return np.column_stack([_floats(features, name) for name in names])


def columns(features: pa.Table) -> dict[str, np.ndarray]:
    """Every feature column by name, as the rules read them."""
    return {name: _floats(features, name) for name in FEATURE_NAMES}


@dataclass(frozen=True)
class MuleModel:
    booster: lgb.Booster
    threshold: float
    version: str
    metrics: dict[str, float]
    inputs: tuple[str, ...] = MODEL_INPUTS  # the feature columns it reads, in order

    def score(self, features: pa.Table) -> tuple[np.ndarray, list[list[RuleResult]]]:
        """Probability of being a drop and, for flagged accounts, the three features that
        pushed it up most (per-feature contributions cost ~100x a prediction, so only where
        someone will read them)."""
        x = matrix(features, self.inputs)
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
        """Write ``mule-<version>.txt`` and its card, and point ``current`` at it."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"mule-{self.version}.txt"
        self.booster.save_model(str(path))
        card = {
            "version": self.version,
            "threshold": self.threshold,
            "features": list(self.inputs),
            "metrics": self.metrics,
        }
        (folder / f"mule-{self.version}.json").write_text(json.dumps(card, indent=2))
        (folder / "current").write_text(self.version)
        return path

    @classmethod
    def load(cls, folder: Path, version: str | None = None) -> MuleModel | None:
        """The named or current model, or None when none was trained."""
        try:
            version = version or (folder / "current").read_text().strip()
            card = json.loads((folder / f"mule-{version}.json").read_text())
        except (OSError, ValueError):
            return None
        inputs = tuple(card["features"])
        if not set(inputs) <= set(FEATURE_NAMES):
            raise InvalidInput(f"Model {version} was trained on other features; retrain it")
        booster = lgb.Booster(model_file=str(folder / f"mule-{version}.txt"))
        return cls(booster, float(card["threshold"]), version, card["metrics"], inputs)


def train_mule_model(
    features: pa.Table,
    labels: np.ndarray,
    *,
    version: str | None = None,
    inputs: tuple[str, ...] = MODEL_INPUTS,
    groups: np.ndarray | None = None,
) -> MuleModel:
    """Fit on labelled accounts; the alert threshold maximises F1 on out-of-fold scores.

    ``version`` names the model (default: the time and the model's digest); ``inputs`` are
    the feature columns it reads; ``groups`` (one per row) keeps rows of one account, as
    from several windows, in the same fold, so no account is scored by a model that saw it.
    """
    y = labels.astype(int)
    owners = np.arange(len(y)) if groups is None else groups
    positives = len(set(owners[y == 1].tolist()))
    negatives = len(set(owners[y == 0].tolist()))
    if positives < 5 or negatives < 5:
        raise InvalidInput(
            f"Training needs at least 5 drops and 5 non-drops among labelled accounts "
            f"(have {positives} and {negatives})"
        )
    x = matrix(features, inputs)
    splits = min(5, positives)
    if groups is None:
        folds = StratifiedKFold(n_splits=splits, shuffle=True, random_state=17).split(x, y)
    else:
        grouped = StratifiedGroupKFold(n_splits=splits, shuffle=True, random_state=17)
        folds = grouped.split(x, y, groups)
    out_of_fold = np.zeros(len(y))
    for train, test in folds:
        booster = lgb.train(_PARAMS, lgb.Dataset(x[train], y[train]), _ROUNDS)
        out_of_fold[test] = booster.predict(x[test])
    precision, recall, cuts = precision_recall_curve(y, out_of_fold)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    best = int(np.argmax(f1[:-1])) if len(cuts) else 0
    threshold = float(cuts[best]) if len(cuts) else 0.5
    rules, _ = rule_scores(columns(features))
    metrics = {
        "accounts": float(len(set(owners.tolist()))),
        "rows": float(len(y)),
        "drops": float(positives),
        "cv_precision": float(precision[best]),
        "cv_recall": float(recall[best]),
        "cv_f1": float(f1[best]),
        "cv_pr_auc": float(average_precision_score(y, out_of_fold)),
        "rules_pr_auc": float(average_precision_score(y, rules)),
    }
    booster = lgb.train(_PARAMS, lgb.Dataset(x, y), _ROUNDS)
    if version is None:
        digest = hashlib.sha256(booster.model_to_string().encode()).hexdigest()[:8]
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + digest
    return MuleModel(booster, threshold, version, metrics, inputs)
