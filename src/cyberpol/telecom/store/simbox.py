"""Score every SIM in the call store with the SIM-box rules, group the flagged into boxes,
and keep the run in the store for the workspace to read."""

from __future__ import annotations

import json

import pyarrow as pa

from cyberpol.kernel.detection import RuleResult
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.telecom.detectors import FLAG_AT, group_devices, rule_scores
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
        flagged = {i for i, s in zip(imsis, score, strict=True) if s >= FLAG_AT}
        boxes = group_devices(modules, cells, flagged)
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
