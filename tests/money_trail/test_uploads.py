"""Hostile and foreign transfer files: every one gets an answer, none a 500 or a blown heap."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.platform.http.uploads import upload_name
from cyberpol.synth.payments import draw_iban
from tests.factories import bearer, token_for

HEADER = "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel\n"


@pytest.fixture
def api(sqlite_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_runtime), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def bank(sqlite_runtime: Runtime) -> dict[str, str]:
    return bearer(token_for(sqlite_runtime, "kaspi-feed", Role.BANK, "CASPKZKA"))


def _row(rng: random.Random, tid: str) -> str:
    source, target = draw_iban(rng, "CASPKZKA"), draw_iban(rng, "HSBKKZKX")
    return (
        f"{tid},2026-04-01T10:00:00+05:00,5000,KZT,{source},CASPKZKA,{target},HSBKKZKX,transfer\n"
    )


def _upload(api: TestClient, token: dict[str, str], name: str, content: bytes) -> tuple[int, str]:
    response = api.post(
        "/api/v1/transfers/files", files={"file": (name, content, "text/csv")}, headers=token
    )
    return response.status_code, response.text


@pytest.mark.parametrize(
    "name", ["..", ".", "/", "a\x00b.csv", "x" * 300 + ".csv", "../../etc/passwd", "C:\\t\\d.csv"]
)
def test_any_file_name_is_only_a_label(api: TestClient, bank: dict[str, str], name: str) -> None:
    content = (HEADER + _row(random.Random(name), "N-1")).encode()
    status, text = _upload(api, bank, name, content)
    assert status == 200, text
    body = json.loads(text)
    assert body["loaded"] + body["unchanged"] == 1
    assert "/" not in body["source"]
    assert "\x00" not in body["source"]
    assert len(body["source"]) <= 100


def test_names_without_a_suffix_are_read_by_their_content(
    api: TestClient, bank: dict[str, str]
) -> None:
    rng = random.Random(1)
    csv_body = (HEADER + _row(rng, "S-1")).encode()
    record = dict(zip(HEADER.strip().split(","), _row(rng, "S-2").strip().split(","), strict=True))
    table = pa.Table.from_pylist([dict(record, transfer_id="S-3")])
    parquet = io.BytesIO()
    pq.write_table(table, parquet)
    for name, content in (
        ("export", csv_body),
        ("day.dat", json.dumps(record).encode() + b"\n"),
        ("upload", parquet.getvalue()),
    ):
        status, text = _upload(api, bank, name, content)
        assert status == 200, (name, text)
        assert json.loads(text)["loaded"] == 1, (name, text)


def test_a_windows_1251_file_loads_and_bad_utf8_is_a_bad_row(
    api: TestClient, bank: dict[str, str]
) -> None:
    rng = random.Random(2)
    cyrillic = (HEADER + _row(rng, "Платёж-1")).encode("cp1251")
    status, text = _upload(api, bank, "выписка.csv", cyrillic)
    assert status == 200, text
    assert json.loads(text)["loaded"] == 1
    good = json.dumps(
        dict(zip(HEADER.strip().split(","), _row(rng, "J-1").strip().split(","), strict=True))
    )
    lines = [good.encode(), b'{"transfer_id": "\xff\xfe"}', b"[" * 100_000 + b"]" * 100_000]
    lines.append(b'{"transfer_id": ' + b'{"a": ' * 500 + b"1" + b"}" * 500 + b"}")
    status, text = _upload(api, bank, "feed.jsonl", b"\n".join(lines) + b"\n")
    assert status == 200, text
    body = json.loads(text)
    assert body["loaded"] == 1
    reasons = {r["line"]: r["reason"] for r in body["rejected"]}
    assert reasons[2] == "not UTF-8 text"
    assert reasons[3] == "expected a JSON object" or "nested" in reasons[3]
    assert "nested too deeply" in reasons[4]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.parquet", b"", "empty"),
        ("garbage.parquet", bytes(random.Random(3).randbytes(5000)), "not a readable Parquet"),
        ("csv.parquet", HEADER.encode() * 3, "not a readable Parquet file"),
        ("empty.csv", b"", "empty"),
        ("binary.csv", b"\x00\x01\x02" * 100, "Unrecognised columns"),
        ("binary", b"\x00\x01\x02" * 100, "expected a CSV, JSON Lines or Parquet file"),
        ("bad.jsonl", b"\xff\xfe\n", "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    api: TestClient, bank: dict[str, str], name: str, content: bytes, message: str
) -> None:
    status, text = _upload(api, bank, name, content)
    assert status == 400, text
    assert message in text


def test_a_parquet_bomb_is_refused_before_its_data_is_read(
    api: TestClient, bank: dict[str, str]
) -> None:
    """Two thousand rows of a megabyte of zeros each: kilobytes on the wire, 2 GB unpacked."""
    row = "0" * (1 << 20)
    table = pa.table(
        {
            "transfer_id": pa.array([row] * 2000, pa.large_string()),
            "ts": ["2026-04-01T10:00:00Z"] * 2000,
        }
    )
    packed = io.BytesIO()
    pq.write_table(table, packed, compression="zstd", use_dictionary=False, row_group_size=50)
    assert len(packed.getvalue()) < 1 << 20
    status, text = _upload(api, bank, "bomb.parquet", packed.getvalue())
    assert status == 400, text
    assert "unpacks to" in text


def test_a_killed_load_still_counts_what_it_committed(
    sqlite_runtime: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cyberpol.money_trail.store import transfer_load
    from cyberpol.platform.files.tables import read_batches

    rng = random.Random(6)
    path = tmp_path / "day.jsonl"
    names = HEADER.strip().split(",")
    rows = [_row(rng, f"K-{i}").strip().split(",") for i in range(30)]
    path.write_text("".join(json.dumps(dict(zip(names, r, strict=True))) + "\n" for r in rows))
    seen: list[int] = []

    def die_after_two_batches(rows: int) -> None:
        seen.append(rows)
        if len(seen) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(transfer_load, "read_batches", lambda p: read_batches(p, rows=10))
    with pytest.raises(KeyboardInterrupt):
        sqlite_runtime.money_trail.import_file(
            actor=CONSOLE, path=path, on_rows=die_after_two_batches
        )
    cursor = sqlite_runtime.exchange().store.reading()
    loads = cursor.execute(
        "SELECT l.rows_loaded, count(t.transfer_id) FROM loads l "
        "LEFT JOIN transfers t USING (load_id) GROUP BY l.rows_loaded"
    ).fetchall()
    cursor.close()
    assert loads == [(20, 20)]


def test_upload_names_keep_only_a_printable_last_part() -> None:
    assert upload_name("../../etc/passwd") == "passwd"
    assert upload_name("C:\\exports\\day.CSV") == "day.CSV"
    assert upload_name("..") == "upload"
    assert upload_name(None) == "upload"
    assert upload_name("a\x00b\n.jsonl") == "ab.jsonl"
    assert len(upload_name("😀" * 90 + ".csv").encode()) <= 200
    # Not even a temporary file is named with a card number.
    assert upload_name("выписка 4174 2879 6487 7182.csv") == "выписка 417428******7182.csv"
