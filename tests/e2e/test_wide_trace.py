"""A victim's money fanned out to hundreds of accounts, in Debian's Chromium under the site's
script policy: the graph arrives drawn as SVG, a click on an account ticks it for freezing,
the wheel zooms, and the page passes axe in Kazakh, Russian and English."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from cyberpol.bootstrap import bootstrap
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.synth.payments import draw_iban
from tests.e2e.test_browser import CHROMIUM, _page, _violations
from tests.e2e.test_investigation_flow import _strict_page
from tests.factories import make_settings, serving

PASSWORD = "кең желдің суреті 2026"
BANKS = ("CASPKZKA", "HSBKKZKX", "IRTYKZKA", "KCJBKZKX", "KSNVKZKA")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"
)


def _fan(path: Path, widths: list[int]) -> int:
    """A bank file: one victim's payment spread hop by hop; the accounts it reaches."""
    rng = random.Random(12)
    start = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
    level, rows, n = [(draw_iban(rng, "HSBKKZKX"), "HSBKKZKX", 9_000_000.0)], [], 0
    for hop, width in enumerate(widths, start=1):
        following = []
        for account, bank, amount in level:
            for _ in range(width):
                n += 1
                to_bank = BANKS[n % len(BANKS)]
                to = draw_iban(rng, to_bank)
                rows.append({
                    "transfer_id": "WIDE-1" if n == 1 else f"WIDE-1-{n}",
                    "ts": (start + timedelta(minutes=15 * hop, seconds=n)).isoformat(),
                    "amount": f"{amount / width:.2f}", "from_account": account,
                    "from_bank": bank, "to_account": to, "to_bank": to_bank,
                    "channel": "transfer",
                })  # fmt: skip
                following.append((to, to_bank, amount / width * 0.99))
        level = following
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return n


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    where = tmp_path_factory.mktemp("wide")
    runtime = bootstrap(make_settings(where))
    runtime.accounts.create_user(actor=CONSOLE, name="i.sadykov", role=Role.INVESTIGATOR)
    runtime.accounts.set_password(actor=CONSOLE, name="i.sadykov", password=PASSWORD)
    assert _fan(where / "fan.csv", [1, 8, 8, 8]) == 585
    runtime.money_trail.import_file(actor=CONSOLE, path=where / "fan.csv")
    runtime.close_exchange()
    runtime.engine.dispose()
    with serving(where) as base:
        yield base


def test_a_wide_trace_is_drawn_ticked_and_zoomed(chromium: Browser, site: str) -> None:
    errors: list[str] = []
    page = _strict_page(chromium, errors)
    page.goto(f"{site}/trace/WIDE-1?smallest=1&window=720")
    page.fill("#username", "i.sadykov")
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("svg#graph[data-ready='1']")
    assert page.locator("#graph rect.account").count() == 585
    assert page.locator("#trace-data").count() == 0  # nothing for a script to build
    title = page.locator("#graph rect.account").first.locator("title").text_content() or ""
    assert title.startswith("KZ")
    assert "·" in title  # the account, then its money
    # A click on an account the table lists flips its box (freezable ones come ticked),
    # and the drawing shows what is ticked.
    key = page.locator("input[name=account]").first.get_attribute("value")
    tick = page.locator(f"input[name=account][value='{key}']")
    rect = page.locator(f"#graph rect[data-key='{key}']")
    was = tick.is_checked()
    rect.dispatch_event("click")
    assert tick.is_checked() is not was
    rect.dispatch_event("click")
    assert tick.is_checked() is was
    assert ("selected" in (rect.get_attribute("class") or "").split()) is was
    before = page.get_attribute("#graph", "viewBox")
    page.locator("#graph").hover()
    page.mouse.wheel(0, -400)
    assert page.get_attribute("#graph", "viewBox") != before
    assert errors == [], json.dumps(errors, ensure_ascii=False)
    found = {}
    for language in ("kk", "ru", "en"):
        checked = _page(chromium, language)
        checked.context.add_cookies(page.context.cookies())  # type: ignore[arg-type]
        checked.goto(f"{site}/trace/WIDE-1?smallest=1&window=720")
        checked.wait_for_selector("svg#graph[data-ready='1']")
        found[language] = _violations(checked)
    assert found == {language: [] for language in found}, json.dumps(found, ensure_ascii=False)


def test_without_scripts_the_wide_graph_is_still_there(chromium: Browser, site: str) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="ru")
    page = context.new_page()
    page.goto(f"{site}/login")
    page.fill("#username", "i.sadykov")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{site}/trace/WIDE-1?smallest=1&window=720")
    assert page.locator("#graph rect.account").count() == 585
    assert page.locator("input[name=account]").count() > 0
    context.close()
