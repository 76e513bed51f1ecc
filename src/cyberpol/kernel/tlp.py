"""Traffic Light Protocol 2.0: who may receive what is shared."""

from __future__ import annotations

import enum


class Tlp(enum.StrEnum):
    """From the widest audience to the narrowest."""

    CLEAR = "clear"
    GREEN = "green"
    AMBER = "amber"
    AMBER_STRICT = "amber+strict"
    RED = "red"

    @property
    def rank(self) -> int:
        return list(Tlp).index(self)

    def allows(self, marking: Tlp) -> bool:
        """Someone cleared for ``self`` may receive what is marked ``marking``."""
        return marking.rank <= self.rank
