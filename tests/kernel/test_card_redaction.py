"""Masking card numbers in any text: every real card, nothing that only looks like one."""

from __future__ import annotations

import pytest

from cyberpol.kernel.indicators.normalize.card import luhn_valid, plausible_card, redact_cards

CARD = "4400430123456789"  # Visa, Luhn-valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("карта 4400 4301 2345 6789", "карта 440043******6789"),
        ("4400-4301-2345-6789", "440043******6789"),
        ("4400.4301.2345.6789", "440043******6789"),
        ("4400\u00a04301\u00a02345\u00a06789", "440043******6789"),
        ("4400  4301  2345  6789", "440043******6789"),
        ("картой4400430123456789!", "картой440043******6789!"),
        (
            "https://pay.example.kz/p?pan=4400430123456789&x=1",
            "https://pay.example.kz/p?pan=440043******6789&x=1",
        ),
        ("Карта № 4400 4301 2345 6789", "Карта № 440043******6789"),
        # a phone right before the card does not hide it, nor shift the mask onto the phone
        ("8 701 555 12 34 4400 4301 2345 6789", "8 701 555 12 34 440043******6789"),
        ("4400 4301 2345 6789 5000 тг", "440043******6789 5000 тг"),
        ("Amex 3782 822463 10005", "Amex 378282*****0005"),
        ("Mir 2200 7001 2345 6781", "Mir 220070******6781"),
        ("UzCard 8600 1234 5678 9012", "UzCard 860012******9012"),
        ("Humo 9860 0123 4567 8903", "Humo 986001******8903"),
        ("19 digits 4400430123456789013", "19 digits 440043*********9013"),
        ("two: 4400430123456789, 5555 5555 5555 4444", "two: 440043******6789, 555555******4444"),
    ],
)
def test_real_card_numbers_are_masked(text: str, expected: str) -> None:
    assert redact_cards(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "window=000000000000000",  # all zeros passes Luhn
        "0000000000000000",
        "+7 701 555 12 34",
        "8 701 555 12 34, 8 702 555 12 35",
        "+7 701 555 12 34 20000 тг",
        "ИИН 900101300123",  # Kazakh national id, 12 digits
        "ИИН 900101300123 87015551234",
        "KZ51 4400 4300 0000 0007",  # a valid IBAN whose account digits pass as a card
        "KZ514400430000000007",
        "заказ 20240512143015 на 150 000 тг",  # compact timestamp
        "ts 1767225600000",  # epoch milliseconds
        "2026-03-01T10:00:00+05:00",
        "сумма 1 000 000 000 000 000 тг",
        "5 000 000 000 000 тг",
        "ibm-4400430123456789abcdef0123456789-1",  # a content-hash transfer id
        "card:3f44004301234567890ab1c2d3e4f5a6b7c8d9e0",  # a keyed hash
        "550e8400-e29b-41d4-a716-446655440000",
        "T-20260301-000123",
        "1234567812345670",  # Luhn-valid, but no issuer starts with 1
        "IP 192.168.100.200 10.0.0.1",
        "",
    ],
)
def test_numbers_that_are_not_cards_stay(text: str) -> None:
    assert redact_cards(text) == text


def test_plausible_card_needs_issuer_luhn_and_length() -> None:
    assert plausible_card(CARD)
    assert not plausible_card(CARD[:-1] + "0")  # Luhn fails
    assert luhn_valid("1234567812345670")
    assert not plausible_card("1234567812345670")
    assert not plausible_card("4400430")
    assert not plausible_card("4" * 20)


def test_a_long_run_of_digit_groups_costs_linear_time() -> None:
    text = " ".join(["1234"] * 50_000) + " 4400 4301 2345 6789"
    assert redact_cards(text).endswith("440043******6789")
