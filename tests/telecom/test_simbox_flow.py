"""SIM-boxes as the unit finds them: an operator's week loaded at the console, scored with
`cyberpol simbox score --out`, then read over the API by an analyst, with every read
audited and partners refused."""

from __future__ import annotations

import csv
from pathlib import Path

from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
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
    assert run.devices == 4  # one box of each strategy at this size
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
