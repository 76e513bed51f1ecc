"""The link view through the real pages and database: which reports and cases share a
number, a step at a time, with counts, bounded however widely a number is reported."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import CaseDraft, LinkKind
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.reports.domain import ReportSubmission
from tests.factories import signed_in_client


def _report(runtime: Runtime, text: str) -> str:
    submission = ReportSubmission(text, ScamCategory.FAKE_POLICE_CALL, Channel.WEB, Region.ATYRAU)
    return runtime.reports.submit(submission=submission).report.id


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime, list[str], list[int]]]:
    reports = [
        _report(runtime, "Звонил «следователь» с +7 705 111 22 33, велел перевести деньги "
                         "на KZ18722S000012345678"),
        _report(runtime, "Мне звонили с 87051112233 от имени полиции"),
        _report(runtime, "Полиция звонила с 8 (705) 111-22-33"),
    ]  # fmt: skip
    first = runtime.cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.FAKE_POLICE_CALL, "Лже-полицейские, Атырау",
                        erdr_number="261500031000601", report_ids=(reports[0],)),
    )  # fmt: skip
    second = runtime.cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.FAKE_POLICE_CALL, "Лже-полицейские, Актобе",
                        erdr_number="261500031000602"),
    )  # fmt: skip
    runtime.cases.link(actor=CONSOLE, case_id=second.summary.id, kind=LinkKind.DROP_ACCOUNT,
                       refs=["KZ18722S000012345678"])  # fmt: skip
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        signed_in_client(client, runtime, "a.nurlanova", Role.ANALYST)
        yield client, runtime, reports, [first.summary.id, second.summary.id]


def _group(page: str, title: str) -> str:
    found = re.search(rf"<h3 id=\"group-\w+\">{title}: (\d+\+?)</h3>(.*?)</section>", page, re.S)
    assert found, title
    return found.group(1) + found.group(2)


def test_which_other_cases_share_this_number(
    desk: tuple[TestClient, Runtime, list[str], list[int]],
) -> None:
    client, _, reports, cases = desk
    page = client.get("/links", params={"value": "8 705 111 22 33"}).text
    assert "+77051112233" in page
    named = _group(page, "Заявления")
    assert named.startswith("3")
    assert all(r in named for r in reports)
    shared = _group(page, "Дела")
    assert shared.startswith("1")
    assert "261500031000601" in shared
    # One step on: the IBAN named beside the number, and the case where it is a drop account.
    iban = re.search(r'href="(/links\?indicator=\d+)">KZ18722S000012345678<', page)
    assert iban
    step = client.get(iban.group(1)).text
    assert "261500031000602" in _group(step, "Дела")
    assert "261500031000601" in _group(step, "Дела")  # through the report that named it
    case_view = client.get(f"/links?case={cases[0]}").text
    assert reports[0] in _group(case_view, "Заявления")
    report_view = client.get(f"/links?report={reports[1]}").text
    assert "+77051112233" in _group(report_view, "Индикаторы")
    graph = json.loads(re.search(r'id="links-data">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert graph["nodes"][0]["data"]["label"] == "+77051112233"


def test_a_widely_reported_number_is_listed_with_counts_and_drawn_in_part(
    desk: tuple[TestClient, Runtime, list[str], list[int]],
) -> None:
    client, runtime, _, _ = desk
    for n in range(150):
        _report(runtime, f"Звонили с +7 705 111 22 33 и с +7 700 000 {n // 100:02d} {n % 100:02d}")
    page = client.get("/links", params={"value": "+77051112233"}).text
    assert _group(page, "Индикаторы").startswith("100+")  # the registry names 100 at most
    assert "Показаны первые 100 из 153." in page
    graph = json.loads(re.search(r'id="links-data">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert len(graph["nodes"]) <= 300


def test_bad_and_unknown_values_and_partners(
    desk: tuple[TestClient, Runtime, list[str], list[int]],
) -> None:
    client, runtime, _, _ = desk
    bad = client.get("/links", params={"value": "позвоните мне"})
    assert bad.status_code == 400
    assert "Это не телефон, карта, IBAN" in bad.text
    unknown = client.get("/links", params={"value": "+7 701 999 88 77"})
    assert unknown.status_code == 200
    assert "Реестру это значение неизвестно" in unknown.text
    assert client.get("/links?case=99999").status_code == 404
    assert client.get("/links?report=R-NO-SUCH").status_code == 404
    with TestClient(create_app(runtime)) as bank:
        signed_in_client(bank, runtime, "kaspi.desk", Role.BANK, "CASPKZKA")
        assert bank.get("/links", params={"value": "+77051112233"}).status_code == 403
