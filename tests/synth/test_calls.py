"""The call-record generator: the same seed gives the same week, the records pass the call
exchange's own checks, and what it plants is what its labels say, hard cases included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.store.call_store import CallStore


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("calls")
    summary = generate_calls(out, records=150_000, seed=7)
    assert set(summary.boxes) == {"classic", "mimic", "low_slow", "burst", "cloaked"}
    assert all(count >= 1 for count in summary.boxes.values())
    assert summary.spoofed_calls > 0
    return out


def _sql(folder: Path, query: str) -> list[tuple[Any, ...]]:
    calls, labels = folder / "calls.parquet", folder / "sim_labels.parquet"
    spoofed = folder / "spoofed.parquet"
    text = (query.replace("CALLS", f"'{calls}'").replace("LABELS", f"'{labels}'")
            .replace("SPOOFED", f"'{spoofed}'"))  # fmt: skip
    return [tuple(row) for row in duckdb.connect().execute(text).fetchall()]


def test_the_same_seed_gives_the_same_week(week: Path, tmp_path: Path) -> None:
    again = generate_calls(tmp_path / "again", records=150_000, seed=7)
    other = generate_calls(tmp_path / "other", records=150_000, seed=8)
    first = pq.read_table(week / "calls.parquet")
    assert pq.read_table(tmp_path / "again" / "calls.parquet").equals(first)
    assert again.records == first.num_rows
    assert not pq.read_table(tmp_path / "other" / "calls.parquet").equals(first)
    assert other.records > 0


def test_every_record_passes_the_exchanges_checks(week: Path) -> None:
    store = CallStore(None)
    summary = store.load_file(week / "calls.parquet", operator=None, requested_format="auto")
    assert summary.rejections == []
    assert (
        summary.rows_loaded
        == summary.rows_read
        == pq.read_metadata(week / "calls.parquet").num_rows
    )


def test_boxes_look_like_boxes_and_people_sometimes_do_too(week: Path) -> None:
    # A box's SIMs share a few modules' IMEIs (but a cloaked box's), and SIMs come and go in
    # them over the week.
    [(sims_per_imei,)] = _sql(week, """
        SELECT avg(n) FROM (SELECT imei, count(DISTINCT imsi) n FROM CALLS c JOIN LABELS l
        USING (imsi) WHERE is_simbox AND l.strategy <> 'cloaked' GROUP BY imei)""")  # fmt: skip
    assert float(sims_per_imei) > 4
    rotated = _sql(week, """
        SELECT imei FROM CALLS c JOIN LABELS l USING (imsi) WHERE l.strategy = 'classic'
        GROUP BY imei HAVING count(DISTINCT imsi) > count(DISTINCT imsi) FILTER
        (WHERE c.start < TIMESTAMPTZ '2026-11-04 00:00:00+05')""")  # fmt: skip
    assert rotated  # new SIMs appeared in known modules
    # A classic box sends no SMS and opens no data session; a mimicking one does both.
    kinds = dict(_sql(week, """
        SELECT l.strategy, list(DISTINCT record_type ORDER BY record_type) FROM CALLS c
        JOIN LABELS l USING (imsi) WHERE is_simbox AND direction = 'originating'
        GROUP BY 1"""))  # fmt: skip
    assert kinds["classic"] == ["voice"]
    assert kinds["mimic"] == kinds["cloaked"] == ["data", "sms", "voice"]
    # A cloaked box shares no module: each SIM shows its own phone's IMEI, and calls a
    # circle of numbers again and again as people do.
    [(shared, repeated)] = _sql(week, """
        SELECT (SELECT count(*) FROM (SELECT imei FROM CALLS c JOIN LABELS l USING (imsi)
                WHERE l.strategy = 'cloaked' GROUP BY imei HAVING count(DISTINCT imsi) > 1)),
               (SELECT max(n) FROM (SELECT count(*) n FROM CALLS c JOIN LABELS l USING (imsi)
                WHERE l.strategy = 'cloaked' AND direction = 'originating'
                AND record_type = 'voice' GROUP BY imsi, called_number))""")  # fmt: skip
    assert int(shared) == 0
    assert int(repeated) >= 3
    # Hard negatives: dual-SIM phones (two SIMs, one IMEI) and busy business lines.
    [(dual,)] = _sql(week, """
        SELECT count(*) FROM (SELECT imei FROM CALLS c JOIN LABELS l USING (imsi)
        WHERE l.kind = 'ordinary' GROUP BY imei HAVING count(DISTINCT imsi) = 2)""")  # fmt: skip
    assert int(dual) > 0
    busy = _sql(week, """
        SELECT l.kind, count(*) / count(DISTINCT imsi) FROM CALLS c JOIN LABELS l USING (imsi)
        WHERE direction = 'originating' AND record_type = 'voice' GROUP BY 1""")  # fmt: skip
    per_line = {kind: float(n) for kind, n in busy}
    assert per_line["call_centre"] > 5 * per_line["ordinary"]


def test_spoofed_calls_and_the_honest_ones_that_look_like_them(week: Path) -> None:
    spoofed = _sql(week, """
        SELECT DISTINCT direction, trunk_kind, left(calling_number, 2) FROM CALLS
        WHERE record_id IN (SELECT record_id FROM SPOOFED)""")  # fmt: skip
    assert spoofed == [("terminating", "international", "+7")]
    # +7 over an international trunk that is no fraud: Russian numbers, and subscribers
    # calling home from abroad.
    honest = _sql(week, """
        SELECT count(*) FILTER (WHERE calling_number LIKE '+79%'),
               count(*) FILTER (WHERE calling_number LIKE '+77%')
        FROM CALLS WHERE direction = 'terminating' AND trunk_kind = 'international'
        AND record_id NOT IN (SELECT record_id FROM SPOOFED)""")  # fmt: skip
    russian, roaming_home = honest[0]
    assert int(russian) > 0
    assert int(roaming_home) > 0
    [(abroad,)] = _sql(week, "SELECT count(*) FROM CALLS WHERE roaming")
    assert int(abroad) > 0
