"""The SIM-box model CyberPol ships: trained on synthetic weeks, so scoring works on day one.

Several small seeds rather than one big one: each seed plants one box of every strategy, and
the model should see many boxes, not many SIMs of few. ``cyberpol synth simbox-model``
rebuilds it: the same seeds and size give the same file, byte for byte. A model trained on
local verdicts (``cyberpol simbox train``) replaces it wherever one exists.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from cyberpol.platform.boosting import columns
from cyberpol.synth.calls import generate_calls
from cyberpol.synth.calls.population import BUSINESS_KINDS
from cyberpol.telecom.detectors import FLAG_AT, group_devices, judged, rule_scores
from cyberpol.telecom.store.call_store import CallStore
from cyberpol.telecom.store.features import FEATURES, duckdb_sim_features
from cyberpol.telecom.store.model import SimboxModel, train_simbox
from cyberpol.telecom.store.simbox import modules_and_cells

TRAINING_SEEDS = tuple(range(1, 9))
TRAINING_RECORDS = 300_000
HELD_OUT_SEEDS = (101, 102, 103, 104)
HELD_OUT_RECORDS = 1_000_000


@dataclass(frozen=True, slots=True)
class LabelledSims:
    """A generated week's SIM features with what the generator planted, row for row."""

    features: pa.Table
    is_simbox: np.ndarray  # bool
    box: np.ndarray  # str: "<seed>-<box>" for box SIMs, the IMSI for the rest
    kind: np.ndarray  # str: a box's strategy, or ordinary / call_centre / taxi_dispatch
    modules: list[tuple[str, str]]  # (imsi, imei) pairs, for counting boxes
    cells: list[tuple[str, str]]  # (imsi, cell) pairs


def synthetic_sims(folder: Path, *, records: int, seed: int) -> LabelledSims:
    """Generate a week, load it into a call store in memory and compute every SIM's features."""
    generate_calls(folder, records=records, seed=seed)
    store = CallStore(None)
    try:
        store.load_file(folder / "calls.parquet", operator=None, requested_format="auto")
        with store.file.writing() as db:
            # One thread sums in one order, so the same seed gives the same model file.
            db.execute("SET threads TO 1")
            features = duckdb_sim_features(db)
            modules, cells = modules_and_cells(db)
    finally:
        store.close()
    labels = {r["imsi"]: r for r in pq.read_table(folder / "sim_labels.parquet").to_pylist()}
    imsis = features.column("imsi").to_pylist()
    rows = [labels[i] for i in imsis]
    # A box SIM's fold is its box (seeds apart); any other SIM is its own.
    pairs = zip(imsis, rows, strict=True)
    groups = [f"{seed}-{r['box']}" if r["is_simbox"] else i for i, r in pairs]
    return LabelledSims(
        features,
        np.array([r["is_simbox"] for r in rows], dtype=bool),
        np.array(groups),
        np.array([r["strategy"] if r["is_simbox"] else r["kind"] for r in rows]),
        modules,
        cells,
    )


def combine(weeks: Iterable[LabelledSims]) -> LabelledSims:
    """Several weeks as one training set (their SIMs and boxes are distinct by seed)."""
    weeks = list(weeks)
    return LabelledSims(
        pa.concat_tables([w.features for w in weeks]),
        np.concatenate([w.is_simbox for w in weeks]),
        np.concatenate([w.box for w in weeks]),
        np.concatenate([w.kind for w in weeks]),
        [pair for w in weeks for pair in w.modules],
        [pair for w in weeks for pair in w.cells],
    )


def training_weeks(
    work: Path, *, seeds: Iterable[int] = TRAINING_SEEDS, records: int = TRAINING_RECORDS
) -> LabelledSims:
    return combine(synthetic_sims(work / f"s{s}", records=records, seed=s) for s in seeds)


def measure(
    model: SimboxModel | None, weeks: Iterable[LabelledSims], prefix: str
) -> dict[str, float]:
    """Precision, recall, false alarms per 10,000 ordinary SIMs, alarms on business lines and
    boxes found against planted, of the model (or the rules when None) over some weeks (each
    week's boxes counted in its own cells: the generator's cell names repeat)."""
    hits = alarms = positives = false_ordinary = ordinary = business = found = planted = 0
    for week in weeks:
        # Flagged as `simbox score` flags (the known-box rule aside: a week has no history).
        features = columns(week.features, FEATURES)
        if model is None:
            flagged = judged(rule_scores(features)[0], FLAG_AT, features)
        else:
            flagged = judged(model.score(week.features)[0], model.threshold, features)
        y = week.is_simbox
        hits += int((flagged & y).sum())
        alarms += int(flagged.sum())
        positives += int(y.sum())
        people = week.kind == "ordinary"
        false_ordinary += int((flagged & people).sum())
        ordinary += int(people.sum())
        business += int((flagged & np.isin(week.kind, BUSINESS_KINDS)).sum())
        imsis = week.features.column("imsi").to_pylist()
        boxes = group_devices(
            week.modules, week.cells, {i for i, f in zip(imsis, flagged, strict=True) if f}
        )
        found += len({d for d in boxes.values() if d})
        planted += len(set(week.box[y].tolist()))
    return {
        f"{prefix}_precision": round(hits / max(alarms, 1), 4),
        f"{prefix}_recall": round(hits / max(positives, 1), 4),
        f"{prefix}_false_alarms_per_10k": round(10_000 * false_ordinary / max(ordinary, 1), 2),
        f"{prefix}_business_alarms": float(business),
        f"{prefix}_boxes_found": float(found),
        f"{prefix}_boxes_planted": float(planted),
    }


def train_on(week: LabelledSims, *, version: str | None = None) -> SimboxModel:
    """The SIM-box model fitted to a labelled set, one fold per box."""
    return train_simbox(week.features, week.is_simbox, groups=week.box, version=version)


def build_default_model(
    out: Path,
    *,
    seeds: Iterable[int] = TRAINING_SEEDS,
    records: int = TRAINING_RECORDS,
    held_out_seeds: Iterable[int] = HELD_OUT_SEEDS,
    held_out_records: int = HELD_OUT_RECORDS,
) -> SimboxModel:
    """Train on ``seeds``, measure on ``held_out_seeds`` (unseen), save into ``out``."""
    seeds, held_out_seeds = tuple(seeds), tuple(held_out_seeds)
    with tempfile.TemporaryDirectory() as work:
        train = training_weeks(Path(work), seeds=seeds, records=records)
        held_out = [
            synthetic_sims(Path(work) / f"test{s}", records=held_out_records, seed=s)
            for s in held_out_seeds
        ]
    version = f"synth-s{seeds[0]}-{seeds[-1]}-n{records}"
    model = train_on(train, version=version)
    metrics = (
        dict(model.metrics)
        | {
            "held_out_seeds": float(len(held_out_seeds)),
            "held_out_first_seed": float(held_out_seeds[0]),
            "held_out_sims": float(sum(len(w.kind) for w in held_out)),
        }
        | measure(model, held_out, "held_out")
        | measure(None, held_out, "held_out_rules")
    )
    shipped = SimboxModel(model.booster, model.threshold, model.version, metrics, model.inputs)
    shipped.save(out)
    return shipped
