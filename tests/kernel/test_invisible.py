"""Numbers, cards and handles as they arrive copied from phones and chats: wrapped in
direction marks, split by zero-width spaces, typed with full-width digits or odd hyphens."""

from __future__ import annotations

import pytest

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.extract import extract_indicators, find_indicators
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.kernel.indicators.normalize.card import redact_cards

SECRET = b"test"


@pytest.mark.parametrize(
    ("copied", "value"),
    [
        ("\u202a+7 701 123 45 67\u202c", "+77011234567"),  # Android's contact copy
        ("\u200e+7 701 123 45 67", "+77011234567"),
        ("\u2066+7 701 123 45 67\u2069", "+77011234567"),
        ("+7 701 \u200b123 45 67", "+77011234567"),
        ("8\u2011701\u2011123\u201145\u201167", "+77011234567"),
        ("＋７ ７０１ １２３ ４５ ６７", "+77011234567"),
        ("\ufeffkaspi-bonus.kz", "kaspi-bonus.kz"),
    ],
)
def test_a_copied_value_is_the_value(copied: str, value: str) -> None:
    assert parse_indicator(copied, card_secret=SECRET).value == value
    found = extract_indicators(f"Мне звонили: {copied}.", card_secret=SECRET)
    assert value in [i.value for i in found]


def test_a_joiner_inside_a_handle_does_not_cut_it_short() -> None:
    values = [i.value for i in extract_indicators("@scam\u200dmer и t.me/scammer\u200b1",
                                                  card_secret=SECRET)]  # fmt: skip
    assert "scammer" in values
    assert "scammer1" in values
    assert "scam" not in values


def test_positions_are_in_the_text_as_given() -> None:
    text = "карта 4400\u200b4301\u200b2345\u200b6789, звоните \u202a+7 701 123 45 67\u202c"
    spans = [(f.indicator.kind.value, text[f.start : f.end]) for f in
             find_indicators(text, card_secret=SECRET)]  # fmt: skip
    assert spans == [
        ("card", "4400\u200b4301\u200b2345\u200b6789"),
        ("phone", "+7 701 123 45 67"),
    ]


def test_a_card_split_by_zero_width_spaces_is_masked_in_what_is_kept() -> None:
    kept = redact_cards("переведите на 4400\u200b4301\u200b2345\u200b6789 срочно")
    assert kept == "переведите на 440043******6789 срочно"


def test_invisible_characters_alone_are_no_value() -> None:
    with pytest.raises(InvalidIndicator):
        parse_indicator("\u200b\u200e\ufeff", card_secret=SECRET)
