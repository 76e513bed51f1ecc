"""Signing in to the workspace through the real pages and database: passwords, a second
factor for administrators, lock-out, idle expiry, sign-out, and the case list behind it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pyotp
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import CaseDraft, NewParty, PartyRole
from cyberpol.cases.ports import CaseFilter
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.categories import Region, ScamCategory

PASSWORD = "жұмыс-орны 2026 күзі"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[tuple[TestClient, Runtime, Clock]]:
    clock = Clock()
    timed = replace(runtime, clock=clock)
    for name, role in (("i.sadykov", Role.INVESTIGATOR), ("root", Role.ADMIN)):
        timed.accounts.create_user(actor=CONSOLE, name=name, role=role)
        timed.accounts.set_password(actor=CONSOLE, name=name, password=PASSWORD)
    timed.cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.MARKETPLACE_AD, "Шуба на OLX, 26 потерпевших",
                        region=Region.ALMATY_CITY, erdr_number="261500031000123"),
    )  # fmt: skip
    with TestClient(create_app(timed), headers={"Accept-Language": "ru"}) as client:
        yield client, timed, clock


def _sign_in(client: TestClient, name: str, password: str, code: str = "") -> object:
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    return client.post(
        "/login",
        data={"csrf_token": token.group(1), "username": name, "password": password,
              "totp": code, "next": "/cases?state=registered"},
        follow_redirects=False,
    )  # fmt: skip


def test_an_investigator_signs_in_sees_the_cases_and_signs_out(
    desk: tuple[TestClient, Runtime, Clock],
) -> None:
    client, runtime, _ = desk
    away = client.get("/cases", follow_redirects=False)
    assert (away.status_code, away.headers["location"]) == (303, "/login?next=/cases")
    answer = _sign_in(client, "i.sadykov", PASSWORD)
    assert answer.status_code == 303  # type: ignore[attr-defined]
    assert answer.headers["location"] == "/cases?state=registered"  # type: ignore[attr-defined]
    cookie = answer.headers["set-cookie"]  # type: ignore[attr-defined]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    listed = client.get("/cases?state=registered")
    assert "Шуба на OLX, 26 потерпевших" in listed.text
    assert "261500031000123" in listed.text
    assert "Найдено дел: 1" in listed.text
    signed_out = client.post(
        "/logout", data={"csrf_token": client.cookies["csrf"]}, follow_redirects=False
    )
    assert signed_out.status_code == 303
    assert client.get("/cases", follow_redirects=False).status_code == 303
    log = runtime.accounts.read_audit(
        actor=CONSOLE, object_type=AuditObject.USER, object_id="i.sadykov"
    )
    assert [e.action.value for e in log][-2:] == ["user.sign_in", "user.sign_out"]


def test_wrong_passwords_lock_the_account_for_a_while(
    desk: tuple[TestClient, Runtime, Clock],
) -> None:
    client, _, clock = desk
    for _ in range(5):
        wrong = _sign_in(client, "i.sadykov", "угадайка-123456")
        assert wrong.status_code == 401  # type: ignore[attr-defined]
        assert "Неверное имя пользователя, пароль или код." in wrong.text  # type: ignore[attr-defined]
    locked = _sign_in(client, "i.sadykov", PASSWORD)
    assert locked.status_code == 429  # type: ignore[attr-defined]
    nobody = _sign_in(client, "no.such.user", PASSWORD)
    assert nobody.status_code == 401  # type: ignore[attr-defined]
    clock.now += timedelta(minutes=16)
    assert _sign_in(client, "i.sadykov", PASSWORD).status_code == 303  # type: ignore[attr-defined]


def test_a_session_ends_after_half_an_hour_idle(desk: tuple[TestClient, Runtime, Clock]) -> None:
    client, _, clock = desk
    _sign_in(client, "i.sadykov", PASSWORD)
    clock.now += timedelta(minutes=20)
    assert client.get("/cases", follow_redirects=False).status_code == 200
    clock.now += timedelta(minutes=29)  # used 29 minutes ago: still open
    assert client.get("/cases", follow_redirects=False).status_code == 200
    clock.now += timedelta(minutes=31)
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_an_administrator_needs_the_second_factor(desk: tuple[TestClient, Runtime, Clock]) -> None:
    client, runtime, clock = desk
    refused = _sign_in(client, "root", PASSWORD)
    assert refused.status_code == 401  # type: ignore[attr-defined]
    assert "приложения-аутентификатора" in refused.text  # type: ignore[attr-defined]
    uri = runtime.accounts.enable_totp(actor=CONSOLE, name="root")
    secret = pyotp.parse_uri(uri).secret
    assert _sign_in(client, "root", PASSWORD, "000000").status_code == 401  # type: ignore[attr-defined]
    code = pyotp.TOTP(secret).at(clock.now)
    assert _sign_in(client, "root", PASSWORD, code).status_code == 303  # type: ignore[attr-defined]
    # Admins run the system, not cases: the page checks it in the use case.
    assert client.get("/cases").status_code == 403


def test_a_login_form_from_elsewhere_is_refused(desk: tuple[TestClient, Runtime, Clock]) -> None:
    client, _, _ = desk
    forged = client.post(
        "/login", data={"username": "i.sadykov", "password": PASSWORD}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert "session" not in forged.headers.get("set-cookie", "")


def test_the_case_page_shows_the_case_as_filed(desk: tuple[TestClient, Runtime, Clock]) -> None:
    client, runtime, _ = desk
    [case] = runtime.cases.search(actor=CONSOLE, filters=CaseFilter()).items
    runtime.cases.add_party(
        actor=CONSOLE,
        case_id=case.id,
        party=NewParty(PartyRole.VICTIM, "Тамара Ким", loss=Decimal("380000"), pensioner=True),
    )
    assert client.get(f"/cases/{case.id}", follow_redirects=False).status_code == 303
    _sign_in(client, "i.sadykov", PASSWORD)
    listed = client.get("/cases").text
    assert f'href="/cases/{case.id}"' in listed
    page = client.get(f"/cases/{case.id}", headers={"Accept-Language": "kk"})
    assert page.status_code == 200
    assert "261500031000123" in page.text
    assert "Тамара Ким" in page.text
    assert "380 000.00" in page.text
    assert "Тіркелген" in page.text  # registered, in Kazakh
    assert client.get("/cases/999999").status_code == 404
    log = runtime.accounts.read_audit(
        actor=CONSOLE, object_type=AuditObject.CASE, object_id=str(case.id)
    )
    assert "case.read_parties" in [e.action.value for e in log]
