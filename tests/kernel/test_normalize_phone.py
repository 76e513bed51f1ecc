import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.normalize.phone import (
    FAST_COUNTRY_CODES,
    normalize_phone,
    phone_attributes,
)


def assert_agrees(typed: str) -> None:
    """normalize_phone answers exactly what phonenumbers does (None where it is invalid)."""
    try:
        number = phonenumbers.parse(typed, "KZ")
        expected = (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(number)
            else None
        )
    except phonenumbers.NumberParseException:
        expected = None
    try:
        ours = normalize_phone(typed)
    except InvalidIndicator:
        ours = None
    assert ours == expected, typed


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("8 701 555 12 34", "+77015551234"),
        ("8(777)123-45-67", "+77771234567"),
        ("87071234567", "+77071234567"),
        ("7 702 123 45 67", "+77021234567"),
        ("+7-700-123-45-67", "+77001234567"),
        ("+7 (747) 123 45 67", "+77471234567"),
        ("+7 727 250 00 00", "+77272500000"),
        ("8 (7172) 55-43-10", "+77172554310"),
        ("+996 555 123 456", "+996555123456"),
        ("+998 90 317 42 58", "+998903174258"),
        ("8 916 555 12 34", "+79165551234"),  # Russia shares +7
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_kazakh_and_foreign_habits_parse_to_e164(typed: str, e164: str) -> None:
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize(
    "typed", ["12345", "8 701 555", "+7 000 000 00 00", "not a phone", "8 111 555 12 34"]
)
def test_invalid_numbers_are_refused(typed: str) -> None:
    with pytest.raises(InvalidIndicator):
        normalize_phone(typed)


def test_attributes_name_country_and_operator() -> None:
    attributes = phone_attributes("+77015551234")
    assert attributes["country"] == "KZ"
    assert attributes["line_type"] == "mobile"
    assert attributes["operator"]  # from the numbering plan
    assert phone_attributes("+77272500000")["place"] == "Otegen Batyra"  # an Almaty exchange
    assert phone_attributes("+996555123456")["country"] == "KG"


_LAYOUTS = [
    "8 {a} {b} {c} {d}",
    "8({a}){b}-{c}-{d}",
    "+7 ({a}) {b}-{c}-{d}",
    "7 {a} {b} {c} {d}",
    "+7{a}{b}{c}{d}",
    "8{a}{b}{c}{d}",
    "+7-{a}-{b}-{c}-{d}",
    "{a}{b}{c}{d}",
    "+7 {a} {b}{c}{d}",
]


@given(
    national=st.from_regex(r"\A7[0-9]{9}\Z"),
    layout=st.sampled_from(_LAYOUTS),
)
def test_fast_path_agrees_with_phonenumbers(national: str, layout: str) -> None:
    typed = layout.format(a=national[:3], b=national[3:6], c=national[6:8], d=national[8:])
    assert_agrees(typed)


@settings(max_examples=400)
@given(digits=st.from_regex(r"\A[78][0-9]{9,10}\Z|\A[0-9]{10,11}\Z"), plus=st.booleans())
def test_any_digit_string_agrees_with_phonenumbers(digits: str, plus: bool) -> None:
    typed = ("+" if plus else "") + digits
    assert_agrees(typed)


def _example_nationals() -> list[tuple[int, str]]:
    """Valid example numbers of every region behind the fast country codes, every number type."""
    examples = []
    for country_code in FAST_COUNTRY_CODES:
        for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[country_code]:
            for number_type in range(12):
                example = phonenumbers.example_number_for_type(region, number_type)
                if example is not None:
                    examples.append((country_code, str(example.national_number)))
    return examples


_EXAMPLES = _example_nationals()


@given(
    example=st.sampled_from(_EXAMPLES),
    tail=st.from_regex(r"\A[0-9]{0,7}\Z"),
    cut=st.integers(0, 2),
    layout=st.sampled_from(["+{cc}{n}", "+{cc} {a} {b}", "+{cc} ({a}) {b}", "8{n}", "{n}"]),
)
def test_fast_path_agrees_with_phonenumbers_near_real_numbers(
    example: tuple[int, str], tail: str, cut: int, layout: str
) -> None:
    country_code, national = example
    # keep the example's leading digits, vary the rest and sometimes the length
    keep = max(3, len(national) - len(tail))
    national = (national[:keep] + tail)[: len(national) + 1 - cut]
    typed = layout.format(cc=country_code, n=national, a=national[:3], b=national[3:])
    assert_agrees(typed)


@given(example=st.sampled_from(_EXAMPLES), tail=st.from_regex(r"\A[0-9]{0,5}\Z"))
def test_attributes_agree_with_phonenumbers(example: tuple[int, str], tail: str) -> None:
    from phonenumbers import carrier, geocoder

    from cyberpol.kernel.indicators.normalize.phone import _LINE_TYPES

    country_code, national = example
    national = national[: max(3, len(national) - len(tail))] + tail
    try:
        e164 = normalize_phone(f"+{country_code}{national}")
    except InvalidIndicator:
        return
    number = phonenumbers.parse(e164)
    expected: dict[str, object] = {
        "country": phonenumbers.region_code_for_number(number),
        "line_type": _LINE_TYPES.get(phonenumbers.number_type(number), "other"),
    }
    if operator := carrier.name_for_number(number, "en"):
        expected["operator"] = operator
    landline = expected["line_type"] in ("landline", "landline_or_mobile")
    if landline and (place := geocoder.description_for_number(number, "en")):
        expected["place"] = place
    assert phone_attributes(e164) == expected
