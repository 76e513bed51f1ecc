"""Call verdicts for operators' switches, the roaming view they rely on, and the blocks
counted, through the real API and database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.kernel.figures import Figure, FigureFilter
from tests.factories import bearer, token_for

NOW = datetime.now(UTC)


@dataclass
class Switches:
    client: TestClient
    kcell: dict[str, str]
    beeline: dict[str, str]
    analyst: dict[str, str]
    admin: dict[str, str]


@pytest.fixture
def switches(runtime: Runtime) -> Iterator[Switches]:
    telecom = runtime.telecom
    telecom.connect_operator(actor=CONSOLE, code="KCELL", name="Kcell JSC")
    telecom.connect_operator(actor=CONSOLE, code="BEELINE", name="Beeline Kazakhstan")
    with TestClient(create_app(runtime)) as client:
        yield Switches(
            client,
            bearer(telecom.operator_token(actor=CONSOLE, code="KCELL").secret),
            bearer(telecom.operator_token(actor=CONSOLE, code="BEELINE").secret),
            bearer(token_for(runtime, "a.nurlanova", Role.ANALYST)),
            bearer(token_for(runtime, "admin1", Role.ADMIN)),
        )


def _call(caller: str, trunk: str = "international", **more: object) -> dict[str, object]:
    return {"calling_number": caller, "called_number": "+77051234567", "trunk_kind": trunk,
            "trunk_group": "TR-IST-04", "origin_country": "TR", **more}  # fmt: skip


def _ask(s: Switches, body: object, who: dict[str, str] | None = None) -> dict[str, object]:
    answer = s.client.post("/api/v1/calls/verdict", json=body, headers=who or s.beeline)
    assert answer.status_code == 200, answer.text
    found: dict[str, object] = answer.json()
    return found


def test_a_kazakh_number_from_abroad_is_blocked_unless_its_subscriber_roams(
    switches: Switches,
) -> None:
    s = switches
    spoofed = _ask(s, _call("8 701 555 12 34"))
    assert spoofed == {
        "verdict": "block", "reason": "kz_number_from_abroad",
        "reasons": ["kz_number_from_abroad"], "calling_number": "+77015551234",
    }  # fmt: skip
    # Russia shares +7: a Moscow number from abroad is an ordinary foreign call.
    assert _ask(s, _call("+7 916 123-45-67"))["verdict"] == "allow"
    # The same Kazakh number inside the country is an ordinary call.
    assert _ask(s, _call("+77015551234", trunk="national"))["verdict"] == "allow"
    # Kcell says its subscriber is in Turkey: the call from abroad is real.
    told = s.client.post("/api/v1/roaming", headers=s.kcell,
                         json={"numbers": ["87015551234"], "roaming": True})  # fmt: skip
    assert told.status_code == 200, told.text
    assert told.json() == {"changed": 1}
    assert _ask(s, _call("+77015551234"))["verdict"] == "allow"
    # Beeline may not speak for Kcell's subscriber, and its whole list is refused.
    both = {"numbers": ["+77771112233", "+77015551234"], "roaming": False}
    taken = s.client.post("/api/v1/roaming", headers=s.beeline, json=both)
    assert taken.status_code == 403
    assert "+77015551234" in taken.json()["error"]["detail"]
    assert _ask(s, _call("+77771112233"))["verdict"] == "block"  # its first number was not set
    # Home again: the next spoof is blocked at once.
    s.client.post("/api/v1/roaming", headers=s.kcell,
                  json={"numbers": ["+77015551234"], "roaming": False})  # fmt: skip
    assert _ask(s, _call("+77015551234"))["verdict"] == "block"


def test_call_records_set_the_roaming_view_too(switches: Switches) -> None:
    s = switches
    record = {"record_id": "k-1", "start": (NOW - timedelta(minutes=5)).isoformat(),
              "duration_s": 60, "record_type": "voice", "direction": "originating",
              "calling_number": "+77017778899", "called_number": "+905321234567",
              "roaming": True}  # fmt: skip
    sent = s.client.post("/api/v1/calls", headers=s.kcell, json=[record])
    assert sent.status_code == 200, sent.text
    assert _ask(s, _call("+77017778899"))["verdict"] == "allow"


def test_protected_registry_and_invalid_callers(switches: Switches) -> None:
    s = switches
    s.client.post("/api/v1/protected-numbers", headers=s.admin,
                  json={"numbers": ["102", "+7 727 244 40 40"]})  # fmt: skip
    police = _ask(s, _call("102", trunk="local"))
    assert (police["verdict"], police["reason"]) == ("block", "protected_number")
    hotline = _ask(s, _call("+77272444040"))
    assert hotline["reasons"] == ["protected_number", "kz_number_from_abroad"]
    # A number citizens reported, then confirmed by an analyst, then blocked.
    reported = s.client.post("/api/v1/reports", json={"text": "звонили из банка: +7 702 111 22 33",
                                           "category": "fake_bank_call"})  # fmt: skip
    assert reported.status_code in (200, 201), reported.text
    assert _ask(s, _call("+77021112233", trunk="national"))["verdict"] == "allow"
    [listed] = s.client.get("/api/v1/indicators", headers=s.analyst).json()["items"]
    url = f"/api/v1/indicators/{listed['id']}/status"
    confirmed = s.client.post(url, headers=s.analyst,
                              json={"status": "confirmed", "reason": "3 жертвы"})  # fmt: skip
    assert confirmed.status_code == 200, confirmed.text
    assert _ask(s, _call("+77021112233", trunk="national"))["reason"] == "registry_confirmed"
    block = {"status": "blocked", "reason": "решение", "blocked_by": "operator"}
    s.client.post(url, headers=s.analyst, json=block)
    blocked = _ask(s, _call("+77021112233", trunk="national"))
    assert (blocked["verdict"], blocked["reason"]) == ("block", "registry_blocked")
    forged = _ask(s, _call("anonymous<script>", trunk="international"))
    assert (forged["verdict"], forged["reason"]) == ("flag", "invalid_number")


def test_a_batch_is_answered_in_order_and_blocks_are_counted(switches: Switches) -> None:
    s = switches
    callers = ["+77015550000", "+79161234567", "+77015550001", "102", "+77015550002"]
    yesterday = NOW - timedelta(hours=20)
    calls = [_call(c, ts=yesterday.isoformat()) for c in callers]
    calls.append(_call("+77015550003", ts="2031-01-01T00:00:00+05:00"))  # a wrong clock
    answer = _ask(s, {"calls": calls}, who=s.kcell)
    verdicts = [v["verdict"] for v in answer["verdicts"]]  # type: ignore[attr-defined]
    assert verdicts == ["block", "allow", "block", "allow", "block", "block"]
    tallies = s.client.get("/api/v1/calls/blocked", headers=s.analyst).json()
    assert sum(t["attempts"] for t in tallies) == 4
    assert {t["operator"] for t in tallies} == {"KCELL"}
    assert {t["day"] for t in tallies} <= {
        str((yesterday + timedelta(hours=5)).date()),
        str((NOW + timedelta(hours=5)).date()),
    }
    # Nobody's number is in the statistics.
    assert "+7701555" not in str(tallies)
    # Beeline sees only its own counts; a citizen none.
    assert s.client.get("/api/v1/calls/blocked", headers=s.beeline).json() == []
    assert s.client.get("/api/v1/calls/blocked").status_code == 401


def test_blocked_calls_are_a_figure_of_the_units_statistics(
    switches: Switches, runtime: Runtime
) -> None:
    s = switches
    _ask(s, {"calls": [_call("+77015550000"), _call("+77015550001"), _call("+79161234567")]})
    board = runtime.stats.dashboard(actor=Actor("chief", Role.SUPERVISOR), filters=FigureFilter())
    assert board.total(Figure.CALLS_BLOCKED) == 2
    # A call has no region: a region's figures leave the blocked calls out.
    regional = runtime.stats.dashboard(actor=Actor("chief", Role.SUPERVISOR),
                                       filters=FigureFilter(region="almaty_city"))  # fmt: skip
    assert regional.total(Figure.CALLS_BLOCKED) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"calls": []},
        {"calls": [_call("+77015551234")] * 10_001},
        {"calling_number": "+77015551234", "called_number": "+77051234567"},  # no trunk
        _call("+77015551234", trunk="satellite"),
        _call("+77015551234", origin_country="Turkey"),
        _call("+77015551234", ts="yesterday"),
        _call("+77015551234", ts="2026-03-01T10:00:00"),  # no zone
        _call("+77015551234", called_number="<b>1</b>"),
        {"calls": [_call("+77015551234"), {"calling_number": 5}]},
        [_call("+77015551234")],
    ],
)
def test_bad_requests_are_refused_with_a_message(switches: Switches, body: object) -> None:
    answer = switches.client.post("/api/v1/calls/verdict", json=body, headers=switches.kcell)
    assert answer.status_code in (400, 413, 422), answer.text
    assert answer.json()["error"]["detail"]


def test_only_operators_and_the_console_ask(switches: Switches) -> None:
    s = switches
    assert s.client.post("/api/v1/calls/verdict", json=_call("+77015551234"),
                         headers=s.analyst).status_code == 403  # fmt: skip
    abroad = {"numbers": ["+77015551234"], "roaming": True}
    assert s.client.post("/api/v1/roaming", headers=s.admin, json=abroad).status_code == 403
    foreign = s.client.post("/api/v1/roaming", headers=s.kcell,
                            json={"numbers": ["+905321234567"], "roaming": True})  # fmt: skip
    assert foreign.status_code == 400
    assert "Kazakh" in foreign.json()["error"]["detail"]
