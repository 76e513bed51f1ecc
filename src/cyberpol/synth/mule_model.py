"""The drop model CyberPol ships: trained on synthetic transfers, so scoring works on day one.

A fresh install has no labelled drops, and the rules alone miss most of them; a model
trained on the generator's planted drops carries over to real data far better (see its
card). ``cyberpol synth mule-model`` rebuilds it: the same seed and size give the same
file, byte for byte. A model trained on local labels (``cyberpol mules train``) replaces
it wherever one exists.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from sklearn.metrics import average_precision_score, precision_recall_fscore_support

from cyberpol.money_trail.store.transfer_load import AccountKeys, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.mules.detectors import rule_scores
from cyberpol.mules.store.engines import KNOWN_SCHEMA, duckdb_features
from cyberpol.mules.store.features import ATTRIBUTE_DEFAULTS
from cyberpol.mules.store.model import MuleModel, columns, train_mule_model
from cyberpol.synth.transfers import generate_transfers

DEFAULT_TRANSFERS = 300_000
DEFAULT_SEED = 1
# Card numbers in the synthetic files are keyed with this; features never see the keys.
_SECRET = b"cyberpol-default-mule-model"
_NO_KNOWN = pa.table({"account": [], "kind": []}, schema=KNOWN_SCHEMA)
# What the shipped model reads: the first version's features less the mean dwell time,
# plus three per-day rates. Learned from synthetic drops alone, the full model inputs (ranks,
# neighbours, forwarding) carried over worse to a population written to another recipe
# (tests/mules/recipe_b.py: recall 0.1-0.2 against 0.5-0.7), and so did the mean dwell: it
# is set by the longest holds, which the generator's rings never make and real drops do.
# Spelled out, not built from the feature lists: the order is the model file's column order
# and moves its figures (see README, drop detection quality).
SHIPPED_INPUTS = (
    "in_count",
    "in_amount",
    "in_senders",
    "out_count",
    "out_amount",
    "out_receivers",
    "pass_through",
    "fast_share",
    "cash_share",
    "crypto_share",
    "foreign_share",
    "max_daily_senders",
    "night_share",
    "age_days",
    "holder_accounts",
    "holder_banks",
    "foreign_holder",
    "device_accounts",
    "ip_accounts",
    "in_per_day",
    "out_per_day",
    "active_share",
)


@dataclass(frozen=True, slots=True)
class LabelledFeatures:
    features: pa.Table
    labels: np.ndarray


def synthetic_features(folder: Path, *, transfers: int, seed: int) -> LabelledFeatures:
    """Generate a synthetic population, load it and compute every account's features."""
    generate_transfers(folder, transfers=transfers, seed=seed)
    store = TransferStore(folder / "transfers.duckdb")
    # One thread sums in one order: parallel float sums differ in the last digits from run
    # to run, and so would the model file.
    store.reading().execute("SET threads TO 1")
    try:
        keys = AccountKeys(_SECRET)
        for name in ("transfers.parquet", "accounts.parquet"):
            load_transfer_file(store, folder / name, accounts=keys)
        features = duckdb_features(store, _NO_KNOWN)
    finally:
        store.close()
    truth = pq.read_table(folder / "account_labels.parquet", columns=["account", "is_mule"])
    flags = truth.column("is_mule").to_pylist()
    drops = {a for a, m in zip(truth.column("account").to_pylist(), flags, strict=True) if m}
    accounts = features.column("account").to_pylist()
    return LabelledFeatures(features, np.array([a in drops for a in accounts], dtype=bool))


def build_default_model(
    out: Path, *, transfers: int = DEFAULT_TRANSFERS, seed: int = DEFAULT_SEED
) -> MuleModel:
    """Train on seed ``seed``, measure on seed ``seed + 1`` (unseen), save into ``out``."""
    with tempfile.TemporaryDirectory() as work:
        train = synthetic_features(Path(work) / "train", transfers=transfers, seed=seed)
        held_out = synthetic_features(
            Path(work) / "test", transfers=max(transfers // 3, 10_000), seed=seed + 1
        )
    # Half the accounts (a fixed draw) as a bank that sends no account attributes would show
    # them, so the model also scores transfers alone (recipe B comes without attributes).
    chosen = np.random.default_rng(seed).random(train.features.num_rows) < 0.5
    features = train.features
    for name, value in ATTRIBUTE_DEFAULTS.items():
        column = features.column(name).to_numpy(zero_copy_only=False)
        blanked = pa.array(np.where(chosen, value, column), features.schema.field(name).type)
        features = features.set_column(features.schema.get_field_index(name), name, blanked)
    model = train_mule_model(
        features,
        train.labels,
        version=f"synth-s{seed}-n{transfers}",
        inputs=SHIPPED_INPUTS,
    )
    scores, _ = model.score(held_out.features)
    flagged = scores >= model.threshold
    y = held_out.labels
    precision, recall, f1, _ = precision_recall_fscore_support(
        y, flagged, average="binary", zero_division=0
    )
    rules, _ = rule_scores(columns(held_out.features))
    rule_p, rule_r, rule_f1, _ = precision_recall_fscore_support(
        y, rules >= 0.5, average="binary", zero_division=0
    )
    metrics = dict(model.metrics) | {
        "held_out_seed": float(seed + 1),
        "held_out_accounts": float(len(y)),
        "held_out_drops": float(y.sum()),
        "held_out_precision": round(float(precision), 4),
        "held_out_recall": round(float(recall), 4),
        "held_out_f1": round(float(f1), 4),
        "held_out_pr_auc": round(float(average_precision_score(y, scores)), 4),
        "held_out_rules_precision": round(float(rule_p), 4),
        "held_out_rules_recall": round(float(rule_r), 4),
        "held_out_rules_f1": round(float(rule_f1), 4),
    }
    shipped = MuleModel(model.booster, model.threshold, model.version, metrics, model.inputs)
    shipped.save(out)
    return shipped
