"""The spoofing rules on a generated week, replayed day by day as a switch would meet it:
operators tell CyberPol who is abroad, the switch asks about every call from abroad."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import Actor, Role
from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.domain.records import TrunkKind
from cyberpol.telecom.domain.verdicts import CallAttempt, Verdict


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spoof-week")
    generate_calls(out, records=300_000, seed=23)
    return out


def test_every_spoofed_call_is_blocked_and_no_roaming_subscriber(
    week: Path, runtime: Runtime
) -> None:
    db = duckdb.connect()
    db.execute("SET TimeZone = 'UTC'")
    # The generator's days are Kazakhstan's (UTC+5).
    db.execute("CREATE MACRO kz_day(t) AS CAST(CAST(t AS TIMESTAMP) + INTERVAL 5 HOUR AS DATE)")
    db.execute(f"CREATE VIEW calls AS SELECT * FROM '{week / 'calls.parquet'}'")
    db.execute(f"CREATE VIEW spoofed AS SELECT * FROM '{week / 'spoofed.parquet'}'")
    # What each operator knows of its own subscribers each day: abroad or not.
    states = db.execute("""
        SELECT DISTINCT kz_day(start) AS day, operator,
               CASE WHEN direction = 'originating' THEN calling_number ELSE called_number END,
               roaming
        FROM calls ORDER BY 1""").fetchall()  # fmt: skip
    # What the switches ask about: every call that came in from abroad.
    incoming = db.execute("""
        SELECT kz_day(start), record_id, calling_number, called_number,
               record_id IN (SELECT record_id FROM spoofed) AS planted,
               coalesce((SELECT bool_or(o.roaming) FROM calls o
                         WHERE o.direction = 'originating' AND o.calling_number = c.calling_number
                           AND kz_day(o.start) = kz_day(c.start)), false) AS abroad
        FROM calls c WHERE direction = 'terminating' AND trunk_kind = 'international'
          AND record_type = 'voice' ORDER BY start""").fetchall()  # fmt: skip
    telecom = runtime.telecom
    operators = {op for _, op, _, _ in states}
    console = Actor("console", Role.CONSOLE)
    for code in operators:
        telecom.connect_operator(actor=console, code=code, name=code.title())
    switch = Actor("switch", Role.OPERATOR, organisation=sorted(operators)[0])
    blocked_spoofs = planted = roaming_calls = roaming_blocked = 0
    for day in sorted({d for d, *_ in incoming}):
        for code in operators:
            for roaming in (True, False):
                numbers = [n for d, op, n, r in states if d == day and op == code and r == roaming
                           and n and n.startswith("+77")]  # fmt: skip
                for start in range(0, len(numbers), 10_000):
                    telecom.set_roaming(
                        actor=Actor(f"op-{code}", Role.OPERATOR, organisation=code),
                        numbers=numbers[start : start + 10_000], roaming=roaming,
                    )  # fmt: skip
        today = [row for row in incoming if row[0] == day]
        attempts = [CallAttempt(caller, called, TrunkKind.INTERNATIONAL, "TR-IST-01", "TR")
                    for _, _, caller, called, _, _ in today]  # fmt: skip
        verdicts = telecom.verdicts(actor=switch, calls=attempts)
        for row, verdict in zip(today, verdicts, strict=True):
            planted += row[4]
            blocked_spoofs += row[4] and verdict.verdict is Verdict.BLOCK
            if row[5] and not row[4]:
                roaming_calls += 1
                roaming_blocked += verdict.verdict is Verdict.BLOCK
    [(written,)] = db.execute("SELECT count(*) FROM spoofed").fetchall()
    assert planted == written
    assert planted > 40
    assert roaming_calls > 40
    assert blocked_spoofs == planted
    assert roaming_blocked == 0
