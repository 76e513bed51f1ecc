"""The case page's forms through the real pages and database: open a case, correct it, move
it on, add victims, links, notes and evidence, and what a refused or forged form leaves."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import CaseState, LinkKind
from cyberpol.cases.ports import CaseFilter
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
from tests.factories import signed_in_client

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime]]:
    with TestClient(create_app(runtime), headers={"Accept-Language": "ru"}) as client:
        signed_in_client(client, runtime, "i.sadykov", Role.INVESTIGATOR)
        yield client, runtime


def _post(client: TestClient, path: str, **data: object) -> object:
    return client.post(
        path, data={"csrf_token": client.cookies["csrf"], **data}, follow_redirects=False
    )


def _opened(client: TestClient) -> int:
    assert "Новое дело" in client.get("/cases").text
    client.get("/cases/new")
    answer = _post(
        client, "/cases/new", title="Инвестиции в «Казмунайгаз-Бонус», 14 потерпевших",
        category="investment_scam", region="karaganda", erdr_number="261500031000555",
    )  # fmt: skip
    assert answer.status_code == 303  # type: ignore[attr-defined]
    return int(answer.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]


def test_an_investigator_runs_a_case_from_its_page(desk: tuple[TestClient, Runtime]) -> None:
    client, runtime = desk
    case_id = _opened(client)
    page = client.get(f"/cases/{case_id}").text
    assert "Инвестиции в «Казмунайгаз-Бонус»" in page
    assert "Дело заведено" in page  # the automatic first event, in the reader's language
    assert "Принять к производству" in page
    moved = _post(client, f"/cases/{case_id}/move", to="investigating", reason="Поручение")
    assert moved.status_code == 303  # type: ignore[attr-defined]
    victim = _post(
        client, f"/cases/{case_id}/parties", role="victim", name="Жанар Сейтқали",
        contact="+77015550011", loss="1 250 000,50", pensioner="1",
    )  # fmt: skip
    assert victim.status_code == 303  # type: ignore[attr-defined]
    _post(client, f"/cases/{case_id}/links", kind="transfer", refs="T000000000194\r\nT0042\n\n")
    _post(client, f"/cases/{case_id}/notes", text="Запрос в Kaspi по счёту отправлен")
    added = client.post(
        f"/cases/{case_id}/evidence",
        data={"csrf_token": client.cookies["csrf"], "description": "Выписка"},
        files={"file": ("выписка.pdf", PDF, "application/octet-stream")},
        follow_redirects=False,
    )
    assert added.status_code == 303
    closed = _post(
        client, f"/cases/{case_id}/move", to="closed", reason="Примирение сторон",
        ground="non_rehabilitating",
    )  # fmt: skip
    assert closed.status_code == 303  # type: ignore[attr-defined]
    case = runtime.cases.get(actor=CONSOLE, case_id=case_id)
    assert case.summary.state is CaseState.CLOSED
    assert str(case.summary.damage) == "1250000.50"
    assert case.pensioners == 1
    assert [(link.kind, link.ref) for link in case.links] == [
        (LinkKind.TRANSFER, "T000000000194"), (LinkKind.TRANSFER, "T0042"),
    ]  # fmt: skip
    page = client.get(f"/cases/{case_id}").text
    assert "Жанар Сейтқали" in page
    assert "1 250 000,50" in page or "1 250 000.50" in page
    assert "Запрос в Kaspi по счёту отправлен" in page
    assert 'href="/trace/T000000000194?case=261500031000555"' in page
    link = re.search(r'href="(/cases/\d+/evidence/\d+)"', page)
    assert link
    file = client.get(link.group(1))
    assert file.content == PDF
    assert file.headers["x-evidence-sha256"] == hashlib.sha256(PDF).hexdigest()
    assert file.headers["content-type"] == "application/pdf"  # told by content, not as sent
    audit = runtime.accounts.read_audit(
        actor=CONSOLE, object_type=AuditObject.CASE, object_id=str(case_id)
    )
    assert "case.evidence_read" in {entry.action.value for entry in audit}


def test_refused_forms_say_why_in_the_readers_language_and_store_nothing(
    desk: tuple[TestClient, Runtime],
) -> None:
    client, runtime = desk
    before = runtime.cases.search(actor=CONSOLE, filters=CaseFilter()).total
    bad = _post(client, "/cases/new", title="Без номера", category="other", erdr_number="12-34")
    assert bad.status_code == 400  # type: ignore[attr-defined]
    assert "Номер ЕРДР — 15 цифр" in bad.text  # type: ignore[attr-defined]
    assert runtime.cases.search(actor=CONSOLE, filters=CaseFilter()).total == before
    case_id = _opened(client)
    _post(client, f"/cases/{case_id}/move", to="investigating", reason="Поручение")
    no_ground = _post(client, f"/cases/{case_id}/move", to="closed", reason="Нет состава")
    assert no_ground.status_code == 400  # type: ignore[attr-defined]
    assert "укажите основание: реабилитирующее или нет" in no_ground.text  # type: ignore[attr-defined]
    loss = _post(client, f"/cases/{case_id}/parties", name="Иван", loss="сто тысяч")
    assert loss.status_code == 400  # type: ignore[attr-defined]
    assert "Сумма — число в тенге" in loss.text  # type: ignore[attr-defined]
    fake = client.post(
        f"/cases/{case_id}/evidence",
        data={"csrf_token": client.cookies["csrf"]},
        files={"file": ("photo.jpg", b"MZ\x90\x00 not a photo", "image/jpeg")},
    )
    assert fake.status_code == 400
    assert "тип определяется по содержимому" in fake.text
    forged = client.post(
        f"/cases/{case_id}/notes", data={"csrf_token": "y" * 43, "text": "подделка"}
    )
    assert forged.status_code == 403
    case = runtime.cases.get(actor=CONSOLE, case_id=case_id)
    assert (case.parties, case.notes, case.evidence) == ((), (), ())
    assert case.summary.state is CaseState.INVESTIGATING
    assert client.get("/cases/999999").status_code == 404


def test_an_analyst_cannot_decide_a_case(desk: tuple[TestClient, Runtime]) -> None:
    client, runtime = desk
    case_id = _opened(client)
    _post(client, f"/cases/{case_id}/move", to="investigating", reason="Поручение")
    with TestClient(create_app(runtime), headers={"Accept-Language": "kk"}) as analyst:
        signed_in_client(analyst, runtime, "a.nurlanova", Role.ANALYST)
        page = analyst.get(f"/cases/{case_id}").text
        assert 'value="closed"' not in page  # the procedural decisions are not offered
        refused = _post(analyst, f"/cases/{case_id}/move", to="closed", reason="x",
                        ground="rehabilitating")  # fmt: skip
        assert refused.status_code == 403  # type: ignore[attr-defined]
    case = runtime.cases.get(actor=CONSOLE, case_id=case_id)
    assert case.summary.state is CaseState.INVESTIGATING
