"""Losses as citizens type them in a chat or a form, in Kazakh, Russian and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.i18n import amount
from cyberpol.reports.domain import parse_loss


@pytest.mark.parametrize(
    ("typed", "tenge"),
    [
        ("150 000", "150000"),
        ("150\u00a0000 ₸", "150000"),
        ("300 тыс", "300000"),
        ("300 тыс. тг", "300000"),
        ("50к", "50000"),
        ("200 мың теңге", "200000"),
        ("1,5 млн тг", "1500000"),
        ("2 млн", "2000000"),
        ("1.500.000", "1500000"),
        ("1,500,000.75", "1500000.75"),
        ("1 500 000,00", "1500000"),
        ("150.000", "150000"),
        ("12,5", "12.5"),
        ("45000 KZT", "45000"),
        (150000, "150000"),
        ("0", "0"),
    ],
)
def test_a_loss_is_read_as_people_write_it(typed: object, tenge: str) -> None:
    assert parse_loss(typed) == Decimal(tenge)


@pytest.mark.parametrize(
    "typed",
    ["много", "150000.999", "1500,000", "300 тысяч долларов", "5 $", "1.5.0", "12,3456", "-5",
     "1e5", "три тысячи", "100 000 000 000 000", "300 kkk"],
)  # fmt: skip
def test_what_is_not_a_sum_of_tenge_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_loss(typed)


def test_a_sum_is_shown_as_each_language_writes_it() -> None:
    assert amount(Decimal("300000.00"), "ru") == "300\u00a0000"
    assert amount(Decimal("1500.50"), "kk") == "1\u00a0500,5"
    assert amount(Decimal("1500.50"), "en") == "1,500.5"
