"""Column types that mask card numbers on the way in, whatever use case writes the row.

Every free-text column of every capability uses one of these, so an API call, a command
or an import that puts a card number in a reason, a note, a file name or an audit detail
stores ``440043******6789`` instead: a PAN in an append-only table could never be removed.
Comparisons bind through the same type, so a lookup by a value finds the row it wrote.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.types import TypeDecorator

from cyberpol.kernel.indicators.normalize.card import redact_cards


class _MaskedText(TypeDecorator[str]):
    """A text type whose values have card numbers masked; subclasses name the column type
    (and each says ``cache_ok`` itself: SQLAlchemy reads it from the class, not its bases)."""

    def process_bind_param(self, value: str | None, _dialect: Dialect) -> str | None:
        return redact_cards(value) if value else value


class MaskedString(_MaskedText):
    """``String(length)`` whose values have card numbers masked."""

    impl = String
    cache_ok = True


class MaskedText(_MaskedText):
    """``Text`` whose values have card numbers masked."""

    impl = Text
    cache_ok = True


class MaskedJSON(TypeDecorator[Any]):
    """``JSON`` whose strings, keys and values at any depth, have card numbers masked."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, _dialect: Dialect) -> Any:
        return mask_json(value)


def mask_json(value: Any) -> Any:
    """``value`` with card numbers masked in every string it holds."""
    if isinstance(value, str):
        return redact_cards(value)
    if isinstance(value, dict):
        return {mask_json(k): mask_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_json(v) for v in value]
    return value
