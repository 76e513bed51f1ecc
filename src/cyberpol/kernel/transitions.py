"""Requests that move through a state machine (freeze requests to banks, block requests to
operators): one way to refuse a step the machine does not allow."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Set
from typing import TypeVar

from cyberpol.kernel.errors import InvalidTransition

S = TypeVar("S", bound=enum.StrEnum)


def require_transition(
    what: str, ident: int, current: S, new: S, transitions: Mapping[S, Set[S]]
) -> None:
    """Raise InvalidTransition naming the state ``what`` ``ident`` is in and where it may go."""
    if new in transitions[current]:
        return
    allowed = ", ".join(sorted(s.value for s in transitions[current])) or "nothing: it is final"
    raise InvalidTransition(
        f"{what} {ident} is {current.value!r} and cannot become {new.value!r} "
        f"(allowed from {current.value!r}: {allowed}).",
        state=current.value,
    )
