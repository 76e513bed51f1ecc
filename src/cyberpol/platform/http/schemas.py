"""Shapes every HTTP front door shares: ISO 8601 query moments and the error body."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, Field


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

Moment = Annotated[
    datetime,
    BeforeValidator(_iso_8601_only),
    AfterValidator(_within_sane_years),
    Field(description=f"ISO 8601; without a zone it is UTC. {_RANGE}"),
]
"""A filter's date-time: ISO 8601, a zone optional (UTC without one), within sane years."""

AwareMoment = Annotated[
    AwareDatetime,
    BeforeValidator(_iso_8601_only),
    AfterValidator(_within_sane_years),
    Field(description=f"ISO 8601 with a zone (Z or +05:00). {_RANGE}"),
]
"""A date-time that states its zone, within sane years."""


class ErrorBody(BaseModel):
    code: str
    title: str
    detail: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 404, 409, 413, 429)
}
