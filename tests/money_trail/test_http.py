"""Banks send transfers over HTTP; an investigator traces one; everyone else is refused."""

from __future__ import annotations

import random
from pathlib import Path

from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.synth.payments import draw_iban
from tests.factories import bearer, token_for


def test_bank_sends_transfers_and_investigator_traces(client: TestClient, runtime: Runtime) -> None:
    rng = random.Random(11)
    victim, drop = draw_iban(rng, "HSBKKZKX"), draw_iban(rng, "CASPKZKA")
    mule = draw_iban(rng, "IRTYKZKA")
    bank = token_for(runtime, "kaspi-feed", Role.BANK, "CASPKZKA")
    investigator = token_for(runtime, "aidos", Role.INVESTIGATOR)
    partner = token_for(runtime, "olx", Role.PARTNER, "OLX")
    transfers = [
        {
            "transfer_id": "K-1",
            "ts": "2026-04-01T10:00:00+05:00",
            "amount": "250000",
            "from_account": victim,
            "from_bank": "HSBKKZKX",
            "to_account": drop,
            "to_bank": "CASPKZKA",
            "channel": "transfer",
        },
        {
            "transfer_id": "K-2",
            "ts": "2026-04-01T10:40:00+05:00",
            "amount": 225000,
            "from_account": drop,
            "from_bank": "CASPKZKA",
            "to_account": mule,
            "to_bank": "IRTYKZKA",
            "channel": "transfer",
        },
        {
            "transfer_id": "K-3",
            "ts": "2026-04-01T10:00:00+05:00",
            "amount": 1,
            "from_account": victim,
            "from_bank": "HSBKKZKX",
            "to_account": mule,
            "to_bank": "IRTYKZKA",
            "channel": "transfer",
        },
    ]
    response = client.post("/api/v1/transfers", json=transfers, headers=bearer(bank))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["loaded"] == 2
    assert body["rejected"] == [{"line": 3, "reason": "neither from_bank nor to_bank is CASPKZKA"}]
    again = client.post("/api/v1/transfers", json=transfers[:2], headers=bearer(bank)).json()
    assert (again["loaded"], again["unchanged"]) == (0, 2)

    trace = client.get("/api/v1/transfers/K-1/trace", headers=bearer(investigator))
    assert trace.status_code == 200, trace.text
    accounts = {a["account"]: a for a in trace.json()["accounts"]}
    assert accounts[drop]["remaining"] == 25_000.0
    assert accounts[mule] | {"hop": 2, "bank": "IRTYKZKA", "amount": 225_000.0} == accounts[mule]

    assert client.get("/api/v1/transfers/K-1/trace", headers=bearer(bank)).status_code == 403
    assert (
        client.post("/api/v1/transfers", json=transfers, headers=bearer(partner)).status_code == 403
    )
    assert client.get("/api/v1/transfers/K-1/trace").status_code == 401
    missing = client.get("/api/v1/transfers/NOPE/trace", headers=bearer(investigator))
    assert missing.status_code == 404
    assert "NOPE" in missing.text
    bad = client.get(
        "/api/v1/transfers/K-1/trace", params={"window": "forever"}, headers=bearer(investigator)
    )
    assert bad.status_code == 400
    assert "window" in bad.text.lower()

    upload = client.post(
        "/api/v1/transfers/files",
        files={"file": ("day.csv", b"transfer_id,ts\nx,2026-01-01\n", "text/csv")},
        headers=bearer(bank),
    )
    assert upload.status_code == 400
    assert "Unrecognised columns" in upload.text

    with runtime.accounts.uow() as uow:
        trail = uow.audit.entries(object_type=AuditObject.TRANSFER, object_id="K-1")
    assert [e.actor for e in trail] == ["aidos"]

    # Freeze what is still in accounts, straight from the trace, once per case.
    for code in ("CASPKZKA", "IRTYKZKA"):
        runtime.freeze.connect_bank(actor=CONSOLE, code=code, name=code)
    order = {"case_number": "2026-750-0001", "legal_basis": "UPK RK art. 161"}
    issued = client.post(
        "/api/v1/transfers/K-1/freeze-requests", json=order, headers=bearer(investigator)
    )
    assert issued.status_code == 201, issued.text
    asked = {(r["bank"], float(r["requested_amount"])) for r in issued.json()["items"]}
    assert asked == {("CASPKZKA", 25_000.0), ("IRTYKZKA", 225_000.0)}
    again = client.post(
        "/api/v1/transfers/K-1/freeze-requests", json=order, headers=bearer(investigator)
    )
    assert {r["id"] for r in again.json()["items"]} == {r["id"] for r in issued.json()["items"]}
    listed = client.get("/api/v1/freeze-requests", headers=bearer(investigator)).json()
    assert listed["total"] == 2
    refused = client.post("/api/v1/transfers/K-1/freeze-requests", json=order, headers=bearer(bank))
    assert refused.status_code == 403


def test_admin_reads_the_audit_trail_of_traces_transfer_files_and_drops(
    client: TestClient, runtime: Runtime
) -> None:
    rng = random.Random(12)
    victim, drop = draw_iban(rng, "HSBKKZKX"), draw_iban(rng, "CASPKZKA")
    bank = token_for(runtime, "kaspi-feed", Role.BANK, "CASPKZKA")
    investigator = token_for(runtime, "aidos", Role.INVESTIGATOR)
    admin = token_for(runtime, "admin1", Role.ADMIN)
    transfer = {
        "transfer_id": "A-1",
        "ts": "2026-04-01T10:00:00+05:00",
        "amount": "1000",
        "from_account": victim,
        "from_bank": "HSBKKZKX",
        "to_account": drop,
        "to_bank": "CASPKZKA",
        "channel": "transfer",
    }
    loaded = client.post("/api/v1/transfers", json=[transfer], headers=bearer(bank))
    assert loaded.status_code == 200, loaded.text
    assert client.get("/api/v1/transfers/A-1/trace", headers=bearer(investigator)).is_success
    verdict = {"is_mule": True}
    marked = client.post(
        f"/api/v1/mules/{drop}/verdict", json=verdict, headers=bearer(investigator)
    )
    assert marked.status_code == 204, marked.text

    def trail(object_type: str, object_id: str) -> list[tuple[str, str]]:
        params = {"object_type": object_type, "object_id": object_id}
        response = client.get("/api/v1/audit", params=params, headers=bearer(admin))
        assert response.status_code == 200, response.text
        return [(e["actor"], e["action"]) for e in response.json()]

    assert trail("transfer", "A-1") == [("aidos", "transfers.trace")]
    assert trail("transfer_file", "api:kaspi-feed") == [("kaspi-feed", "transfers.import")]
    assert trail("mules", drop) == [("aidos", "mules.label")]
    unknown = {"object_type": "nonsense", "object_id": "1"}
    assert client.get("/api/v1/audit", params=unknown, headers=bearer(admin)).status_code == 422


def test_drop_scores_come_with_reasons_in_the_readers_language(
    client: TestClient, runtime: Runtime, tmp_path: Path
) -> None:
    from cyberpol.kernel.access import Actor
    from cyberpol.synth.transfers import generate_transfers

    generate_transfers(tmp_path / "synth", transfers=30_000, seed=4)
    for name in ("transfers.parquet", "accounts.parquet"):
        runtime.money_trail.import_file(actor=CONSOLE, path=tmp_path / "synth" / name)
    runtime.mules.score(actor=Actor("a", Role.ANALYST), engine="duckdb", out=None)
    analyst = token_for(runtime, "dana", Role.ANALYST)
    ru = client.get("/api/v1/mules", params={"limit": 3, "lang": "ru"}, headers=bearer(analyst))
    kk = client.get("/api/v1/mules", params={"limit": 3, "lang": "kk"}, headers=bearer(analyst))
    assert ru.status_code == 200, ru.text
    assert ru.json()[0]["account"] == kk.json()[0]["account"]
    assert ru.json()[0]["reasons"]
    assert ru.json()[0]["reasons"] != kk.json()[0]["reasons"]
    assert any(c in "".join(ru.json()[0]["reasons"]) for c in "абвгдеж")
    bank = token_for(runtime, "bank1", Role.BANK, "CASPKZKA")
    assert client.get("/api/v1/mules", headers=bearer(bank)).status_code == 403


def test_trace_and_drop_scores_declare_their_response_shapes(client: TestClient) -> None:
    """OpenAPI (and so schemathesis) can check what these endpoints return."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/transfers/{transfer_id}/trace", "/api/v1/mules"):
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema.get("$ref") or schema.get("items", {}).get("$ref"), (path, schema)
    components = client.get("/openapi.json").json()["components"]["schemas"]
    edge = components["TraceEdgePublic"]["properties"]
    assert {"from", "to"} <= set(edge)
    assert edge["amount"]["type"] == "number"
