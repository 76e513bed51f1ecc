"""Call records from operators through the real API and call store, written the way other
systems write them: a switch's semicolon CSV in Windows-1251 with a BOM-less header in
capitals, numbers without the plus, IMEISV, hidden callers, typed Parquet, JSON Lines."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE
from tests.factories import bearer

# A switch's export: capitals, semicolons, Cyrillic cell names in Windows-1251, numbers as
# the switch writes them (no plus, a trunk prefix 8, 00 for abroad), a hidden caller.
SWITCH = """RECORD_ID;START;DURATION_S;RECORD_TYPE;DIRECTION;CALLING_NUMBER;CALLED_NUMBER;IMSI;IMEI;CELL_ID;TRUNK_GROUP;TRUNK_KIND;OPERATOR;ROAMING
KC-0001;2026-11-30 09:15:02+05;37;VOICE;originating;77012345678;87771234567;401021234567890;3520990017614823;Алматы-Абая-3;LOC-01;local;KCELL;0
KC-0002;2026-11-30 09:16:40+05;0;SMS;terminating;;87012345678;401021234567890;;Алматы-Абая-3;;;KCELL;
KC-0003;2026-11-30 09:17:02+05;12,5;voice;terminating;0079161234567;+77012345678;401021234567891;490154203237518;Астана-Сарыарка;INT-7;international;KCELL;false
KC-0004;2026-11-30 09:18:00Z;380;data;originating;+77012345678;;401021234567892;490154203237518;Астана-Сарыарка;;;KCELL;1
KC-0005;2026-11-30 09:19:02+05:00;5;voice;originating;+77012345678;102;401021234567892;;;;;KCELL;false
KC-0006;2026-11-30 09:20:00+05:00;9;voice;originating;+77012345678;1414;401021234567892;490154203237519;;;;KCELL;false
KC-0007;30.11.2026 09:21;9;voice;originating;+77012345678;112;;;;;;KCELL;false
KC-0008;2026-11-30T09:22:00+05:00;9;voice;originating;+77012345678;112;;;;;;BEELINE;false
4400430123456789;2026-11-30T09:23:00+05:00;9;voice;originating;+77012345678;112;;;;;;KCELL;false
"""  # noqa: E501


@dataclass
class Partners:
    client: TestClient
    kcell: dict[str, str]
    beeline: dict[str, str]
    runtime: Runtime


@pytest.fixture
def partners(runtime: Runtime) -> Iterator[Partners]:
    telecom = runtime.telecom
    telecom.connect_operator(actor=CONSOLE, code="kcell", name="Kcell JSC")
    telecom.connect_operator(actor=CONSOLE, code="BEELINE", name="Beeline Kazakhstan")
    kcell = bearer(telecom.operator_token(actor=CONSOLE, code="KCELL").secret)
    beeline = bearer(telecom.operator_token(actor=CONSOLE, code="BEELINE").secret)
    with TestClient(create_app(runtime)) as client:
        yield Partners(client, kcell, beeline, runtime)


def _rows(runtime: Runtime, sql: str) -> list[tuple[object, ...]]:
    cursor = runtime.call_store().file.reading()
    try:
        return [tuple(row) for row in cursor.execute(sql).fetchall()]
    finally:
        cursor.close()


def test_a_switch_export_loads_its_good_rows_and_names_the_bad(partners: Partners) -> None:
    upload = {"file": ("cdr_20261130.csv", SWITCH.encode("cp1251"), "text/csv")}
    sent = partners.client.post("/api/v1/calls/files", files=upload, headers=partners.kcell)
    assert sent.status_code == 200, sent.text
    body = sent.json()
    assert (body["loaded"], body["already_there"], body["rejected"]) == (5, 0, 4)
    reasons = {r["line"]: r["reason"] for r in body["rejections"]}
    assert "Luhn" in reasons[7]
    assert "ISO 8601" in reasons[8]
    assert "must be KCELL" in reasons[9]  # not this token's records
    assert "BEELINE" in reasons[9]
    assert reasons[10] == "record_id holds a card number"
    assert "4400430123456789" not in sent.text
    stored = _rows(partners.runtime, "SELECT record_id, calling_number, called_number, imei, "
                   "cell_id, duration_s, record_type FROM calls ORDER BY record_id")  # fmt: skip
    assert stored == [
        # IMEISV 3520990017614823 is the handset 352099001761481
        ("KC-0001", "+77012345678", "+77771234567", "352099001761481", "Алматы-Абая-3", 37,
         "voice"),
        ("KC-0002", None, "+77012345678", None, "Алматы-Абая-3", 0, "sms"),  # hidden caller
        ("KC-0003", "+79161234567", "+77012345678", "490154203237518", "Астана-Сарыарка", 13,
         "voice"),
        ("KC-0004", "+77012345678", None, "490154203237518", "Астана-Сарыарка", 380, "data"),
        ("KC-0005", "+77012345678", "102", None, None, 5, "voice"),  # a short code kept as is
    ]  # fmt: skip
    # The subscriber went abroad at 09:18 (a data record with roaming set).
    assert _rows(partners.runtime, "SELECT number, operator, roaming FROM roaming") == [
        ("+77012345678", "KCELL", True)
    ]
    again = partners.client.post("/api/v1/calls/files", files=upload, headers=partners.kcell)
    assert (again.json()["loaded"], again.json()["already_there"]) == (0, 5)
    assert _rows(partners.runtime, "SELECT count(*) FROM calls") == [(5,)]


def test_records_sent_as_a_list_and_typed_parquet_load_alike(partners: Partners) -> None:
    record = {"record_id": "BL-1", "start": "2026-12-01T08:00:00+05:00", "duration_s": 61,
              "record_type": "voice", "direction": "terminating",
              "calling_number": "+77071112233", "called_number": "87051234567",
              "trunk_kind": "international", "trunk_group": "INTL-3", "roaming": False}  # fmt: skip
    sent = partners.client.post("/api/v1/calls", json=[record], headers=partners.beeline)
    assert sent.status_code == 200, sent.text
    assert sent.json()["loaded"] == 1
    # Another operator's record is refused by its place in the list, the rest still load.
    theirs = {**record, "record_id": "BL-2", "operator": "KCELL"}
    mixed = partners.client.post(
        "/api/v1/calls", json=[{**record, "record_id": "BL-3"}, theirs], headers=partners.beeline
    )
    assert mixed.json()["loaded"] == 1
    assert [r["line"] for r in mixed.json()["rejections"]] == [2]
    table = pa.table({
        "record_id": ["BL-4"], "start": pa.array([1764558000000], pa.timestamp("ms", tz="UTC")),
        "duration_s": pa.array([15], pa.int32()), "record_type": ["sms"],
        "direction": ["originating"], "calling_number": ["+77051234567"],
        "called_number": ["+77071112233"], "roaming": [True],
    })  # fmt: skip
    parquet = io.BytesIO()
    pq.write_table(table, parquet)
    typed = partners.client.post(
        "/api/v1/calls/files", files={"file": ("day.parquet", parquet.getvalue())},
        headers=partners.beeline,
    )  # fmt: skip
    assert typed.status_code == 200, typed.text
    assert typed.json()["loaded"] == 1
    assert _rows(partners.runtime, "SELECT operator, count(*) FROM calls GROUP BY operator") == [
        ("BEELINE", 3)
    ]


def test_bad_files_are_refused_whole_with_a_clear_message(partners: Partners) -> None:
    post = partners.client.post
    two_columns = b"record_id,start\nA,2026-12-01T08:00:00Z\n"
    missing = post("/api/v1/calls/files", headers=partners.kcell,
                   files={"file": ("x.csv", two_columns)})  # fmt: skip
    assert missing.status_code == 400
    assert "missing columns duration_s" in missing.json()["error"]["detail"]
    empty = post("/api/v1/calls/files", files={"file": ("e.csv", b"")}, headers=partners.kcell)
    assert empty.status_code == 400
    broken = post("/api/v1/calls/files", headers=partners.kcell,
                  files={"file": ("b.jsonl", b'{"record_id": "A"}\n{not json\n')})  # fmt: skip
    assert broken.status_code in (200, 400)
    assert "Traceback" not in broken.text
    refused = post("/api/v1/calls", json=[], headers=partners.kcell)
    assert refused.status_code == 422
    assert _rows(partners.runtime, "SELECT count(*) FROM calls") == [(0,)]
    analyst_try = post("/api/v1/calls/files", files={"file": ("x.csv", SWITCH.encode())})
    assert analyst_try.status_code == 401
