"""Score every SIM in the call store with the SIM-box rules, group the flagged into boxes,
and keep the run in the store for the workspace to read."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pyarrow as pa

from cyberpol.kernel.detection import RuleResult
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.telecom.detectors import (
    FLAG_AT,
    KNOWN_BOX_SIMS,
    group_devices,
    in_known_box,
    rule_scores,
)
from cyberpol.telecom.domain.records import SimboxDevice, SimboxRun, SimScore
from cyberpol.telecom.store.engines import sim_features
from cyberpol.telecom.store.features import FEATURES


def score_sims(store: DuckDbFile, *, engine: str = "duckdb", spark_master: str = "") -> SimboxRun:
    """Score all SIMs now (features on DuckDB or Spark); the previous run is replaced whole."""
    with store.writing() as db:
        table = sim_features(db, engine=engine, spark_master=spark_master)
        modules = db.execute(
            "SELECT DISTINCT imsi, imei FROM calls WHERE imsi IS NOT NULL AND imei IS NOT NULL"
        ).fetchall()
        cells = db.execute(
            "SELECT DISTINCT imsi, cell_id FROM calls "
            "WHERE imsi IS NOT NULL AND cell_id IS NOT NULL"
        ).fetchall()
        columns = {
            f: table.column(f).to_numpy(zero_copy_only=False).astype(float) for f in FEATURES
        }
        score, reasons = rule_scores(columns)
        imsis = table.column("imsi").to_pylist()
        known = {imei for (imei,) in db.execute("SELECT imei FROM known_modules").fetchall()}
        cleared = {i for (i,) in db.execute(
            "SELECT imsi FROM sim_verdicts WHERE NOT is_simbox").fetchall()}  # fmt: skip
        score = in_known_box(imsis, score, reasons, modules, known, cleared)
        flagged = {i for i, s in zip(imsis, score, strict=True) if s >= FLAG_AT}
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
            }
        )
        db.execute("DELETE FROM sim_scores")
        db.register("scored", rows)
        db.execute("INSERT INTO sim_scores SELECT imsi, number, score, device, reasons FROM scored")
        db.unregister("scored")
    return SimboxRun(sims=len(imsis), flagged=len(flagged), devices=len(set(boxes.values())))


def _remember_boxes(
    db: duckdb.DuckDBPyConnection, boxes: dict[str, str], modules: list[tuple[str, str]]
) -> None:
    """The modules of this run's boxes (of KNOWN_BOX_SIMS flagged SIMs or more) become
    known, so the SIMs put into them next are flagged even before they call much."""
    sizes: dict[str, int] = {}
    for device in boxes.values():
        sizes[device] = sizes.get(device, 0) + 1
    rows = {(imei, boxes[imsi]) for imsi, imei in modules
            if sizes.get(boxes.get(imsi, ""), 0) >= KNOWN_BOX_SIMS and boxes[imsi]}  # fmt: skip
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
            f"SELECT number FROM sim_scores WHERE score >= {FLAG_AT} AND number IS NOT NULL"
        ).fetchall()
    finally:
        cursor.close()
    return {number for (number,) in rows}


def sim_scores(store: DuckDbFile, *, limit: int, flagged_only: bool) -> list[SimScore]:
    """The last run's SIMs, the highest scores first."""
    cursor = store.reading()
    try:
        where = f"WHERE score >= {FLAG_AT}" if flagged_only else ""
        rows = cursor.execute(
            f"SELECT imsi, number, score, device, reasons FROM sim_scores {where} "
            "ORDER BY score DESC, imsi LIMIT ?", [limit]
        ).fetchall()  # fmt: skip
    finally:
        cursor.close()
    return [
        SimScore(imsi, number, float(score), device,
                 tuple(RuleResult(c, float(v), float(w)) for c, v, w in json.loads(reasons)))
        for imsi, number, score, device, reasons in rows
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
