"""Every vendored JavaScript file is listed with its package, version, licence and hash, and
the files are the ones the list names (a file replaced by hand fails here)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import cyberpol

VENDOR = Path(cyberpol.__file__).parent / "entrypoints" / "static" / "vendor"


def test_the_vendored_files_are_the_listed_ones() -> None:
    table = (VENDOR / "VENDORED.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", table, re.M))
    present = {p.name for p in VENDOR.iterdir() if p.name != "VENDORED.md"}
    assert set(listed) == present
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    for package in ("htmx.org | 2.", "cytoscape | 3.", "echarts (Apache ECharts) | 6."):
        assert package in table
