"""The learned drop detector: LightGBM on the account features, versioned files on disk."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from cyberpol.mules.detectors import rule_scores
from cyberpol.mules.store.features import FEATURE_NAMES, MODEL_INPUTS
from cyberpol.platform.boosting import BoostedModel
from cyberpol.platform.boosting import columns as feature_columns

# The model trained on synthetic drops that ships with CyberPol (``cyberpol synth
# mule-model`` rebuilds it); used wherever no model was trained on local labels.
DEFAULT_MODELS = Path(__file__).resolve().parent.parent / "default_model"


def columns(features: pa.Table) -> dict[str, np.ndarray]:
    """Every feature column by name, as the rules read them."""
    return feature_columns(features, FEATURE_NAMES)


class MuleModel(BoostedModel):
    """Probability that an account is a drop."""

    kind = "mule"
    pointer = "current"  # the drop model came first; its folders say just "current"
    known_features = FEATURE_NAMES


def train_mule_model(
    features: pa.Table,
    labels: np.ndarray,
    *,
    version: str | None = None,
    inputs: tuple[str, ...] = MODEL_INPUTS,
    groups: np.ndarray | None = None,
) -> MuleModel:
    """Fit on labelled accounts (``groups``: one per row, the account of each window)."""
    rules, _ = rule_scores(columns(features))
    model = MuleModel.train(
        features, labels, inputs=inputs, groups=groups, version=version, baseline=rules,
        what=("drops", "non-drops"),
    )  # fmt: skip
    metrics = dict(model.metrics)
    metrics["accounts"] = metrics.pop("groups")
    metrics["drops"] = metrics.pop("positive_groups")
    return MuleModel(model.booster, model.threshold, model.version, metrics, model.inputs)
