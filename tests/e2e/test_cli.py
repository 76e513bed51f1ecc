"""The `cyberpol` command line, run as a user would (a subprocess with its own data directory)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Protocol

import pytest

from tests.factories import TEST_SECRET


class Cli(Protocol):
    """``cyberpol`` with the arguments, in a subprocess; stdout and stderr decoded."""

    def __call__(
        self, *args: str, stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[str]: ...


# The command line is the same program on either database; these steps touch nothing the
# databases do differently (the use cases behind them are tested on both elsewhere), and
# each CLI call costs a second and a half of start-up.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def cli(tmp_path: Path, database_url: str) -> Cli:
    env = {
        **os.environ,
        "CYBERPOL_DATA_DIR": str(tmp_path / "data"),
        "CYBERPOL_SECRET_KEY": TEST_SECRET,
        "CYBERPOL_DATABASE_URL": database_url,
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }

    def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "cyberpol", *args],
            input=stdin,
            capture_output=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        return subprocess.CompletedProcess(
            result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
        )

    return run


@SQLITE_ONLY
def test_extract_from_argument_and_stdin(cli: Cli) -> None:
    found = json.loads(cli("extract", "Звонили с 8 701 555 12 34, сайт kaspi-bonus[.]kz").stdout)
    assert [(i["kind"], i["value"]) for i in found] == [
        ("phone", "+77015551234"),
        ("domain", "kaspi-bonus.kz"),
    ]
    piped = cli("extract", stdin="Маған 4400 4301 2345 6789 картасына аудар".encode())
    assert [(i["kind"], i["value"]) for i in json.loads(piped.stdout)] == [
        ("card", "440043******6789")
    ]
    broken = cli("extract", stdin=b"\xff\xfe broken")
    assert broken.returncode == 2
    assert "UTF-8" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_import_then_check_then_tokens(cli: Cli, tmp_path: Path) -> None:
    listing = tmp_path / "known-bad.csv"
    listing.write_text(
        "value,kind,status,category,blocked_by\n"
        "8 701 555 12 34,,confirmed,fake_bank_call,\n"
        "hxxps://kaspi-bonus[.]kz/login,,blocked,phishing_link,registrar\n"
        "definitely not an indicator,,,,\n",
        encoding="utf-8",
    )
    imported = cli("import", "indicators", str(listing))
    assert imported.returncode == 2  # a row was rejected; the rest loaded
    assert "line 4" in imported.stderr
    assert "2 loaded, 1 rejected" in imported.stderr
    again = cli("import", "indicators", str(listing))
    assert "already imported" in again.stderr

    checked = cli("check", "87015551234", "https://kaspi-bonus.kz/other", "8 777 000 00 00")
    assert checked.returncode == 0, checked.stderr
    verdicts = [(r["value"], r["verdict"]) for r in json.loads(checked.stdout)]
    assert verdicts == [
        ("+77015551234", "confirmed"),
        ("https://kaspi-bonus.kz/other", "blocked"),
        ("+77770000000", "unknown"),
    ]
    bad = cli("check", "what is this")
    assert bad.returncode == 2
    assert json.loads(bad.stdout)[0]["verdict"] == "invalid"

    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        json.dumps(
            {"text": "Звонок с 8 701 555 12 34", "category": "fake_bank_call", "region": "astana"},
            ensure_ascii=False,
        )
        + "\n{broken json\n",
        encoding="utf-8",
    )
    loaded = cli("import", "reports", str(reports))
    assert loaded.returncode == 2
    assert "line 2: not valid JSON" in loaded.stderr

    created = cli("users", "create", "bank1", "--role", "partner", "--organisation", "Halyk Bank")
    assert created.returncode == 0, created.stderr
    assert (
        cli("users", "create", "bank1", "--role", "partner", "--organisation", "X").returncode == 4
    )
    token = json.loads(cli("tokens", "create", "bank1").stdout)
    assert token["token"].startswith("cpk_")
    assert json.loads(cli("tokens", "revoke", token["prefix"]).stdout) == {"revoked": 1}
    missing = cli("tokens", "revoke", token["prefix"])
    assert missing.returncode == 3
    assert "No active token" in missing.stderr


@SQLITE_ONLY
def test_errors_are_messages_not_tracebacks(cli: Cli, tmp_path: Path) -> None:
    assert cli("db", "upgrade").returncode == 0
    unknown_role = cli("users", "create", "x1", "--role", "king")
    assert unknown_role.returncode == 2
    assert "Traceback" not in unknown_role.stderr
    partner_without_org = cli("users", "create", "bank2", "--role", "partner")
    assert partner_without_org.returncode == 2
    assert "organisation" in partner_without_org.stderr
    console_role = cli("users", "create", "root", "--role", "console")
    assert console_role.returncode == 2
    assert "console" in console_role.stderr
    operator_without_code = cli("users", "create", "kcell", "--role", "operator")
    assert operator_without_code.returncode == 2
    assert "KCELL" in operator_without_code.stderr
    odd_file = tmp_path / "list.xlsx"
    odd_file.write_bytes(b"PK\x03\x04")
    wrong_format = cli("import", "indicators", str(odd_file))
    assert wrong_format.returncode == 2
    assert ".csv or .jsonl" in wrong_format.stderr
    assert cli("import", "indicators", str(tmp_path / "nope.csv")).returncode == 2
    for command in ([], ["import"], ["users"], ["tokens"], ["db"]):
        assert "Usage" in cli(*command, "--help").stdout


@SQLITE_ONLY
def test_banks_and_freeze_requests(cli: Cli, tmp_path: Path, database_url: str) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from cyberpol.bootstrap import bootstrap
    from cyberpol.freeze.domain.targets import BankAnswer, FreezeTarget
    from cyberpol.kernel.access import Actor, Role
    from cyberpol.kernel.clock import utcnow
    from tests.factories import make_settings

    created = cli("banks", "create", "caspkzka", "Kaspi Bank")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout) == {"code": "CASPKZKA", "name": "Kaspi Bank", "country": "KZ"}
    twice = cli("banks", "create", "CASPKZKA", "Kaspi")
    assert twice.returncode == 4
    assert "already connected" in twice.stderr
    assert "Traceback" not in twice.stderr
    not_a_bic = cli("banks", "create", "Kaspi", "Kaspi")
    assert not_a_bic.returncode == 2
    assert "BIC" in not_a_bic.stderr
    token = json.loads(cli("banks", "token", "CASPKZKA", "--name", "kaspi-api").stdout)
    assert token["user"] == "kaspi-api"
    assert token["token"].startswith("cpk_")
    assert cli("banks", "token", "ATYNKZKA").returncode == 3

    # a request answered three weeks ago: its hold has lapsed, and one that is overdue
    past = utcnow() - timedelta(days=21)
    runtime = bootstrap(make_settings(tmp_path, database_url), clock=lambda: past)
    investigator = Actor("i.sadykov", Role.INVESTIGATOR)
    held, waiting = runtime.freeze.issue(
        actor=investigator,
        case_number="C-77",
        legal_basis="art. 190",
        targets=[
            FreezeTarget("acc-1", "CASPKZKA", Decimal("100")),
            FreezeTarget("acc-2", "CASPKZKA", Decimal("200")),
        ],
    )
    runtime.freeze.answer(
        actor=Actor("kaspi-api", Role.BANK, "CASPKZKA"),
        request_id=held.id,
        answer=BankAnswer(Decimal("100")),
    )
    runtime.engine.dispose()
    listed = json.loads(cli("freeze", "list", "--case", "C-77").stdout)
    assert {r["id"]: r["state"] for r in listed} == {held.id: "frozen", waiting.id: "sent"}
    overdue = json.loads(cli("freeze", "list", "--overdue").stdout)
    assert [(r["id"], r["overdue"]) for r in overdue] == [(waiting.id, True)]
    assert json.loads(cli("freeze", "expire").stdout) == {"expired": [held.id]}
    assert json.loads(cli("freeze", "list", "--state", "expired").stdout)[0]["id"] == held.id
    bad_state = cli("freeze", "list", "--state", "melted")
    assert bad_state.returncode == 2
    assert "Traceback" not in bad_state.stderr


@SQLITE_ONLY
def test_operators_and_their_call_records(cli: Cli, tmp_path: Path) -> None:
    created = cli("operators", "create", "tele2", "Tele2 Kazakhstan")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["code"] == "TELE2"
    assert cli("operators", "create", "TELE2", "again").returncode == 4
    token = cli("operators", "token", "TELE2")
    assert json.loads(token.stdout)["user"] == "operator-tele2"
    assert cli("operators", "token", "ALTEL").returncode == 3
    records = tmp_path / "t2_cdr.jsonl"
    good = {"record_id": "T2-1", "start": "2026-12-01T08:00:00+05:00", "duration_s": 20,
            "record_type": "voice", "direction": "originating", "operator": "TELE2",
            "calling_number": "87471234567", "called_number": "+77011234567"}  # fmt: skip
    bad = {**good, "record_id": "T2-2", "imei": "12345"}
    records.write_text("\n".join(json.dumps(r) for r in (good, bad)) + "\n", encoding="utf-8")
    loaded = cli("calls", "import", str(records))
    assert loaded.returncode == 2  # a row was refused: said, and the rest loaded
    assert "line 2: imei: an IMEI is 15 digits" in loaded.stderr
    assert json.loads(loaded.stdout)[0]["loaded"] == 1
    again = cli("calls", "import", str(records))
    assert json.loads(again.stdout)[0]["already_there"] == 1
    assert "Traceback" not in again.stderr


@SQLITE_ONLY
def test_monitor_domains_scores_a_certificate_feed(cli: Cli, tmp_path: Path) -> None:
    # A certificate-transparency export: several names to a cell, wildcards, a BOM, and
    # a semicolon between columns as a Russian-locale spreadsheet writes it.
    feed = tmp_path / "ct-2026-12-01.csv"
    feed.write_bytes(
        "\ufeffcert_index;not_before;all_domains\n"
        "1;2026-12-01T00:00:00;*.kaspi-bonus.top kaspi-bonus.top\n"
        "2;2026-12-01T00:01:00;www.google.com,google.com\n"
        "3;2026-12-01T00:02:00;xn--kspi-53d.kz\n"
        "4;2026-12-01T00:03:00;\n"
        "5;2026-12-01T00:04:00;krisha-remont.kz|not_a..domain\n".encode()
    )
    out = tmp_path / "scored.csv"
    result = cli("monitor", "domains", str(feed), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "7 names, 3 flagged, 1 unreadable" in result.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [r["domain"] for r in rows] == [
        "kaspi-bonus.top", "kaspi-bonus.top", "www.google.com", "google.com",
        "xn--kspi-53d.kz", "krisha-remont.kz", "not_a..domain",
    ]  # fmt: skip
    by_name = {r["domain"]: r for r in rows}
    assert by_name["xn--kspi-53d.kz"]["brand"] == "kaspi.kz"
    assert "homoglyph" in by_name["xn--kspi-53d.kz"]["reasons"]
    assert by_name["krisha-remont.kz"]["flagged"] == "false"
    assert by_name["not_a..domain"]["reasons"] == "unreadable"
    assert 0 <= float(by_name["kaspi-bonus.top"]["score"]) <= 1

    plain = tmp_path / "names.txt"
    plain.write_text("# new today\nhalyk-bonus.kz\n\nexample.com\n", encoding="utf-8")
    flagged = cli("monitor", "domains", str(plain), "--flagged-only")
    assert flagged.returncode == 0
    assert flagged.stdout.splitlines() == [
        "domain,score,brand,flagged,reasons",
        "halyk-bonus.kz,0.8000,halykbank.kz,true,combosquat",
    ]

    no_names = tmp_path / "table.csv"
    no_names.write_text("a,b\n1,2\n", encoding="utf-8")
    refused = cli("monitor", "domains", str(no_names))
    assert refused.returncode == 2
    assert "no column of domain names" in refused.stderr
    assert refused.stdout == ""
    assert "Traceback" not in refused.stderr


@SQLITE_ONLY
def test_ads_import_and_rings_from_another_platforms_export(cli: Cli, tmp_path: Path) -> None:
    from tests.monitoring.ads_recipe import build, write_csv

    market = build(7, 20_000)
    export = tmp_path / "bazar-export.csv"
    write_csv(market, str(export), encoding="cp1251")  # multi-line texts, a BOM-less cp1251
    loaded = cli("ads", "import", str(export))
    assert loaded.returncode == 0, loaded.stderr
    assert "20000 ads kept, 0 rejected" in loaded.stderr
    assert "already loaded" in cli("ads", "import", str(export)).stderr
    out = tmp_path / "rings.csv"
    warn = tmp_path / "sellers.csv"
    rings = cli("ads", "rings", "--out", str(out), "--queue", "--sellers", str(warn))
    assert rings.returncode == 0, rings.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows
    assert set(rows[0]) == {"ad_id", "ring", "score", "reasons"}
    in_rings = {r["ad_id"] for r in rows}
    planted = {ad for ad, ring in market.labels.items() if ring}
    assert len(in_rings & planted) / len(in_rings) >= 0.9  # what it names is mostly rings'
    warned = list(csv.DictReader(warn.read_text(encoding="utf-8").splitlines()))
    assert {w["ring"] for w in warned} == {r["ring"] for r in rows}
    assert all(w["platform"] == "bazar.kz" for w in warned)
    broken = tmp_path / "broken.csv"
    broken.write_text("ad_id,foo\n1,2\n", encoding="utf-8")
    refused = cli("ads", "import", str(broken))
    assert refused.returncode == 2
    assert "no column created_at, seller_id" in refused.stderr
