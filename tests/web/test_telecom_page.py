"""The telecom desk through the real pages and stores: an investigator reads the boxes the last
run found with the reasons in her language, rules on a SIM from its row (the next run heeds
it), and follows the block requests; operators and citizens get no such page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.clock import ManualClock
from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.domain.blocks import BlockTarget, BlockTargetKind
from tests.factories import signed_in_client


@pytest.fixture
def desk(sqlite_runtime: Runtime, tmp_path: Path) -> Iterator[tuple[TestClient, Runtime, Path]]:
    runtime = sqlite_runtime
    telecom = runtime.telecom
    generate_calls(tmp_path / "week", records=150_000, seed=21)
    telecom.import_calls(actor=CONSOLE, path=tmp_path / "week" / "calls.parquet")
    telecom.score_sims(actor=CONSOLE)
    telecom.connect_operator(actor=CONSOLE, code="KCELL", name="Kcell JSC")
    clock = ManualClock(runtime.clock() - timedelta(days=6))
    runtime.clock = clock
    telecom.request_blocks(
        actor=CONSOLE, case_number="261500031000777", legal_basis="Постановление следователя",
        targets=[BlockTarget(BlockTargetKind.NUMBER, "+77011234567", "KCELL"),
                 BlockTarget(BlockTargetKind.DEVICE, "356938035643809", "KCELL")],
    )  # fmt: skip
    clock.advance(days=6)  # two working days are long past: both are overdue
    telecom.request_blocks(
        actor=CONSOLE, case_number="261500031000778", legal_basis="Постановление следователя",
        targets=[BlockTarget(BlockTargetKind.NUMBER, "+77017654321", "KCELL")],
    )  # fmt: skip
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        signed_in_client(client, runtime, "i.sadykov", Role.INVESTIGATOR)
        yield client, runtime, tmp_path / "week"


def test_an_investigator_reads_the_boxes_and_rules_on_a_sim(
    desk: tuple[TestClient, Runtime, Path],
) -> None:
    client, runtime, week = desk
    page = client.get("/telecom")
    assert page.status_code == 200, page.text
    text = page.text
    assert "SIM-боксы и блокировка номеров" in text
    boxes = {r["box"] for r in pq.read_table(week / "sim_labels.parquet").to_pylist()
             if r["is_simbox"]}  # fmt: skip
    shown = set(re.findall(r'<a href="/telecom\?box=(BOX-\d+)#sims">', text))
    assert len(shown) == len(boxes) == 5
    # A box's own SIMs, a click away: every one of them flagged, and no other box's.
    one = sorted(shown)[0]
    its = client.get(f"/telecom?box={one}").text
    rows = re.findall(r"<td>(BOX-\d+|—)</td>", its)
    assert rows
    assert set(rows) == {one}
    # Reasons in words, with the SIM's own figure.
    assert re.search(r"<li>Через её устройство прошло много SIM-карт: \d+</li>", text)
    assert "feature:" not in text
    # The requests, each with its state and deadline; the late ones marked, and on their own.
    assert text.count("261500031000777") == 2
    assert text.count("261500031000778") == 1
    assert text.count("Отправлен") == 3
    assert text.count('class="overdue">Просрочен<') == 2
    late = client.get("/telecom?overdue=1").text
    assert late.count("261500031000777") == 2
    assert "261500031000778" not in late
    # Her verdict from the row: the SIM is no box; the next run keeps it out of known boxes.
    imsi = re.search(r'action="/telecom/sims/(\d+)/verdict"', text)
    assert imsi
    token = client.cookies["csrf"]
    url = f"/telecom/sims/{imsi.group(1)}/verdict"
    sent = client.post(url, data={"csrf_token": token, "is_simbox": "0"}, follow_redirects=False)
    assert sent.status_code == 303
    assert "решение сохранено" in client.get(sent.headers["location"]).text.lower()
    with runtime.engine.connect() as db:
        audited = db.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE object_type = ? AND object_id = ?",
            (AuditObject.SIMBOX.value, imsi.group(1)),
        ).scalar()
    assert audited == 1
    # A forged form stores nothing.
    forged = client.post(url, data={"csrf_token": "x" * 43, "is_simbox": "1"},
                         follow_redirects=False)  # fmt: skip
    assert forged.status_code == 303
    assert "refused=expired" in forged.headers["location"]
    odd = client.post(url, data={"csrf_token": token, "is_simbox": "maybe"})
    assert odd.status_code == 400
    unknown = client.post("/telecom/sims/401020000000000/verdict",
                          data={"csrf_token": token, "is_simbox": "1"})  # fmt: skip
    assert unknown.status_code == 404


def test_operators_and_strangers_get_no_desk(desk: tuple[TestClient, Runtime, Path]) -> None:
    client, runtime, _ = desk
    client.cookies.clear()
    away = client.get("/telecom", follow_redirects=False)
    assert away.status_code == 303
    assert away.headers["location"].startswith("/login")
    signed_in_client(client, runtime, "kcell.ops", Role.OPERATOR, "KCELL")
    page = client.get("/telecom")
    # An operator reads its own block requests here, and nothing of the boxes.
    assert page.status_code == 200
    assert "BOX-" not in page.text
    assert page.text.count("2615000310007") == 3
    token = client.cookies["csrf"]
    refused = client.post("/telecom/sims/401020000000000/verdict",
                          data={"csrf_token": token, "is_simbox": "1"})  # fmt: skip
    assert refused.status_code == 403
    client.cookies.clear()
    signed_in_client(client, runtime, "kaspi.ops", Role.BANK, "CASPKZKA")
    assert client.get("/telecom").status_code == 403  # a bank reads neither
