"""The shapes every front door shares say in the spec exactly what they accept."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
import pytest
from pydantic import TypeAdapter, ValidationError

from cyberpol.freeze.schemas import BankCreate
from cyberpol.platform.http.schemas import Amount, AmountOrZero, AwareMoment, Moment

AMOUNTS = [
    '""',
    "false",
    "true",
    "null",
    '"0"',
    '"0.00"',
    '"0.01"',
    '"12.5"',
    '"150000.50"',
    '" 12"',
    '"1e3"',
    '"-1"',
    '"007"',
    '"1000000000000"',
    '"1000000000000.01"',
    '"0.001"',
    "0",
    "0.01",
    "12.5",
    "-1",
    "0.001",
    "1000000000000",
    "1000000000000.5",
    "5e-324",
    "1e3",
]
MOMENTS = [
    '"2026-03-01T10:00:00+05:00"',
    '"1970-01-01T00:00:00Z"',
    '"2099-12-31T23:59:59-12:00"',
    '"9999-12-31T23:59:59-12:00"',
    '"0001-01-01T00:00:00+14:00"',
    '"1969-12-31T23:59:59Z"',
    '"2100-01-01T00:00:00Z"',
]


def _agreement(kind: Any, inputs: list[str]) -> list[tuple[str, bool, bool]]:
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    spec = jsonschema_rs.validator_for(adapter.json_schema())
    verdicts = []
    for text in inputs:
        try:
            adapter.validate_json(text)
            served = True
        except ValidationError:
            served = False
        verdicts.append((text, served, spec.is_valid(json.loads(text))))
    return verdicts


@pytest.mark.parametrize("kind", [Amount, AmountOrZero])
def test_amounts_are_accepted_exactly_when_the_spec_says_so(kind: Any) -> None:
    disagreements = [v for v in _agreement(kind, AMOUNTS) if v[1] != v[2]]
    assert not disagreements, disagreements  # (input, server accepts, spec accepts)
    accepted = {text for text, served, _ in _agreement(kind, AMOUNTS) if served}
    assert not accepted & {'""', "false", '"1e3"', '" 12"'}
    assert {'"150000.50"', "12.5"} <= accepted


@pytest.mark.parametrize("kind", [Moment, AwareMoment])
def test_date_times_state_their_year_range_in_the_spec(kind: Any) -> None:
    verdicts = _agreement(kind, MOMENTS)
    assert [v[1] for v in verdicts] == [True, True, True, False, False, False, False]
    assert [v[2] for v in verdicts] == [True, True, True, False, False, False, False]


def test_bank_names_with_control_characters_are_refused_by_the_spec_too() -> None:
    spec = jsonschema_rs.validator_for(BankCreate.model_json_schema())
    for name in ("Kaspi\x01", "\x7f", "   ", "Bank\u0085"):
        assert not spec.is_valid({"code": "CASPKZKA", "name": name}), repr(name)
        with pytest.raises(ValidationError):
            BankCreate(code="CASPKZKA", name=name)
    assert spec.is_valid({"code": "CASPKZKA", "name": "Kaspi Bank"})
