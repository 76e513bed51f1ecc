"""Screenshots of the workspace over demo data, in Debian's Chromium, for the README and review.

    .venv/bin/cyberpol demo --no-serve --transfers 50000    # seeds ./data once
    .venv/bin/python scripts/screenshots.py --out docs/screenshots --lang ru /triage /cases

Signs in as a user it makes for the purpose, opens each path, and saves ``<name>-<lang>.png``.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from pathlib import Path

from playwright.sync_api import sync_playwright
from tests.factories import serving_runtime

from cyberpol.bootstrap import bootstrap
from cyberpol.config import Settings
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.errors import Conflict

CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "screenshots", "скриншоты для README 2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", action="append", default=[])
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="the whole page, not one screen")
    args = parser.parse_args()
    runtime = bootstrap(Settings())
    with contextlib.suppress(Conflict):  # made by an earlier run
        runtime.accounts.create_user(actor=CONSOLE, name=USER, role=Role.INVESTIGATOR)
    runtime.accounts.set_password(actor=CONSOLE, name=USER, password=PASSWORD)
    args.out.mkdir(parents=True, exist_ok=True)
    with serving_runtime(runtime) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for language in args.lang or ["ru"]:
            page = browser.new_page(
                locale=language, viewport={"width": args.width, "height": args.height}
            )
            page.context.add_cookies([{"name": "lang", "value": language, "url": base}])
            page.goto(f"{base}/login")
            page.fill("#username", USER)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            for path in args.paths:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                page.screenshot(path=str(args.out / f"{name}-{language}.png"), full_page=args.full)
                print(args.out / f"{name}-{language}.png")
        browser.close()


if __name__ == "__main__":
    main()
