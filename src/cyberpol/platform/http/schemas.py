"""Shapes every HTTP front door shares: ISO 8601 query moments and the error body."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, BeforeValidator


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


Moment = Annotated[datetime, BeforeValidator(_iso_8601_only)]


AwareMoment = Annotated[AwareDatetime, BeforeValidator(_iso_8601_only)]


class ErrorBody(BaseModel):
    code: str
    title: str
    detail: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 404, 409, 413, 429)
}
