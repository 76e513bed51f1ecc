"""People and partner organisations that use CyberPol, as the use cases see them."""

from __future__ import annotations

from dataclasses import dataclass

from cyberpol.kernel.access import Role


@dataclass(frozen=True, slots=True)
class User:
    """A person or a partner's API user; partners and banks name their organisation."""

    id: int
    name: str
    role: Role
    organisation: str | None
    disabled: bool = False
