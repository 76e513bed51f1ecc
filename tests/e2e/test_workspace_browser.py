"""The workspace in Debian's Chromium: sign in with the keyboard, the case list, sign out,
and axe-core's rules on the sign-in and case pages in every language."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from cyberpol.bootstrap import bootstrap
from cyberpol.cases.domain import CaseDraft
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.monitoring.domain.resources import ResourceKind, ResourceSource, ResourceState
from cyberpol.monitoring.domain.takedowns import Party
from cyberpol.monitoring.service import NewResource
from cyberpol.reports.domain import ReportSubmission
from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.domain.blocks import BlockTarget, BlockTargetKind
from tests.e2e.test_browser import CHROMIUM, _page, _violations
from tests.factories import make_settings, serving

PASSWORD = "тергеу жұмысы 2026"
SHOTS = Path(tempfile.gettempdir()) / "cyberpol-shots"
SHOTS.mkdir(exist_ok=True)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    where = tmp_path_factory.mktemp("desk")
    runtime = bootstrap(make_settings(where))
    runtime.accounts.create_user(actor=CONSOLE, name="i.sadykov", role=Role.INVESTIGATOR)
    runtime.accounts.set_password(actor=CONSOLE, name="i.sadykov", password=PASSWORD)
    for n, title in enumerate(("Шуба на OLX, 26 потерпевших", "«Служба безопасности банка»")):
        runtime.cases.open(
            actor=CONSOLE,
            draft=CaseDraft(ScamCategory.MARKETPLACE_AD, title, region=Region.ALMATY_CITY,
                            erdr_number=f"26150003100012{n}"),
        )  # fmt: skip
    for text, category in (
        ("Звонили с +7 701 234 56 78 «из Kaspi», просили код из SMS", ScamCategory.FAKE_BANK_CALL),
        ("Маған +77012345678 нөмірінен банк атынан хабарласты", ScamCategory.FAKE_BANK_CALL),
        ("Предоплата за диван на OLX, карта 4400 4301 2345 6789", ScamCategory.MARKETPLACE_AD),
    ):
        runtime.reports.submit(
            submission=ReportSubmission(text, category, Channel.WEB, Region.ALMATY_CITY)
        )
    # A week of an operator's calls, scored, and a block request: the telecom desk has rows.
    generate_calls(where / "week", records=150_000, seed=21)
    runtime.telecom.import_calls(actor=CONSOLE, path=where / "week" / "calls.parquet")
    runtime.telecom.score_sims(actor=CONSOLE)
    runtime.telecom.connect_operator(actor=CONSOLE, code="KCELL", name="Kcell JSC")
    runtime.telecom.request_blocks(
        actor=CONSOLE, case_number="261500031000120", legal_basis="Постановление следователя",
        targets=[BlockTarget(BlockTargetKind.NUMBER, "+77011234567", "KCELL")],
    )  # fmt: skip
    # The monitoring queue: lookalikes from a scan, one confirmed with a block request.
    scanned = runtime.monitoring.add(actor=CONSOLE, items=[
        NewResource(ResourceKind.DOMAIN, name, ResourceSource.LOOKALIKE_SCAN, "ct-2026-12-01.csv")
        # One new site per language for the keyboard step below, and two to spare.
        for name in ("kаspi.kz", "halykbank-secure.online", "egov-kompensaciya.site",
                     "olx-dostavka.top", "jusanbank-secure.online", "kaspi-gold-bonus.shop")
    ])  # fmt: skip
    confirmed = scanned[1].resource.id
    runtime.monitoring.move(actor=CONSOLE, resource_id=confirmed, state=ResourceState.CONFIRMED)
    runtime.monitoring.request_block(actor=CONSOLE, resource_id=confirmed, party=Party.CERT,
                                     addressee="KZ-CERT")  # fmt: skip
    # A marketplace's export with planted rings, for the rings page.
    from tests.monitoring.ads_recipe import build, write_csv

    export = where / "bazar-export.csv"
    write_csv(build(4, 2_000), export)
    runtime.monitoring.import_ads(actor=CONSOLE, path=export)
    runtime.call_store().close()
    runtime.engine.dispose()
    with serving(where) as base:
        yield base


def _sign_in(chromium: Browser, desk: str, language: str) -> Page:
    page = _page(chromium, language)
    page.goto(f"{desk}/cases")
    assert "/login?next=/cases" in page.url
    page.focus("#username")
    page.keyboard.type("i.sadykov")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{desk}/cases")
    return page


def test_an_investigator_signs_in_with_the_keyboard_and_out_again(
    chromium: Browser,
    desk: str,
    tmp_path: Path,
) -> None:
    page = _sign_in(chromium, desk, "ru")
    body = page.inner_text("main")
    assert "Шуба на OLX, 26 потерпевших" in body
    assert "261500031000120" in body
    page.screenshot(path=str(tmp_path / "cases-ru.png"), full_page=True)
    page.click("text=Выйти")
    page.wait_for_url(f"{desk}/login")
    page.goto(f"{desk}/cases")
    assert "/login" in page.url


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_workspace_pages_pass_axe(
    chromium: Browser,
    desk: str,
    language: str,
) -> None:
    page = _page(chromium, language)
    found = {}
    page.goto(f"{desk}/login")
    found["/login"] = _violations(page)
    page.fill("#username", "i.sadykov")
    page.fill("#password", "неверный пароль 123")
    page.click("button[type=submit]")
    page.wait_for_selector("#login-error")
    found["/login (wrong)"] = _violations(page)
    page = _sign_in(chromium, desk, language)
    found["/cases"] = _violations(page)
    page.goto(f"{desk}/cases?state=registered&q=OLX")
    found["/cases (filtered)"] = _violations(page)
    page.click("table a")
    page.wait_for_selector("dl.facts")
    found["/cases/{id}"] = _violations(page)
    for summary in page.locator("details > summary").all():
        summary.click()  # axe checks only what is shown: open every folded form
    found["/cases/{id} (forms open)"] = _violations(page)
    page.fill("#move-reason", " ")
    page.click("form[action$='/move'] button")
    page.wait_for_selector("#refused")
    found["/cases/{id} (refused)"] = _violations(page)
    page.goto(f"{desk}/cases/new")
    found["/cases/new"] = _violations(page)
    page.goto(f"{desk}/triage")
    found["/triage"] = _violations(page)
    page.click("button[value=confirm]")  # nothing ticked: the page says what to do
    page.wait_for_selector("p.errors")
    found["/triage (nothing ticked)"] = _violations(page)
    page.goto(f"{desk}/links?value=%2B77012345678")
    page.wait_for_selector("#links-graph[data-ready='1']")
    found["/links"] = _violations(page)
    page.goto(f"{desk}/links?value=nonsense")
    found["/links (not a value)"] = _violations(page)
    page.goto(f"{desk}/telecom")
    found["/telecom"] = _violations(page)
    page.screenshot(path=str(SHOTS / f"telecom-{language}.png"), full_page=True)
    page.locator("form[action$='/verdict'] button[value='0']").first.focus()
    page.keyboard.press("Enter")  # the analyst's verdict, with the keyboard alone
    page.wait_for_selector("p.notice")
    found["/telecom (verdict saved)"] = _violations(page)
    page.goto(f"{desk}/monitoring")
    found["/monitoring"] = _violations(page)
    page.screenshot(path=str(SHOTS / f"monitoring-{language}.png"), full_page=True)
    page.goto(f"{desk}/monitoring/ads")
    page.locator("details > summary").first.click()
    found["/monitoring/ads"] = _violations(page)
    page.screenshot(path=str(SHOTS / f"monitoring-rings-{language}.png"), full_page=True)
    page.goto(f"{desk}/monitoring/texts")
    page.focus("#text")
    page.keyboard.type("Сіз Kaspi ұтыс ойынында Toyota Camry ұтып алдыңыз! Салықты "
                       "kaspi-priz.top сайтында төлеңіз")  # fmt: skip
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#verdict")
    found["/monitoring/texts (a verdict)"] = _violations(page)
    page.screenshot(path=str(SHOTS / f"monitoring-texts-{language}.png"), full_page=True)
    page.goto(f"{desk}/monitoring?state=block_requested")
    page.click("text=halykbank-secure.online")
    page.wait_for_selector("dl.facts")
    found["/monitoring/{id}"] = _violations(page)
    page.screenshot(path=str(SHOTS / f"monitoring-resource-{language}.png"), full_page=True)
    page.goto(f"{desk}/monitoring?state=new&kind=domain")
    page.locator("table a").first.click()
    page.wait_for_selector("dl.facts")
    page.locator("button[value='reviewing']").focus()
    page.keyboard.press("Enter")  # the analyst's step, with the keyboard alone
    page.wait_for_selector("p.notice")
    found["/monitoring/{id} (taken for review)"] = _violations(page)
    assert found == {path: [] for path in found}, json.dumps(found, ensure_ascii=False)
