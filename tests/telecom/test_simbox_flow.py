"""SIM-boxes as the unit finds them: an operator's week loaded at the console, scored with
`cyberpol simbox score --out`, then read over the API by an analyst, with every read
audited and partners refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.errors import Forbidden, InvalidInput
from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.cli import write_rows
from tests.factories import bearer, token_for


def test_boxes_scored_at_the_console_are_read_by_analysts(
    sqlite_runtime: Runtime, tmp_path: Path
) -> None:
    runtime = sqlite_runtime
    generate_calls(tmp_path / "week", records=150_000, seed=11)
    loaded = runtime.telecom.import_calls(actor=CONSOLE, path=tmp_path / "week" / "calls.parquet")
    assert loaded.rejected == 0
    run = runtime.telecom.score_sims(actor=CONSOLE)
    assert run.flagged > 0
    assert run.devices == 5  # one box of each strategy at this size
    out = tmp_path / "scores.csv"
    rows = [
        {"number": s.number, "imsi": s.imsi, "score": s.score, "device": s.device,
         "reasons": "; ".join(r.code for r in s.reasons)}
        for s in runtime.telecom.sim_scores(actor=CONSOLE, limit=10**9, flagged_only=False)
    ]  # fmt: skip
    write_rows(out, rows)
    with out.open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert len(written) == run.sims
    assert written[0].keys() == {"number", "imsi", "score", "device", "reasons"}
    analyst = bearer(token_for(runtime, "a.nurlanova", Role.ANALYST))
    with TestClient(create_app(runtime)) as client:
        sims = client.get("/api/v1/simbox/sims", params={"limit": 1000}, headers=analyst)
        assert sims.status_code == 200, sims.text
        body = sims.json()
        assert len(body) == run.flagged
        assert all(s["device"].startswith("BOX-") for s in body)
        assert "many_sims_on_device" in {r["code"] for r in body[0]["reasons"]}
        devices = client.get("/api/v1/simbox/devices", headers=analyst).json()
        assert sum(d["sims"] for d in devices) == run.flagged
        assert all(n.startswith("+7") for d in devices for n in d["numbers"])
        bank = bearer(token_for(runtime, "bank-x", Role.BANK, "CASPKZKA"))
        assert client.get("/api/v1/simbox/sims", headers=bank).status_code == 403
    audit = runtime.accounts.read_audit(actor=CONSOLE, object_type=AuditObject.SIMBOX,
                                        object_id="sims")  # fmt: skip
    assert [e.actor for e in audit] == ["console", "a.nurlanova"]  # the file, then the page


def _quiet_sim_in(imei: str, imsi: str, number: str) -> list[dict[str, object]]:
    """Two calls of a SIM just put into a module: nothing in them looks like a box."""
    return [
        {"record_id": f"new-{number[-2:]}-{i}", "start": f"2026-03-0{i + 1}T11:00:00+05:00",
         "duration_s": 95, "record_type": "voice", "direction": "originating",
         "calling_number": number, "called_number": f"+7701777000{i}", "imsi": imsi,
         "imei": imei, "cell_id": "ALA-0001", "operator": "KCELL"}
        for i in range(2)
    ]  # fmt: skip


def test_a_new_sim_in_a_known_box_is_flagged_until_an_analyst_clears_it(
    sqlite_runtime: Runtime, tmp_path: Path
) -> None:
    runtime = sqlite_runtime
    telecom = runtime.telecom
    generate_calls(tmp_path / "week", records=150_000, seed=11)
    telecom.import_calls(actor=CONSOLE, path=tmp_path / "week" / "calls.parquet")
    first = telecom.score_sims(actor=CONSOLE)
    box_sim = telecom.sim_scores(actor=CONSOLE, limit=1)[0]
    cursor = runtime.call_store().file.reading()
    [(imei,)] = cursor.execute(
        "SELECT min(imei) FROM calls WHERE imsi = ?", [box_sim.imsi]
    ).fetchall()
    cursor.close()
    quiet = _quiet_sim_in(imei, "401029999999901", "+77019999901")
    assert telecom.submit_calls(actor=CONSOLE, records=quiet).rows_loaded == 2
    elsewhere = _quiet_sim_in("356938035643809", "401029999999902", "+77019999902")
    sent = telecom.submit_calls(actor=CONSOLE, records=elsewhere)
    assert sent.rows_loaded == 2, sent.rejections
    second = telecom.score_sims(actor=CONSOLE)
    assert second.flagged == first.flagged + 1
    scores = {s.imsi: s for s in telecom.sim_scores(actor=CONSOLE, limit=10**6,
                                                    flagged_only=False)}  # fmt: skip
    # Its module already carried many SIMs; now the module is also a known box's.
    assert {r.code for r in scores["401029999999901"].reasons} == {"many_sims_on_device",
                                                                  "in_known_box"}  # fmt: skip
    assert scores["401029999999901"].device == box_sim.device
    ordinary_phone = scores["401029999999902"]  # the same calls in an ordinary phone
    assert not ordinary_phone.flagged
    assert ordinary_phone.device == ""
    analyst = bearer(token_for(runtime, "a.nurlanova", Role.ANALYST))
    with TestClient(create_app(runtime)) as client:
        url = "/api/v1/simbox/sims/401029999999901/verdict"
        cleared = client.post(url, headers=analyst, json={"is_simbox": False})
        assert cleared.status_code == 204, cleared.text
        unknown = client.post("/api/v1/simbox/sims/401020000000000/verdict", headers=analyst,
                              json={"is_simbox": True})  # fmt: skip
        assert unknown.status_code == 404
        operator_side = bearer(token_for(runtime, "op", Role.OPERATOR, "KCELL"))
        assert client.post(url, headers=operator_side,
                           json={"is_simbox": True}).status_code == 403  # fmt: skip
    telecom.score_sims(actor=CONSOLE)
    again = {s.imsi: s for s in telecom.sim_scores(actor=CONSOLE, limit=10**6,
                                                   flagged_only=False)}  # fmt: skip
    assert "in_known_box" not in {r.code for r in again["401029999999901"].reasons}


def test_analysts_verdicts_and_label_files_train_the_model_the_next_run_uses(
    sqlite_runtime: Runtime, tmp_path: Path
) -> None:
    runtime = sqlite_runtime
    telecom = runtime.telecom
    week = tmp_path / "week"
    generate_calls(week, records=150_000, seed=12)
    telecom.import_calls(actor=CONSOLE, path=week / "calls.parquet")
    shipped = telecom.score_sims(actor=CONSOLE)
    labels = pq.read_table(week / "sim_labels.parquet").to_pylist()
    box_sims = [r["imsi"] for r in labels if r["is_simbox"]]
    # The analyst has looked at one of the file's box SIMs and says it is no box: her word wins.
    telecom.label_sim(actor=Actor("a.nurlanova", Role.ANALYST), imsi=box_sims[0], is_simbox=False)
    with pytest.raises(Forbidden):
        telecom.train_simbox(actor=Actor("chief", Role.SUPERVISOR))
    trained = telecom.train_simbox(
        actor=Actor("a.nurlanova", Role.ANALYST), label_files=[week / "sim_labels.parquet"]
    )
    seen = {s.imsi for s in telecom.sim_scores(actor=CONSOLE, limit=10**6, flagged_only=False)}
    assert trained.box_sims == len(set(box_sims) & seen) - 1
    assert trained.other_sims == len(seen) - trained.box_sims
    assert trained.version != shipped.model
    assert (runtime.settings.data_dir / "models" / "simbox-current").read_text() == trained.version
    again = telecom.score_sims(actor=CONSOLE)
    assert again.model == trained.version
    assert again.devices == shipped.devices
    bad = tmp_path / "labels.csv"
    bad.write_text("imsi,box\n401021234567890,yes\n")
    with pytest.raises(InvalidInput, match="imsi and is_simbox"):
        telecom.train_simbox(actor=CONSOLE, label_files=[bad])
    odd = tmp_path / "odd.csv"
    odd.write_text("imsi,is_simbox\n401021234567890,maybe\n")
    with pytest.raises(InvalidInput, match="true or false"):
        telecom.train_simbox(actor=CONSOLE, label_files=[odd])
    # A refused file trains nothing and leaves the model as it was.
    assert (runtime.settings.data_dir / "models" / "simbox-current").read_text() == trained.version
