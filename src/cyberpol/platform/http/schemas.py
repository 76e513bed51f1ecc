"""Shapes every HTTP front door shares: ISO 8601 query moments and the error body."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    WithJsonSchema,
)


def _iso_8601_only(value: object) -> object:
    # pydantic would read "0.5" or "1e-9" as a Unix timestamp; filters take ISO 8601 only.
    if isinstance(value, int | float) or (isinstance(value, str) and _is_number(value)):
        raise ValueError("expected an ISO 8601 date-time such as 2026-11-23T10:00:00+05:00")
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


EARLIEST_YEAR = 1970
LATEST_YEAR = 2099


def _within_sane_years(value: datetime) -> datetime:
    # Year 1 or 9999 with a far offset overflows datetime when turned into UTC (a 500
    # deep in a store); no fraud case, transfer or report lies outside these years.
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"expected a date-time between {EARLIEST_YEAR} and {LATEST_YEAR}, "
            f"got {value.isoformat()}"
        )
    return value


_RANGE = f"Years {EARLIEST_YEAR} to {LATEST_YEAR}."
# The year range as the spec can state it: a date-time string starting 1970- to 2099-.
_SANE_YEAR_PREFIX = "^(19[7-9][0-9]|20[0-9][0-9])-"


def _time_schema(description: str) -> WithJsonSchema:
    """The spec of a date-time field, its year range stated as a pattern."""
    return WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": _SANE_YEAR_PREFIX,
            "description": f"{description} {_RANGE}",
        },
        mode="validation",
    )


Moment = Annotated[
    datetime,
    BeforeValidator(_iso_8601_only),
    AfterValidator(_within_sane_years),
    _time_schema("ISO 8601; without a zone it is UTC."),
]
"""A filter's date-time: ISO 8601, a zone optional (UTC without one), within sane years."""

AwareMoment = Annotated[
    AwareDatetime,
    BeforeValidator(_iso_8601_only),
    AfterValidator(_within_sane_years),
    _time_schema("ISO 8601 with a zone (Z or +05:00)."),
]
"""A date-time that states its zone, within sane years."""

_DAY = re.compile(r"(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}")


def _iso_day_only(value: object) -> object:
    # pydantic would read 0 as 1970-01-01; a day filter takes YYYY-MM-DD only.
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        raise ValueError("expected a day such as 2026-12-01")
    return value


Day = Annotated[
    date,
    BeforeValidator(_iso_day_only),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": "^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"},
        mode="validation",
    ),
]
"""A filter's day: YYYY-MM-DD, in 1900-2099."""

MAX_AMOUNT = Decimal("1e12")
# An amount as text, exactly as the spec states it: no sign, exponent, spaces or leading
# zeros, at most 2 decimals, at most 1,000,000,000,000 (which fits NUMERIC(18, 2)).
_UP_TO_MAX = r"[1-9][0-9]{0,11}(\.[0-9]{1,2})?|1000000000000(\.00?)?"
_POSITIVE_TEXT = re.compile(rf"^({_UP_TO_MAX}|0\.(0[1-9]|[1-9][0-9]?))$")
_NON_NEGATIVE_TEXT = re.compile(rf"^({_UP_TO_MAX}|0(\.[0-9]{{1,2}})?)$")


def _amount_text(pattern: re.Pattern[str]) -> BeforeValidator:
    # pydantic's Decimal also takes " 12 ", "1e3" and "" (then refuses the last as "not a
    # decimal"), none of which the spec can promise; an amount is a number or plain digits.
    def check(value: object) -> object:
        if isinstance(value, bool):
            raise ValueError("expected an amount, got a boolean")
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise ValueError(f"expected an amount such as 150000 or 150000.50, got {value[:40]!r}")
        return value

    return BeforeValidator(check)


def _amount_schema(pattern: re.Pattern[str], *, zero_allowed: bool, example: str) -> WithJsonSchema:
    low: dict[str, object] = {"minimum": 0} if zero_allowed else {"exclusiveMinimum": 0}
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", **low, "maximum": 1e12, "multipleOf": 0.01},
                {"type": "string", "pattern": pattern.pattern},
            ],
            "description": "Tenge (or the currency given) with at most 2 decimals, "
            "up to 1,000,000,000,000; a JSON number or a string of digits.",
            "examples": [example],
        },
        mode="validation",
    )


Amount = Annotated[
    Decimal,
    _amount_text(_POSITIVE_TEXT),
    Field(gt=0, le=MAX_AMOUNT, max_digits=15, decimal_places=2),
    _amount_schema(_POSITIVE_TEXT, zero_allowed=False, example="150000"),
]
"""A positive amount of money with at most 2 decimals, as the spec describes it."""

AmountOrZero = Annotated[
    Decimal,
    _amount_text(_NON_NEGATIVE_TEXT),
    Field(ge=0, le=MAX_AMOUNT, max_digits=15, decimal_places=2),
    _amount_schema(_NON_NEGATIVE_TEXT, zero_allowed=True, example="0"),
]
"""An amount of money that may be zero, with at most 2 decimals."""


class ErrorBody(BaseModel):
    code: str
    title: str
    detail: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 404, 409, 413, 429)
}


class RejectedRow(BaseModel):
    """A row left out of a load, by its line (or position in the list, from 1)."""

    line: int
    reason: str
