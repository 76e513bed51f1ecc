"""The triage queue through the real pages and database: reports grouped by the indicator they
share, filters, bulk confirm/dismiss/block with a reason, opening a case from reports and
filing reports into a case, and what a partner or a forged form gets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import CaseDraft, LinkKind
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import Forbidden
from cyberpol.registry.domain import IndicatorStatus
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.reports.domain import ReportSubmission
from cyberpol.reports.ports import TriageFilter
from tests.factories import signed_in_client

PHONE = "+7 701 234 56 78"
REPORTS = [
    # (text, category, channel, region, loss)
    ("Позвонили с номера +7 701 234 56 78, представились службой безопасности Kaspi, "
     "просили продиктовать код из SMS. Списали 180 000 тг.",
     ScamCategory.FAKE_BANK_CALL, Channel.TELEGRAM, Region.ALMATY_CITY, "180000"),
    ("Маған 87012345678 нөмірінен қоңырау шалып, банк қызметкері екенін айтты, "
     "карта деректерін сұрады.",
     ScamCategory.FAKE_BANK_CALL, Channel.WEB, Region.ASTANA, None),
    ("Продавец на OLX просил перевести предоплату на карту 4400 4301 2345 6789, "
     "телефон +77012345678, потом пропал.",
     ScamCategory.MARKETPLACE_AD, Channel.WEB, Region.ALMATY_CITY, "45000"),
    ("Инвестиции в крипту, сайт kaspi-invest-bonus.top, обещали 30% в неделю.",
     ScamCategory.INVESTMENT_SCAM, Channel.API, Region.KARAGANDA, "1200000"),
]  # fmt: skip


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime, list[str]]]:
    ids = []
    for text, category, channel, region, loss in REPORTS:
        submitted = runtime.reports.submit(
            submission=ReportSubmission(
                text=text, category=category, channel=channel, region=region,
                loss_amount=Decimal(loss) if loss else None, contact="+77770001122",
            )
        )  # fmt: skip
        ids.append(submitted.report.id)
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        signed_in_client(client, runtime, "a.nurlanova", Role.ANALYST)
        yield client, runtime, ids


def _group(page: str, value: str) -> str:
    """The HTML of the group whose indicator reads ``value``."""
    for section in page.split('<section class="group"')[1:]:
        if value in section.split("</h2>")[0]:
            return section
    raise AssertionError(f"no group for {value!r}")


def _indicator_id(page: str, value: str) -> str:
    found = re.search(r'name="indicator" value="(\d+)"', _group(page, value))
    assert found
    return found.group(1)


def test_reports_that_share_a_number_are_one_group(
    desk: tuple[TestClient, Runtime, list[str]],
) -> None:
    client, _, ids = desk
    page = client.get("/triage").text
    phone = _group(page, "+77012345678")
    # Written three ways in three reports, in two languages: one number, one group.
    assert all(i in phone for i in ids[:3])
    assert ids[3] not in phone
    assert "Заявлений: 3" in phone
    assert "4400 4301 2345 6789" not in page  # a card is shown masked, never in full
    assert "440043******6789" in page
    assert "+77770001122" not in page  # reporters' contacts stay off the queue
    in_astana = client.get("/triage?region=astana").text
    assert "Заявлений: 1" in _group(in_astana, "+77012345678")
    assert ids[0] not in in_astana
    by_channel = client.get("/triage?channel=api").text
    assert "kaspi-invest-bonus.top" in by_channel
    assert "+77012345678" not in by_channel
    assert "kaspi-invest-bonus.top" not in client.get("/triage?since=2100-01-01").text
    # Values the page does not offer read as "any", never as an error or a query.
    assert client.get("/triage?status=drop+table&region=mars&since=yesterday").status_code == 200


def test_an_analyst_confirms_and_blocks_many_indicators_with_a_reason(
    desk: tuple[TestClient, Runtime, list[str]],
) -> None:
    client, runtime, _ = desk
    page = client.get("/triage?category=fake_bank_call").text
    phone = _indicator_id(page, "+77012345678")
    site = _indicator_id(client.get("/triage").text, "kaspi-invest-bonus.top")
    csrf = client.cookies["csrf"]
    done = client.post(
        "/triage",
        data={"csrf_token": csrf, "action": "confirm", "indicator": [phone, site],
              "reason": "Совпадает с 3 заявлениями, звонки через SIM-бокс",
              "category": "fake_bank_call"},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    assert done.headers["location"].startswith("/triage?status=reported&category=fake_bank_call")
    assert "Подтверждено индикаторов: 2." in client.get(done.headers["location"]).text
    found = runtime.registry.list_indicators(actor=CONSOLE, filters=_by_status("confirmed"))
    assert {i.value for i in found.items} == {"+77012345678", "kaspi-invest-bonus.top"}
    assert found.items[0].status is IndicatorStatus.CONFIRMED
    # A block must say who blocked it; the page says so and nothing changes.
    refused = client.post(
        "/triage",
        data={"csrf_token": csrf, "action": "block", "indicator": [phone], "reason": "блок"},
    )
    assert refused.status_code == 400
    assert "Укажите, кто заблокировал" in refused.text
    blocked = client.post(
        "/triage?",
        data={"csrf_token": csrf, "action": "block", "indicator": [phone, "999999"],
              "reason": "Заблокирован оператором", "blocked_by": "operator",
              "blocker_name": "Kcell"},
    )  # fmt: skip
    # The unknown indicator is refused and counted; the real one is blocked.
    assert "Заблокировано индикаторов: 1. Отклонено: 1." in blocked.text
    assert runtime.registry.check(value=PHONE).verdict == "blocked"
    audit = runtime.accounts.read_audit(
        actor=CONSOLE, object_type=AuditObject.INDICATOR, object_id=phone
    )
    assert [e.actor for e in audit].count("a.nurlanova") == 2  # confirmed, then blocked


def test_an_analyst_opens_a_case_from_reports_and_files_another_into_it(
    desk: tuple[TestClient, Runtime, list[str]],
) -> None:
    client, runtime, ids = desk
    page = client.get("/triage").text
    phone = _indicator_id(page, "+77012345678")
    csrf = client.cookies["csrf"]
    nothing = client.post("/triage", data={"csrf_token": csrf, "action": "open_case"})
    assert nothing.status_code == 400
    assert "Отметьте заявления" in nothing.text
    opened = client.post(
        "/triage",
        data={"csrf_token": csrf, "action": "open_case", "report": ids[:2],
              "indicator": [phone], "title": "Звонки «службы безопасности» с +77012345678"},
        follow_redirects=False,
    )  # fmt: skip
    assert opened.status_code == 303
    case_id = int(opened.headers["location"].rsplit("/", 1)[1])
    case = runtime.cases.get(actor=CONSOLE, case_id=case_id)
    assert case.summary.title == "Звонки «службы безопасности» с +77012345678"
    assert case.summary.category is ScamCategory.FAKE_BANK_CALL
    assert {(link.kind, link.ref) for link in case.links} == {
        (LinkKind.REPORT, ids[0]), (LinkKind.REPORT, ids[1]), (LinkKind.INDICATOR, phone),
    }  # fmt: skip
    assert "Звонки «службы безопасности»" in client.get(opened.headers["location"]).text
    numbered = runtime.cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.MARKETPLACE_AD, "OLX", erdr_number="261500031000777"),
    )
    filed = client.post(
        "/triage",
        data={"csrf_token": csrf, "action": "attach", "report": [ids[2]],
              "case": "261500031000777"},
    )  # fmt: skip
    assert "Заявлений приобщено к делу: 1." in filed.text
    again = runtime.cases.get(actor=CONSOLE, case_id=numbered.summary.id)
    assert [(link.kind, link.ref) for link in again.links] == [(LinkKind.REPORT, ids[2])]
    missing = client.post(
        "/triage",
        data={"csrf_token": csrf, "action": "attach", "report": [ids[3]], "case": "CASE-9999"},
    )
    assert missing.status_code == 404


def test_a_forged_form_and_a_partner_change_nothing(
    desk: tuple[TestClient, Runtime, list[str]],
) -> None:
    client, runtime, _ = desk
    phone = _indicator_id(client.get("/triage").text, "+77012345678")
    forged = client.post(
        "/triage",
        data={"csrf_token": "x" * 43, "action": "dismiss", "indicator": [phone], "reason": "x"},
    )
    assert forged.status_code == 403
    assert runtime.registry.check(value=PHONE).verdict == "reported"
    with TestClient(create_app(runtime)) as bank:
        signed_in_client(bank, runtime, "halyk.api", Role.BANK, "HSBKKZKX")
        assert bank.get("/triage").status_code == 403
        answer = bank.post(
            "/triage",
            data={"csrf_token": bank.cookies["csrf"], "action": "dismiss",
                  "indicator": [phone], "reason": "x"},
        )  # fmt: skip
        assert answer.status_code == 403
    assert runtime.registry.check(value=PHONE).verdict == "reported"
    bank_actor = Actor("halyk.api", Role.BANK, "HSBKKZKX")
    with pytest.raises(Forbidden):
        runtime.reports.triage(actor=bank_actor, filters=TriageFilter())


def _by_status(status: str) -> IndicatorFilter:
    return IndicatorFilter(status=status)


def test_a_prosecutor_reads_the_queue_and_a_supervisor_files_reports_but_neither_decides(
    desk: tuple[TestClient, Runtime, list[str]],
) -> None:
    _, runtime, ids = desk
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as prosecutor:
        signed_in_client(prosecutor, runtime, "prokuror.almaty", Role.PROSECUTOR)
        page = prosecutor.get("/triage")
        assert page.status_code == 200
        assert ids[0] in page.text
        assert 'name="action"' not in page.text  # nothing to do here but read
        phone = _indicator_id(page.text, "+77012345678")
        refused = _post_as(prosecutor, action="confirm", indicator=[phone], reason="x")
        assert refused.status_code == 403
        assert prosecutor.get("/stats").status_code == 200
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as supervisor:
        signed_in_client(supervisor, runtime, "b.omarov", Role.SUPERVISOR)
        page = supervisor.get("/triage").text
        assert 'value="open_case"' in page
        assert 'value="confirm"' not in page
        opened = _post_as(supervisor, action="open_case", report=[ids[3]], title="Крипто")
        assert opened.status_code == 303
    assert runtime.registry.check(value=PHONE).verdict == "reported"


def _post_as(client: TestClient, **data: object) -> Response:
    return client.post(
        "/triage", data={"csrf_token": client.cookies["csrf"], **data}, follow_redirects=False
    )
