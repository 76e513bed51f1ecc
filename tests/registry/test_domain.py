import pytest

from cyberpol.kernel.errors import Conflict, InvalidInput
from cyberpol.registry.domain import (
    Blocker,
    StatusChange,
    can_transition_to,
    validate_status_change,
)
from cyberpol.registry.domain import IndicatorStatus as S


def test_allowed_and_refused_transitions() -> None:
    assert can_transition_to(S.REPORTED, S.CONFIRMED)
    assert can_transition_to(S.CONFIRMED, S.BLOCKED)
    assert can_transition_to(S.BLOCKED, S.BLOCKED)  # a second party blocks too
    assert can_transition_to(S.DISMISSED, S.CONFIRMED)
    assert not can_transition_to(S.BLOCKED, S.DISMISSED)  # lift to confirmed first
    assert not can_transition_to(S.REPORTED, S.REPORTED)


def test_invalid_change_is_refused_with_the_states_named() -> None:
    with pytest.raises(Conflict, match="'blocked' to 'dismissed'"):
        validate_status_change(S.BLOCKED, StatusChange(S.DISMISSED, "mistake"))


@pytest.mark.parametrize(
    "change",
    [
        StatusChange(S.BLOCKED, "confirmed by bank"),  # no blocker
        StatusChange(S.CONFIRMED, "   "),  # no reason
        StatusChange(S.CONFIRMED, "ok", blocked_by=Blocker.BANK),  # blocker without block
    ],
)
def test_incomplete_changes_are_refused(change: StatusChange) -> None:
    with pytest.raises(InvalidInput):
        validate_status_change(S.REPORTED, change)
