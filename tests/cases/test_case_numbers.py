"""A case named as people name it: by ERDR number, or CASE-12, or 12."""

from __future__ import annotations

import pytest

from cyberpol.cases.domain import CaseDraft, read_case_number
from cyberpol.kernel.categories import ScamCategory
from cyberpol.kernel.errors import InvalidInput


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("261500031000444", "261500031000444"),
        (" 261500031000444\n", "261500031000444"),
        ("CASE-12", 12),
        ("case-12", 12),
        ("12", 12),
        ("CASE-261500031000444", "261500031000444"),
        ("2615000310004441", None),  # 16 digits: neither an ERDR number nor an id
        ("CASE-", None),
        ("", None),
        ("CASE-1x", None),
        ("١٢", None),  # Arabic-Indic digits pass str.isdigit but are no one's case number
    ],
)
def test_case_numbers_are_read(written: str, read: str | int | None) -> None:
    assert read_case_number(written) == read


@pytest.mark.parametrize("erdr", ["٢٦١٥٠٠٠٣١٠٠٠٤٤٤", "261500031000444\n", "26150003100044"])
def test_an_erdr_number_is_fifteen_ascii_digits(erdr: str) -> None:
    with pytest.raises(InvalidInput, match="15 digits"):
        CaseDraft(ScamCategory.MARKETPLACE_AD, "OLX", erdr_number=erdr).check()
