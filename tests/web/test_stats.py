"""The statistics through the real pages and database: figures counted where and when they
happened (months in Kazakhstan's time), filters, and the CSV and XLSX exports read back."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import (
    CaseDraft,
    CaseState,
    CloseGround,
    LinkKind,
    NewParty,
    PartyRole,
    Transition,
)
from cyberpol.entrypoints.http import create_app
from cyberpol.freeze.domain.targets import FreezeTarget
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.clock import ManualClock
from cyberpol.reports.domain import ReportSubmission
from tests.factories import bearer, signed_in_client


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime]]:
    # 31 October, 23:30 in Astana is still October there, though November in no timezone
    # west of it: the report counts in October.
    clock = ManualClock(datetime(2026, 10, 31, 18, 30, tzinfo=UTC))
    runtime.clock = clock
    submit = runtime.reports.submit
    submit(
        submission=ReportSubmission(
            "Звонок из «банка», +77012345678",
            ScamCategory.FAKE_BANK_CALL,
            Channel.WEB,
            Region.PAVLODAR,
        )
    )
    clock.advance(hours=1)  # 00:30 on 1 November in Astana
    for region in (Region.PAVLODAR, Region.ALMATY_CITY, None):
        submit(
            submission=ReportSubmission(
                "OLX: предоплата на карту 4400430123456789",
                ScamCategory.MARKETPLACE_AD,
                Channel.TELEGRAM,
                region,
            )
        )
    case = runtime.cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.MARKETPLACE_AD, "OLX, Павлодар", region=Region.PAVLODAR,
                        erdr_number="261500031000444"),
    )  # fmt: skip
    case_id = case.summary.id
    for name, loss, pensioner in (("Айгүл", "180000", True), ("Болат", "45000.50", False)):
        runtime.cases.add_party(
            actor=CONSOLE, case_id=case_id,
            party=NewParty(PartyRole.VICTIM, name, loss=Decimal(loss), pensioner=pensioner),
        )  # fmt: skip
    runtime.cases.link(actor=CONSOLE, case_id=case_id, kind=LinkKind.DROP_ACCOUNT,
                       refs=["KZ18722S000012345678", "KZ43965A220000089122"])  # fmt: skip
    runtime.cases.move(actor=CONSOLE, case_id=case_id,
                       transition=Transition(CaseState.INVESTIGATING, "принято"))  # fmt: skip
    runtime.freeze.connect_bank(actor=CONSOLE, code="CASPKZKA", name="Kaspi Bank")
    [request] = runtime.freeze.issue(
        actor=CONSOLE, case_number="261500031000444", legal_basis="Постановление",
        targets=[FreezeTarget("KZ18722S000012345678", "CASPKZKA", Decimal("120000"))],
    )  # fmt: skip
    clock.advance(hours=3)
    kaspi = runtime.freeze.bank_token(actor=CONSOLE, code="CASPKZKA").secret
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        answered = client.post(
            f"/api/v1/freeze-requests/{request.id}/answer",
            json={"frozen_amount": "100000"}, headers=bearer(kaspi),
        )  # fmt: skip
        assert answered.status_code == 200, answered.text
        clock.advance(days=20)  # 21 November
        runtime.cases.move(
            actor=CONSOLE, case_id=case_id,
            transition=Transition(CaseState.CLOSED, "примирение", CloseGround.NON_REHABILITATING),
        )  # fmt: skip
        signed_in_client(client, runtime, "i.sadykov", Role.INVESTIGATOR)
        yield client, runtime


def _figure(page: str, name: str) -> str:
    found = re.search(
        rf"<th scope=\"row\">{re.escape(name)}</th><td class=\"number\">([^<]*)<", page
    )
    assert found, name
    return found.group(1)


def test_the_dashboard_counts_where_and_when(desk: tuple[TestClient, Runtime]) -> None:
    client, _ = desk
    page = client.get("/stats?since=2026-10&until=2026-11").text
    assert _figure(page, "Поступило заявлений") == "4"
    assert _figure(page, "Зарегистрировано дел") == "1"
    assert _figure(page, "Ущерб, тенге") == "225 000"
    assert _figure(page, "Пенсионеров среди потерпевших") == "1"
    assert _figure(page, "Установлено дропов") == "2"
    assert _figure(page, "Запрошена заморозка счетов") == "1"
    assert _figure(page, "Заморожено, тенге") == "100 000"
    assert _figure(page, "Прекращено по нереабилитирующим основаниям") == "1"
    assert _figure(page, "Заморожено счетов от запрошенных") == "100%"
    months = re.findall(r'<tr><th scope="row">(2026-\d\d)</th><td class="number">(\d+)<', page)
    assert months == [("2026-10", "1"), ("2026-11", "3")]
    # Pavlodar: its two reports, and the case with its money placed there by the case.
    pavlodar = client.get("/stats?since=2026-10&until=2026-11&region=pavlodar").text
    assert _figure(pavlodar, "Поступило заявлений") == "2"
    assert _figure(pavlodar, "Заморожено, тенге") == "100 000"
    almaty = client.get("/stats?since=2026-10&until=2026-11&region=almaty_city").text
    assert _figure(almaty, "Поступило заявлений") == "1"
    assert _figure(almaty, "Заморожено, тенге") == "0"
    assert _figure(client.get("/stats?since=2026-11&until=2026-11").text,
                   "Поступило заявлений") == "3"  # fmt: skip
    # Months that are no months, or regions that are none, fall back to the defaults.
    assert client.get("/stats?since=2026-13&region=mars").status_code == 200


def test_the_exports_read_back_with_the_pages_figures(desk: tuple[TestClient, Runtime]) -> None:
    client, _ = desk
    query = "since=2026-10&until=2026-11&region=pavlodar"
    workbook = client.get(f"/stats/export.xlsx?{query}")
    assert workbook.status_code == 200
    assert workbook.headers["content-disposition"].endswith('2026-10-2026-11.xlsx"')
    book = load_workbook(io.BytesIO(workbook.content))
    totals = {row[0]: row[1] for row in book["Итоги"].iter_rows(min_row=2, values_only=True)}
    assert totals["Поступило заявлений"] == 2
    assert totals["Ущерб, тенге"] == 225000.5
    assert totals["Заморожено, тенге"] == 100000
    by_month = list(book["По месяцам"].iter_rows(values_only=True))
    assert [row[:2] for row in by_month] == [("Месяц", "Поступило заявлений"),
                                             ("2026-10", 1), ("2026-11", 1)]  # fmt: skip
    text = client.get(f"/stats/export.csv?{query}").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    reports = [r for r in rows if r["figure"] == "reports"]
    assert sorted((r["Месяц"], r["Регион"], r["Значение"]) for r in reports) == [
        ("2026-10", "Павлодарская область", "1"), ("2026-11", "Павлодарская область", "1"),
    ]  # fmt: skip
    assert "4400430123456789" not in text


def test_partners_see_no_statistics(desk: tuple[TestClient, Runtime]) -> None:
    _, runtime = desk
    with TestClient(create_app(runtime)) as bank:
        signed_in_client(bank, runtime, "kaspi.desk", Role.BANK, "CASPKZKA")
        assert bank.get("/stats").status_code == 403
        assert bank.get("/stats/export.xlsx").status_code == 403
        assert bank.get("/stats/export.csv").status_code == 403
    with TestClient(create_app(runtime)) as stranger:
        away = stranger.get("/stats/export.csv", follow_redirects=False)
        assert away.status_code == 303
