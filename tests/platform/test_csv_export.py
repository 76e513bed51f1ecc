"""CSV exports open in a spreadsheet as data: no text cell starts a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa

from cyberpol.platform.files.csv_export import formula_safe, write_csv

HOSTILE = ['=HYPERLINK("http://x")', "+77015551234", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_text_cells_that_start_a_formula_get_a_quote_numbers_stay_numbers(tmp_path: Path) -> None:
    table = pa.table(
        {
            "account": [*HOSTILE, "KZ86125KZT5004100100", None],
            "bank": pa.array(["=1+1", *["CASPKZKA"] * 7]).dictionary_encode(),
            "score": [-0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
        }
    )
    path = tmp_path / "scores.csv"
    write_csv(table, path)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["account"] for r in rows] == [*("'" + h for h in HOSTILE), "KZ86125KZT5004100100", ""]
    assert rows[0]["bank"] == "'=1+1"
    assert rows[1]["bank"] == "CASPKZKA"
    assert rows[0]["score"] == "-0.5"  # a number column is not text, so no quote


def test_formula_safe_leaves_ordinary_text_alone() -> None:
    assert [formula_safe(h) for h in HOSTILE] == ["'" + h for h in HOSTILE]
    assert formula_safe("Kaspi = bank") == "Kaspi = bank"
    assert formula_safe("") == ""
