"""A card number typed into every field of every endpoint is found nowhere afterwards.

The test drives the real API as citizens, analysts, investigators, admins and banks would,
with Luhn-valid card numbers spelt as people type them, then reads every text column of
every table (from the metadata, so a new column is scanned too), the raw database files,
the DuckDB transfer store, the trace index files, every log record and every response.
Attachments are the one exception: evidence, stored unchanged.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import LargeBinary, select, text

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import Role
from cyberpol.migrations import schema
from tests.factories import bearer, token_for

# Each spelling is a different real card, so a find names the field that leaked it.
SPELLINGS = {
    "compact": "4400430123456789",
    "spaces": "5555 5555 5555 4444",
    "dashes": "4111-1111-1111-1111",
    "dots": "2200.7001.2345.6781",
    "nbsp": "3782\u00a0822463\u00a010005",
}
DIGITS = ["".join(c for c in card if c.isdigit()) for card in SPELLINGS.values()]
EVIDENCE_CARD = "6011000990139424"  # only inside an attachment's content, kept as sent
# Two Kaspi customers: the feed below is Kaspi's, and a bank speaks only for its own.
IBAN_A, IBAN_B = "KZ77722S284369145774", "KZ92722S027425075227"


def card(n: int) -> str:
    return list(SPELLINGS.values())[n % len(SPELLINGS)]


def leaks(blob: str) -> list[str]:
    """The cards whose digits appear in ``blob`` (in any spelling)."""
    compact = "".join(c for c in blob if c.isdigit() or c.isalpha() or c == "*")
    return [d for d in DIGITS if d in compact or d in blob]


class Recorder:
    """The test client, keeping every response body to scan."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.bodies: list[str] = []

    def __call__(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = self.client.request(method, url, **kwargs)
        assert response.status_code < 500, response.text
        self.bodies.append(response.text)
        return response


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def _seed_everything(api: Recorder, runtime: Runtime) -> None:
    admin = bearer(token_for(runtime, "admin1", Role.ADMIN))
    analyst = bearer(token_for(runtime, "analyst1", Role.ANALYST))
    investigator = bearer(token_for(runtime, "inv1", Role.INVESTIGATOR))

    # banks and their tokens
    api(
        "POST",
        "/api/v1/banks",
        headers=admin,
        json={"code": "CASPKZKA", "name": f"Kaspi {card(0)}"},
    )
    api("POST", "/api/v1/banks", headers=admin, json={"code": "HSBKKZKX", "name": "Halyk"})
    kaspi = bearer(
        api(
            "POST", "/api/v1/banks/CASPKZKA/tokens", headers=admin, json={"label": f"ops {card(1)}"}
        ).json()["token"]
    )

    # a citizen's report: text, contact, attachment name and content, idempotency key
    evidence = f"screenshot text: card {EVIDENCE_CARD}".encode()
    report = api(
        "POST",
        "/api/v1/reports",
        headers={"Idempotency-Key": f"key-{card(2)}"},
        json={
            "text": f"Звонили с 8 701 555 12 34, продиктовала карту {card(3)} и {card(4)}",
            "category": "fake_bank_call",
            "contact": f"+7 777 000 11 22, карта {card(0)}",
            "attachments": [
                {
                    "filename": f"чек {card(1)}.txt",
                    "content_type": "text/plain",
                    "data_base64": base64.b64encode(evidence).decode(),
                }
            ],
        },
    )
    assert report.status_code == 201, report.text
    report_id = report.json()["id"]
    api("GET", f"/api/v1/reports/{report_id}", headers=analyst)
    api("GET", "/api/v1/reports", headers=analyst)

    # checks: public and batch (nothing stored but the audit)
    api("GET", "/api/v1/indicators/check", params={"value": card(2)})
    api(
        "POST",
        "/api/v1/indicators/check",
        headers=analyst,
        json={"values": [card(3), "x" + card(4)]},
    )

    # an indicator blocked with a reason and a blocker naming a card
    listed = api("GET", "/api/v1/indicators", headers=analyst, params={"kind": "phone"})
    phone = listed.json()["items"][0]
    api(
        "POST",
        f"/api/v1/indicators/{phone['id']}/status",
        headers=analyst,
        json={
            "status": "blocked",
            "reason": f"used with card {card(0)}",
            "blocked_by": "bank",
            "blocker_name": f"Kaspi {card(1)}",
        },
    )
    api("GET", "/api/v1/indicators", headers=analyst, params={"q": card(2)})

    # transfers: ids, times and file names naming cards
    rows = [
        {
            "transfer_id": f"TX-{card(3)}",
            "ts": "2026-03-02T10:00:00+05:00",
            "amount": "1000",
            "from_account": IBAN_A,
            "from_bank": "CASPKZKA",
            "to_account": IBAN_B,
            "to_bank": "CASPKZKA",
            "channel": "transfer",
        },
        {
            "transfer_id": "tx-1",
            "ts": f"2026-03-02 {card(4)}",
            "amount": "1000",
            "from_account": IBAN_A,
            "from_bank": "CASPKZKA",
            "to_account": IBAN_B,
            "to_bank": "CASPKZKA",
            "channel": "transfer",
        },
        {
            "transfer_id": "tx-2",
            "ts": "2026-03-02T10:00:00+05:00",
            "amount": "1000",
            "from_account": IBAN_A,
            "from_bank": "CASPKZKA",
            "to_account": card(0),
            "to_bank": "CASPKZKA",
            "channel": "card_to_card",
        },
    ]
    api("POST", "/api/v1/transfers", headers=kaspi, json=rows)
    upload = (
        "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel\n"
        f"F-{card(1)},2026-03-02T11:00:00+05:00,500,KZT,{IBAN_B},CASPKZKA,{IBAN_A},CASPKZKA,"
        "transfer\n"
    )
    api(
        "POST",
        "/api/v1/transfers/files",
        headers=kaspi,
        files={"file": (f"выписка {card(2)}.csv", upload.encode(), "text/csv")},
    )
    api("GET", f"/api/v1/transfers/{card(3)}/trace", headers=investigator)
    api("GET", "/api/v1/transfers/tx-2/trace", headers=investigator)
    api(
        "POST",
        "/api/v1/transfers/tx-2/freeze-requests",
        headers=investigator,
        json={"case_number": "251500031000123", "legal_basis": f"art. 190 {card(4)}"},
    )
    # A case number is an identifier: masking would merge cases, so a card in one is refused.
    refused = api(
        "POST",
        "/api/v1/transfers/tx-2/freeze-requests",
        headers=investigator,
        json={"case_number": f"C{DIGITS[4]}", "legal_basis": "art. 190"},
    )
    assert refused.status_code == 400, refused.text
    api("POST", f"/api/v1/mules/{card(0)}/verdict", headers=analyst, json={"is_mule": True})

    # freeze requests: legal basis, origin ids, references, rejection reasons, notes
    issued = api(
        "POST",
        "/api/v1/freeze-requests",
        headers=investigator,
        json={
            "case_number": "251500031000124",
            "legal_basis": f"Resolution on card {card(1)}",
            "targets": [
                {
                    "account": IBAN_A,
                    "bank": "CASPKZKA",
                    "amount": "1000",
                    "origin_transfer_id": f"o-{card(2)}",
                },
                {"account": card(3), "bank": "CASPKZKA", "amount": "500"},
            ],
        },
    )
    assert issued.status_code == 201, issued.text
    first, second = (r["id"] for r in issued.json()["items"])
    api("POST", f"/api/v1/freeze-requests/{first}/acknowledge", headers=kaspi)
    answered = api(
        "POST",
        f"/api/v1/freeze-requests/{first}/answer",
        headers={**kaspi, "Idempotency-Key": f"a-{card(2)}"},
        json={
            "frozen_amount": "600",
            "onward_transfers": [
                {
                    "account": card(0),
                    "bank": "HSBKKZKX",
                    "amount": "400",
                    "moved_at": "2026-03-02T12:00:00+05:00",
                    "channel": "card_to_card",
                    "reference": f"ref {card(1)}",
                }
            ],
        },
    )
    assert answered.status_code == 200, answered.text
    api(
        "POST",
        f"/api/v1/freeze-requests/{second}/answer",
        headers=kaspi,
        json={"frozen_amount": "0", "rejection_reason": f"closed, card {card(2)}"},
    )
    api(
        "POST",
        f"/api/v1/freeze-requests/{first}/release",
        headers=investigator,
        json={"returned_amount": "600", "note": f"returned to card {card(3)}"},
    )
    api("GET", f"/api/v1/freeze-requests/{first}", headers=investigator)
    api("GET", f"/api/v1/cases/K{DIGITS[1]}/freeze-summary", headers=investigator)
    api(
        "GET",
        "/api/v1/audit",
        headers=admin,
        params={"object_type": "transfer", "object_id": card(3)},
    )
    # bad input echoing a card: error messages are masked
    api("GET", "/api/v1/transfers/tx-2/trace", headers=investigator, params={"window": card(4)})
    api("GET", "/api/v1/reports", headers=analyst, params={"region": card(0)})


def _sql_text_values(runtime: Runtime) -> Iterator[tuple[str, str]]:
    with runtime.engine.connect() as connection:
        for table in schema().tables.values():
            columns = [c for c in table.columns if not isinstance(c.type, LargeBinary)]
            for row in connection.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    if value is not None:
                        yield f"{table.name}.{column.name}", str(value)


def _raw_files(runtime: Runtime) -> Iterator[tuple[str, bytes]]:
    data = runtime.settings.data_dir
    for path in sorted(data.rglob("*")):
        if path.is_file():
            yield str(path.relative_to(data)), path.read_bytes()


def test_no_card_number_is_stored_logged_or_echoed(
    client: TestClient, runtime: Runtime, logs: pytest.LogCaptureFixture
) -> None:
    api = Recorder(client)
    _seed_everything(api, runtime)

    found = {
        (where, leaked) for where, value in _sql_text_values(runtime) for leaked in leaks(value)
    }
    assert found == set(), "card numbers in the SQL database"
    runtime.close_exchange()  # flush DuckDB's write-ahead log into its file
    assert (runtime.settings.data_dir / "transfers.duckdb").exists()
    assert any(p.parts[0] == "trace_index" for p in (Path(n) for n, _ in _raw_files(runtime)))
    raw = {
        (name, d)
        for name, content in _raw_files(runtime)
        for d in DIGITS
        if d.encode() in content and not name.startswith("cyberpol.db")
    }
    assert raw == set(), "card numbers in the data directory's files"
    if runtime.engine.dialect.name == "sqlite":
        database = Path(str(runtime.engine.url.database))
        runtime.engine.dispose()
        files = [database, database.with_name(database.name + "-wal")]
        content = b"".join(f.read_bytes() for f in files if f.exists())
        assert [d for d in DIGITS if d.encode() in content] == []
        # the attachment is evidence: kept byte for byte
        assert EVIDENCE_CARD.encode() in content
    else:
        with runtime.engine.connect() as connection:
            tables = connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
            for table in list(tables):
                dump = connection.execute(text(f'SELECT t::text FROM "{table}" t')).scalars()
                assert [d for row in dump for d in leaks(row)] == [], table
    with runtime.engine.connect() as connection:
        [content] = connection.execute(text("SELECT content FROM evidence_files")).scalars()
    assert (
        hashlib.sha256(bytes(content)).digest()
        == hashlib.sha256(f"screenshot text: card {EVIDENCE_CARD}".encode()).digest()
    )
    echoed = [body[:300] for body in api.bodies if leaks(body)]
    assert echoed == []
    assert leaks(logs.text) == []
