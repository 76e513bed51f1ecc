"""Account-level drop (money-mule) detection quality: our model vs the rules vs a baseline.

    .venv/bin/python bench/mule_quality.py [--skip-synth] [--synth-transfers N]

For each data set, features are computed with ``duckdb_features`` separately on a training
period and a later test period (public sets) or on two synthetic seeds (train on seed 1,
test on seed 2). Four methods are scored on the test accounts:
- model: trained as ``cyberpol mules train`` trains (LightGBM on the model inputs over the
  whole training period and over five half-length windows inside it, threshold by
  out-of-fold F1 with each account's rows in one fold);
- shipped: the model CyberPol ships (trained on synthetic drops), with no retraining;
- rules: ``rule_scores`` alone, flagged at 0.5;
- baseline: the same LightGBM on raw per-account aggregates only (in/out count, sum, mean,
  max of amounts), its threshold chosen the same way (best F1 on out-of-fold scores).
Each line shows precision, recall and F1 at the method's threshold, PR-AUC (average
precision) and the number of positive test accounts. Data: ../shared/data/aml/ (see its
README); a missing set is skipped.

Two more protocols on the public sets: the validation split that chose the model's inputs
(the training period cut again, earlier part against later part: every feature against
every feature but the period totals, without and with the training windows), and 5 random
70/30 stratified splits of accounts with features on the whole period (model and baseline,
mean F1 and its lowest).

AMLSim's time split is printed twice: trained on every fraud label, and trained on the
labels known at the cut (by the set's ``fraudStep``), with the same test labels; then the
F1 of the generator's own amount rule on the test period, as a yardstick.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import lightgbm as lgb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sklearn.metrics import average_precision_score, precision_recall_curve
from sklearn.model_selection import StratifiedKFold, StratifiedShuffleSplit

from cyberpol.money_trail.store.transfer_load import AccountKeys, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.mules.detectors import rule_scores
from cyberpol.mules.store.chains import fed_by_flagged
from cyberpol.mules.store.engines import (
    KNOWN_SCHEMA,
    duckdb_features,
    duckdb_training_features,
)
from cyberpol.mules.store.features import FEATURE_NAMES, MODEL_INPUTS
from cyberpol.mules.store.model import DEFAULT_MODELS, MuleModel, columns, train_mule_model
from cyberpol.platform import boosting
from cyberpol.platform.boosting import PARAMS as _PARAMS
from cyberpol.platform.boosting import ROUNDS as _ROUNDS

AML = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "aml"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
NO_KNOWN = pa.table({"account": [], "kind": []}, schema=KNOWN_SCHEMA)
BASE_NAMES = ("in_n", "in_sum", "in_mean", "in_max", "out_n", "out_sum", "out_mean", "out_max")
_BASE_SQL = """
SELECT account,
    count(*) FILTER (WHERE d = 'in') AS in_n, sum(a) FILTER (WHERE d = 'in') AS in_sum,
    avg(a) FILTER (WHERE d = 'in') AS in_mean, max(a) FILTER (WHERE d = 'in') AS in_max,
    count(*) FILTER (WHERE d = 'out') AS out_n, sum(a) FILTER (WHERE d = 'out') AS out_sum,
    avg(a) FILTER (WHERE d = 'out') AS out_mean, max(a) FILTER (WHERE d = 'out') AS out_max
FROM (SELECT to_account AS account, 'in' AS d, CAST(amount AS DOUBLE) AS a FROM transfers
      UNION ALL
      SELECT from_account, 'out', CAST(amount AS DOUBLE) FROM transfers)
GROUP BY account"""
HEADER = (
    f"{'data set':<24}{'method':<10}{'P':>7}{'R':>7}{'F1':>7}{'PR-AUC':>8}{'pos':>6}{'test':>7}"
)


def load_store(path: Path, accounts: Path | None = None) -> tuple[TransferStore, AccountKeys]:
    """A fresh in-memory store holding the file (and the synthetic accounts table)."""
    store, keys = TransferStore(None), AccountKeys(b"bench-mules")
    load_transfer_file(store, path, accounts=keys)
    if accounts is not None:
        raws = pq.read_table(accounts, columns=["account"]).column("account").to_pylist()
        with store.writing() as db:
            db.register("keys", keys.table(raws))
            db.execute(
                "INSERT INTO accounts SELECT coalesce(k.account, a.account), a.bank, "
                "a.holder_id, a.opened_at, a.holder_birth_year, a.holder_country, "
                "a.device_id, a.ip FROM read_parquet(?) a LEFT JOIN keys k ON k.raw = a.account",
                [str(accounts)],
            )
    return store, keys


def period(full: TransferStore, where: str) -> TransferStore:
    """An in-memory copy of the store keeping only the transfers that match ``where``."""
    part, cursor = TransferStore(None), full.reading()
    try:
        tx = cursor.sql(f"SELECT * FROM transfers WHERE {where}").to_arrow_table()
        acct = cursor.sql("SELECT * FROM accounts").to_arrow_table()
    finally:
        cursor.close()
    with part.writing() as db:
        db.register("tx_part", tx)
        db.register("acct_part", acct)
        db.execute("INSERT INTO transfers SELECT * FROM tx_part")
        db.execute("INSERT INTO accounts SELECT * FROM acct_part")
    return part


def baseline_matrix(store: TransferStore, accounts: list[str]) -> np.ndarray:
    cursor = store.reading()
    try:
        rows = {r[0]: r[1:] for r in cursor.execute(_BASE_SQL).fetchall()}
    finally:
        cursor.close()
    empty = (0,) * len(BASE_NAMES)
    return np.array([[v or 0 for v in rows.get(a, empty)] for a in accounts], dtype=float)


def best_threshold(y: np.ndarray, scores: np.ndarray) -> float:
    precision, recall, cuts = precision_recall_curve(y, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(cuts[int(np.argmax(f1[:-1]))]) if len(cuts) else 0.5


def baseline(x: np.ndarray, y: np.ndarray, x_test: np.ndarray) -> tuple[np.ndarray, float]:
    """LightGBM with the model's parameters; threshold by F1 on out-of-fold scores."""
    folds = StratifiedKFold(n_splits=min(5, int(y.sum())), shuffle=True, random_state=17)
    oof = np.zeros(len(y))
    for train, test in folds.split(x, y):
        oof[test] = lgb.train(_PARAMS, lgb.Dataset(x[train], y[train]), _ROUNDS).predict(x[test])
    booster = lgb.train(_PARAMS, lgb.Dataset(x, y), _ROUNDS)
    return np.asarray(booster.predict(x_test), dtype=float), best_threshold(y, oof)


def row(name: str, method: str, y: np.ndarray, scores: np.ndarray, threshold: float) -> float:
    flagged = scores >= threshold
    tp = int((flagged & (y == 1)).sum())
    p = tp / flagged.sum() if flagged.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    ap = average_precision_score(y, scores) if y.sum() else float("nan")
    print(f"{name:<24}{method:<10}{p:7.3f}{r:7.3f}{f1:7.3f}{ap:8.3f}{int(y.sum()):6d}{len(y):7d}")
    return f1


def f1_of(y: np.ndarray, scores: np.ndarray, threshold: float) -> float:
    flagged = scores >= threshold
    tp = int((flagged & (y == 1)).sum())
    return 2 * tp / (int(flagged.sum()) + int(y.sum())) if tp else 0.0


def labelled(features: pa.Table, labels: dict[str, int]) -> np.ndarray:
    return np.array([labels.get(a, 0) for a in features.column("account").to_pylist()], int)


def trained(
    features: pa.Table,
    labels: dict[str, int],
    *,
    accounts: set[str] | None = None,
    inputs: tuple[str, ...] = MODEL_INPUTS,
) -> MuleModel:
    """``train_mule_model`` on the rows of ``accounts`` (all by default), one fold per account."""
    if accounts is not None:
        keep = [a in accounts for a in features.column("account").to_pylist()]
        features = features.filter(pa.array(keep))
    owners = np.array(features.column("account").to_pylist())
    return train_mule_model(features, labelled(features, labels), inputs=inputs, groups=owners)


def validation(earlier: TransferStore, later: TransferStore, labels: dict[str, int]) -> None:
    """The split inside the training period that chose the model's inputs and windows."""
    whole, f_b = duckdb_features(earlier, NO_KNOWN), duckdb_features(later, NO_KNOWN)
    windows = duckdb_training_features(earlier, NO_KNOWN)
    y_b = labelled(f_b, labels)
    results = []
    for label, features, inputs in (
        ("all features", whole, FEATURE_NAMES),
        ("no period totals", whole, MODEL_INPUTS),
        ("no totals + windows", windows, MODEL_INPUTS),
    ):
        model = trained(features, labels, inputs=inputs)
        results.append(f"{label} F1 {f1_of(y_b, model.score(f_b)[0], model.threshold):.3f}")
    print(f"#   validation inside the training period: {'; '.join(results)}")


def random_splits(name: str, store: TransferStore, labels: dict[str, int]) -> None:
    """5 random 70/30 stratified account splits, features on the whole period."""
    features = duckdb_features(store, NO_KNOWN)
    windows = duckdb_training_features(store, NO_KNOWN)
    accounts = features.column("account").to_pylist()
    y = labelled(features, labels)
    base = baseline_matrix(store, accounts)
    ours, theirs = [], []
    for seed in range(5):
        split = StratifiedShuffleSplit(n_splits=1, test_size=0.3, random_state=seed)
        train, test = next(split.split(base, y))
        model = trained(windows, labels, accounts={accounts[i] for i in train})
        ours.append(f1_of(y[test], model.score(features.take(test))[0], model.threshold))
        scores, threshold = baseline(base[train], y[train], base[test])
        theirs.append(f1_of(y[test], scores, threshold))
    print(
        f"{name:<24}5x70/30   model F1 {np.mean(ours):.3f} (min {min(ours):.3f}), "
        f"baseline F1 {np.mean(theirs):.3f} (min {min(theirs):.3f})"
    )


def chained(
    store: TransferStore, accounts: list[str], scores: np.ndarray, threshold: float
) -> np.ndarray:
    """Scores after ``cyberpol mules score``'s last step: accounts fed by flagged ones."""
    flagged = [a for a, s in zip(accounts, scores.tolist(), strict=True) if s >= threshold]
    fed = fed_by_flagged(store, flagged)
    share = np.array([fed[a][0] if a in fed else 0.0 for a in accounts])
    return np.where(share > 0, np.maximum(np.maximum(scores, threshold), share), scores)


def recipe_b(seeds: range = range(1, 6)) -> None:
    """The shipped model on the second generator (``tests/mules/recipe_b.py``), no labels."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.mules.recipe_b import generate

    shipped = MuleModel.load(DEFAULT_MODELS)
    assert shipped is not None
    with tempfile.TemporaryDirectory(prefix="recipe-b-") as tmp:
        for seed in seeds:
            data = generate(Path(tmp) / f"b{seed}.parquet", seed=seed)
            store, _ = load_store(data.path)
            features = duckdb_features(store, NO_KNOWN)
            accounts = features.column("account").to_pylist()
            y = np.array([int(a in data.drops) for a in accounts])
            scores = shipped.score(features)[0]
            name = f"recipe B seed {seed}"
            row(name, "shipped", y, scores, shipped.threshold)
            row(name, "shipped+ch", y, chained(store, accounts, scores, shipped.threshold),
                shipped.threshold)  # fmt: skip
            store.close()


def evaluate(
    name: str, train: TransferStore, test: TransferStore, labels: list[dict[str, int]]
) -> None:
    """Features on each part, labels[0] for training accounts and labels[-1] for test ones."""
    started = time.perf_counter()
    f_train, f_test = duckdb_features(train, NO_KNOWN), duckdb_features(test, NO_KNOWN)
    windows = duckdb_training_features(train, NO_KNOWN)
    a_train = f_train.column("account").to_pylist()
    a_test = f_test.column("account").to_pylist()
    y_train = np.array([labels[0].get(a, 0) for a in a_train], dtype=int)
    y_test = np.array([labels[-1].get(a, 0) for a in a_test], dtype=int)
    print(
        f"# {name}: train {len(y_train)} accounts ({y_train.sum()} positive), "
        f"test {len(y_test)} ({y_test.sum()} positive); features "
        f"{time.perf_counter() - started:.1f} s"
    )
    model = trained(windows, labels[0])
    scores = model.score(f_test)[0]
    row(name, "model", y_test, scores, model.threshold)
    row(name, "model+ch", y_test, chained(test, a_test, scores, model.threshold), model.threshold)
    shipped = MuleModel.load(DEFAULT_MODELS)
    if shipped is not None:  # as a fresh install scores: no labels, no retraining
        row(name, "shipped", y_test, shipped.score(f_test)[0], shipped.threshold)
    rules, _ = rule_scores(columns(f_test))
    row(name, "rules", y_test, rules, 0.5)
    scores, threshold = baseline(
        baseline_matrix(train, a_train), y_train, baseline_matrix(test, a_test)
    )
    row(name, "baseline", y_test, scores, threshold)
    gain = model.booster.feature_importance("gain")
    top = ", ".join(f"{model.inputs[i]} {gain[i] / gain.sum():.0%}" for i in np.argsort(-gain)[:6])
    print(
        f"#   model threshold {model.threshold:.3f}, cv F1 {model.metrics['cv_f1']:.3f}; "
        f"top gain: {top}; {time.perf_counter() - started:.1f} s"
    )


def time_split(
    name: str,
    path: Path,
    labels: dict[str, int],
    split_day: float,
    validation_day: float,
    known: dict[str, int] | None = None,
) -> None:
    """``known``: the labels a bank would hold at the cut, when the set says when fraud was
    seen; the model is then trained on those as well, and the test keeps ``labels``."""
    store, _ = load_store(path)
    cut = (EPOCH + timedelta(days=split_day)).isoformat()
    early = (EPOCH + timedelta(days=validation_day)).isoformat()
    train = period(store, f"ts < TIMESTAMPTZ '{cut}'")
    test = period(store, f"ts >= TIMESTAMPTZ '{cut}'")
    evaluate(name, train, test, [labels])
    if known is not None:
        evaluate(f"{name.split(' (')[0]} known@cut", train, test, [known, labels])
    validation(
        period(store, f"ts < TIMESTAMPTZ '{early}'"),
        period(store, f"ts >= TIMESTAMPTZ '{early}' AND ts < TIMESTAMPTZ '{cut}'"),
        labels,
    )
    random_splits(name, store, labels)
    store.close()


def amlgentex() -> None:
    folder = AML / "amlgentex-template"
    if not folder.exists():
        print(f"# skip AMLGentex: {folder} is absent")
        return
    acct = pacsv.read_csv(folder / "accounts.csv").to_pydict()
    labels = {
        str(a): int(str(s).lower() in ("true", "1"))
        for a, s in zip(acct["ACCOUNT_ID"], acct["IS_SAR"], strict=True)
    }
    time_split("AMLGentex (day 60)", folder / "tx_log.parquet", labels, 60, 40)


def amlsim() -> None:
    folder = AML / "amlsim-20k-fanin-cycle"
    if not folder.exists():
        print(f"# skip AMLSim: {folder} is absent")
        return
    nodes = pacsv.read_csv(folder / "nodes.csv").to_pydict()
    labels = {str(a): int(f) for a, f in zip(nodes["nodeid"], nodes["isFraud"], strict=True)}
    steps = pacsv.read_csv(folder / "transactions.csv").column("time").to_numpy()
    median = float(np.median(steps))
    # ``fraudStep`` is a step at which the account took part in a cycle (-1: a fan-in account,
    # no step given). 641 fraud accounts have theirs after the cut: trained as drops on a
    # period where most of their laundering is still to come, they teach the model noise and
    # pull its threshold down. A bank at the cut knows only what has happened by then.
    known = {
        str(a): int(f and s < median)
        for a, f, s in zip(nodes["nodeid"], nodes["isFraud"], nodes["fraudStep"], strict=True)
    }
    time_split(
        f"AMLSim 20k (step {median:g})",
        folder / "transactions.csv",
        labels,
        median,
        round(median * 2 / 3),
        known,
    )
    generator_rule(folder, labels, median)


def generator_rule(folder: Path, labels: dict[str, int], cut: float) -> None:
    """AMLSim's generator draws every ordinary amount from 100 up and every laundering amount
    below 100: the rule "an account with any transfer under 100" on the test period is what
    a model that had learned the generator would flag, a yardstick for the time split."""

    def accounts(where: str) -> set[str]:
        rows = duckdb.execute(
            f"SELECT DISTINCT unnest([sourceNodeId, targetNodeId]) FROM "
            f"read_csv('{folder / 'transactions.csv'}') WHERE time >= {cut} {where}"
        ).fetchall()
        return {str(a) for (a,) in rows}

    flagged, active = accounts("AND value < 100"), accounts("")
    tp = sum(labels.get(a, 0) for a in flagged)
    positives = sum(labels.get(a, 0) for a in active)
    p, r = tp / max(len(flagged), 1), tp / max(positives, 1)
    print(
        f"#   AMLSim's own amount rule on the test period: P {p:.3f} R {r:.3f} "
        f"F1 {2 * p * r / max(p + r, 1e-12):.3f}"
    )


def synth(transfers: int) -> None:
    if importlib.util.find_spec("cyberpol.synth.transfers") is None:
        print("# skip synthetic: cyberpol.synth.transfers.generate_transfers does not exist yet")
        return
    from cyberpol.synth.transfers import generate_transfers

    stores, labels = [], []
    with tempfile.TemporaryDirectory(prefix="mule-bench-") as tmp:
        for seed in (1, 2):
            folder = Path(tmp) / f"seed{seed}"
            generate_transfers(folder, transfers=transfers, seed=seed)
            store, keys = load_store(folder / "transfers.parquet", folder / "accounts.parquet")
            table = pq.read_table(folder / "account_labels.parquet", columns=["account", "is_mule"])
            key = keys.table(table.column("account").to_pylist()).column("account").to_pylist()
            mule = table.column("is_mule").to_pylist()
            labels.append({k: int(bool(m)) for k, m in zip(key, mule, strict=True) if k})
            stores.append(store)
    evaluate(f"synthetic {transfers // 1000}k s1→s2", stores[0], stores[1], labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-synth", action="store_true", help="skip the synthetic seeds")
    parser.add_argument("--synth-transfers", type=int, default=1_000_000, metavar="N")
    args = parser.parse_args()
    # One LightGBM thread: on a shared 2-core machine two threads spin-wait and run ~10x
    # slower. The model's other parameters are left as they are.
    boosting.PARAMS["num_threads"] = 1
    started = time.perf_counter()
    print(HEADER)
    amlgentex()
    amlsim()
    recipe_b()
    if not args.skip_synth:
        synth(args.synth_transfers)
    print(
        "# Targets (issue 9): time split F1 AMLSim >= 0.73, AMLGentex >= 0.75; 5x70/30 "
        "AMLSim >= 0.82, AMLGentex >= 0.92; synthetic held-out P and R >= 0.95; shipped "
        "model on recipe B F1 >= 0.90."
    )
    print(
        "# Published bar, IBM HI-Small (not available here), minority-class F1 on transfers: "
        "Multi-PNA+EU 68.16; GBT on graph features 62.86-64.77; plain boosting ~20."
    )
    print(f"# total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
