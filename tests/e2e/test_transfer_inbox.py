"""`cyberpol transfers import` while `cyberpol serve` runs: the file goes to the server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import TEST_SECRET

HEADER = "transfer_id,ts,amount,currency,from_account,from_bank,to_account,to_bank,channel"
ROWS = [
    "v1,2026-03-02T10:00:00+05:00,100000,KZT,KZ12722S623347347957,CASPKZKA,A-DROP-1,HSBKKZKX,"
    "transfer",
    "bad1,2026-03-02T10:10:00+05:00,-5,KZT,KZ12722S623347347957,CASPKZKA,A-DROP-1,HSBKKZKX,"
    "transfer",
    "d1,2026-03-02T11:00:00+05:00,90000,KZT,A-DROP-1,HSBKKZKX,A-DROP-2,TSESKZKA,transfer",
    "bad2,2026-03-02T11:30:00,5,KZT,A-DROP-1,HSBKKZKX,A-DROP-2,TSESKZKA,transfer",
    "d2,2026-03-02T12:00:00+05:00,80000,KZT,A-DROP-2,TSESKZKA,ATM-1,TSESKZKA,cash_out",
]


def _env(data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CYBERPOL_DATA_DIR": str(data),
        "CYBERPOL_SECRET_KEY": TEST_SECRET,
        "CYBERPOL_DATABASE_URL": f"sqlite:///{data.parent / (data.name + '.db')}",
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cyberpol", *args],
        capture_output=True,
        text=True,
        env=_env(data),
        cwd=data.parent,
        timeout=180,
        check=False,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`cyberpol serve` on a free port over its own data directory."""
    data, port = tmp_path / "served", _free_port()
    assert _cli(data, "db", "upgrade").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberpol", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(data),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                break
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    try:
        yield data, base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_import_while_serving_hands_the_file_over_and_answers_as_a_direct_import(
    server: tuple[Path, str], tmp_path: Path
) -> None:
    data, base = server
    transfers = tmp_path / "transfers.csv"
    transfers.write_text("\n".join([HEADER, *ROWS]) + "\n")
    direct = _cli(tmp_path / "alone", "transfers", "import", str(transfers))

    handed = _cli(data, "transfers", "import", str(transfers))

    assert handed.returncode == direct.returncode == 2
    assert handed.stdout == direct.stdout
    assert handed.stderr == direct.stderr
    assert "transfers.csv (cyberpol): 3 loaded, 0 already there, 0 skipped, 2 rejected" in (
        handed.stderr
    )
    assert "line 3: amount must be positive" in handed.stderr
    assert "line 5: ts must be an ISO 8601 time with a zone" in handed.stderr
    assert not list((data / "inbox").iterdir()), "the inbox is left empty"

    assert _cli(data, "users", "create", "ira", "--role", "investigator").returncode == 0
    token = json.loads(_cli(data, "tokens", "create", "ira").stdout)["token"]
    request = urllib.request.Request(
        f"{base}/api/v1/transfers/v1/trace", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        trace = json.loads(response.read())
    assert [edge["transfer_id"] for edge in trace["edges"]] == ["d1", "d2"]

    again = _cli(data, "transfers", "import", str(transfers))  # a re-send changes nothing
    assert "0 loaded, 3 already there" in again.stderr
    reindexed = _cli(data, "transfers", "reindex")
    assert reindexed.returncode == 0, reindexed.stderr
    assert json.loads(reindexed.stdout)["transfers"] == 3
