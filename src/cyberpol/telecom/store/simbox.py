"""Score every SIM in the call store with the SIM-box rules, group the flagged into boxes,
and keep the run in the store for the workspace to read."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.boosting import columns
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.telecom.detectors import (
    FLAG_AT,
    KNOWN_BOX_SIMS,
    group_devices,
    in_known_box,
    judged,
    rule_scores,
)
from cyberpol.telecom.domain.records import SimboxDevice, SimboxRun, SimboxTraining, SimScore
from cyberpol.telecom.store.engines import sim_features
from cyberpol.telecom.store.features import FEATURES
from cyberpol.telecom.store.model import DEFAULT_MODELS, SimboxModel, train_simbox


def modules_and_cells(
    db: duckdb.DuckDBPyConnection,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Which modules (IMEIs) and which cells each SIM was seen in: what boxes are joined by."""
    modules = db.execute(
        "SELECT DISTINCT imsi, imei FROM calls WHERE imsi IS NOT NULL AND imei IS NOT NULL"
    ).fetchall()
    cells = db.execute(
        "SELECT DISTINCT imsi, cell_id FROM calls WHERE imsi IS NOT NULL AND cell_id IS NOT NULL"
    ).fetchall()
    return modules, cells


def score_sims(
    store: DuckDbFile, *, engine: str = "duckdb", spark_master: str = "", models: Path | None = None
) -> SimboxRun:
    """Score all SIMs now (features on DuckDB or Spark) with the local model, else the
    shipped one, else the rules; the previous run is replaced whole."""
    model = (SimboxModel.load(models) if models else None) or SimboxModel.load(DEFAULT_MODELS)
    with store.writing() as db:
        table = sim_features(db, engine=engine, spark_master=spark_master)
        modules, cells = modules_and_cells(db)
        features = columns(table, FEATURES)
        score, reasons = rule_scores(features)
        threshold, version = FLAG_AT, "rules"
        if model is not None:
            score, model_reasons = model.score(table)
            # The model ranks; the rules' words explain, and the model's own fill in.
            reasons = [r or tuple(m) for r, m in zip(reasons, model_reasons, strict=True)]
            threshold, version = model.threshold, model.version
        imsis = table.column("imsi").to_pylist()
        known = {imei for (imei,) in db.execute("SELECT imei FROM known_modules").fetchall()}
        cleared = {i for (i,) in db.execute(
            "SELECT imsi FROM sim_verdicts WHERE NOT is_simbox").fetchall()}  # fmt: skip
        score, in_box = in_known_box(imsis, score, reasons, modules, known, cleared)
        marked = judged(score, threshold, features) | in_box
        flagged = {i for i, f in zip(imsis, marked, strict=True) if f}
        boxes = group_devices(modules, cells, flagged)
        _remember_boxes(db, boxes, modules)
        rows = pa.table(
            {
                "imsi": imsis,
                "number": table.column("number"),
                "score": pa.array(score),
                "device": [boxes.get(i, "") for i in imsis],
                "reasons": [
                    json.dumps([[r.code, r.value, r.weight] for r in rs]) for rs in reasons
                ],
                "flagged": pa.array(marked, pa.bool_()),
                "model": pa.array([version] * len(imsis), pa.string()),
            }
        )
        db.execute("DELETE FROM sim_scores")
        db.register("scored", rows)
        db.execute(
            "INSERT INTO sim_scores (imsi, number, score, device, reasons, flagged, model) "
            "SELECT imsi, number, score, device, reasons, flagged, model FROM scored"
        )
        db.unregister("scored")
    return SimboxRun(
        sims=len(imsis),
        flagged=len(flagged),
        devices=len({d for d in boxes.values() if d}),
        model=version,
    )


# A run from before models were kept has no flag: its scores were the rules'.
_FLAGGED = f"coalesce(flagged, score >= {FLAG_AT})"


def load_sim_labels(store: DuckDbFile, path: Path) -> int:
    """Ground truth from a file with ``imsi`` and ``is_simbox`` columns (CSV or Parquet), as
    the generator writes it; a later file's word on a SIM replaces an earlier one's."""
    try:
        table = pq.read_table(path) if path.suffix == ".parquet" else pacsv.read_csv(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InvalidInput(f"{path.name}: not a readable CSV or Parquet file ({exc})") from exc
    if not {"imsi", "is_simbox"} <= set(table.column_names):
        raise InvalidInput(f"{path.name}: expected columns imsi and is_simbox")
    try:  # checked here, before the store is touched: a refused file writes nothing
        clean = pa.table({
            "imsi": pc.cast(table.column("imsi"), pa.string()),
            "is_simbox": pc.cast(table.column("is_simbox"), pa.bool_()),
        })  # fmt: skip
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise InvalidInput(f"{path.name}: is_simbox must be true or false ({exc})") from exc
    with store.writing() as db:
        db.register("labels_arrow", clean)
        try:
            db.execute(
                "INSERT INTO sim_labels (imsi, is_simbox, kind) "
                "SELECT DISTINCT ON (imsi) imsi, is_simbox, 'label_file' FROM labels_arrow "
                "WHERE imsi IS NOT NULL AND is_simbox IS NOT NULL "
                "ON CONFLICT (imsi) DO UPDATE SET is_simbox = excluded.is_simbox"
            )
        finally:
            db.unregister("labels_arrow")
    return int(table.num_rows)


def train_simbox_model(store: DuckDbFile, models: Path) -> SimboxTraining:
    """A new model version from every labelled SIM in the store (analysts' verdicts win over
    label files), one fold per box the last run put SIMs in; saved as the current model."""
    with store.writing() as db:
        table = sim_features(db, engine="duckdb", spark_master="")
        labels = dict(db.execute(
            "SELECT imsi, is_simbox FROM sim_labels WHERE imsi NOT IN "
            "(SELECT imsi FROM sim_verdicts) UNION ALL SELECT imsi, is_simbox FROM sim_verdicts"
        ).fetchall())  # fmt: skip
        devices = dict(db.execute(
            "SELECT imsi, device FROM sim_scores WHERE device <> ''").fetchall())  # fmt: skip
    imsis = table.column("imsi").to_pylist()
    keep = np.array([i in labels for i in imsis], dtype=bool)
    if not keep.any():
        raise InvalidInput("No labelled SIMs among the loaded records: label SIMs or load labels")
    chosen = table.filter(pa.array(keep))
    sims = chosen.column("imsi").to_pylist()
    y = np.array([labels[i] for i in sims], dtype=bool)
    model = train_simbox(chosen, y, groups=np.array([devices.get(i, i) for i in sims]))
    model.save(models)
    return SimboxTraining(
        model.version, model.threshold, int(y.sum()), int((~y).sum()), dict(model.metrics)
    )


def _remember_boxes(
    db: duckdb.DuckDBPyConnection, boxes: dict[str, str], modules: list[tuple[str, str]]
) -> None:
    """The modules of this run's boxes (of KNOWN_BOX_SIMS flagged SIMs or more) become
    known, so the SIMs put into them next are flagged even before they call much."""
    sizes: dict[str, int] = {}
    for device in boxes.values():
        if device:  # "" is no box: the SIMs flagged alone
            sizes[device] = sizes.get(device, 0) + 1
    rows = {(imei, boxes[imsi]) for imsi, imei in modules
            if sizes.get(boxes.get(imsi, ""), 0) >= KNOWN_BOX_SIMS}  # fmt: skip
    if rows:
        db.executemany(
            "INSERT INTO known_modules (imei, device) VALUES (?, ?) ON CONFLICT DO NOTHING",
            sorted(rows),
        )


def record_sim_verdict(
    store: DuckDbFile, imsi: str, *, is_simbox: bool, analyst: str, at: datetime
) -> bool:
    """An analyst's word on a SIM; False when the store has never seen the SIM. A box SIM's
    modules become known; a cleared SIM's are forgotten."""
    with store.writing() as db:
        # One scan: no row at all means the SIM was never seen; a NULL, records without IMEI.
        found = [imei for (imei,) in db.execute(
            "SELECT DISTINCT imei FROM calls WHERE imsi = ?", [imsi]
        ).fetchall()]  # fmt: skip
        if not found:
            return False
        imeis = [imei for imei in found if imei is not None]
        db.execute(
            "INSERT INTO sim_verdicts VALUES (?, ?, ?, ?) ON CONFLICT (imsi) DO UPDATE SET "
            "is_simbox = excluded.is_simbox, analyst = excluded.analyst, "
            "decided_at = excluded.decided_at",
            [imsi, is_simbox, analyst, at],
        )
        if imeis and is_simbox:
            box = f"BOX-{min(imeis)}"
            db.executemany(
                "INSERT INTO known_modules (imei, device) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(i, box) for i in imeis],
            )
        elif imeis:
            db.executemany("DELETE FROM known_modules WHERE imei = ?", [(i,) for i in imeis])
    return True


def simbox_numbers(store: DuckDbFile) -> set[str]:
    """Numbers of the SIMs the last run flagged (the call verdicts flag their calls)."""
    cursor = store.reading()
    try:
        rows = cursor.execute(
            f"SELECT number FROM sim_scores WHERE {_FLAGGED} AND number IS NOT NULL"
        ).fetchall()
    finally:
        cursor.close()
    return {number for (number,) in rows}


def sim_scores(
    store: DuckDbFile, *, limit: int, flagged_only: bool, device: str | None = None
) -> list[SimScore]:
    """The last run's SIMs, the highest scores first; ``device``: one box's only."""
    conditions = ([_FLAGGED] if flagged_only else []) + (["device = ?"] if device else [])
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    cursor = store.reading()
    try:
        rows = cursor.execute(
            f"SELECT imsi, number, score, device, reasons, {_FLAGGED} FROM sim_scores {where} "
            "ORDER BY score DESC, imsi LIMIT ?", [*([device] if device else []), limit]
        ).fetchall()  # fmt: skip
    finally:
        cursor.close()
    return [
        SimScore(imsi, number, float(score), device,
                 tuple(RuleResult(c, float(v), float(w)) for c, v, w in json.loads(reasons)),
                 bool(flagged))
        for imsi, number, score, device, reasons, flagged in rows
    ]  # fmt: skip


def simbox_devices(store: DuckDbFile) -> list[SimboxDevice]:
    """The boxes of the last run, the most SIMs first."""
    cursor = store.reading()
    try:
        rows = cursor.execute(
            "SELECT device, count(*), max(score), list(number ORDER BY score DESC, number)[1:5] "
            "FROM sim_scores WHERE device <> '' GROUP BY device ORDER BY count(*) DESC, device"
        ).fetchall()
    finally:
        cursor.close()
    return [
        SimboxDevice(device, int(n), float(top), tuple(x for x in numbers if x))
        for device, n, top, numbers in rows
    ]
