"""The narrow interfaces the registry's use cases need; its store implements them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.pages import Page
from cyberpol.platform.imports import ImportUnitOfWork
from cyberpol.registry.domain import Block, IndicatorStatus, IndicatorSummary, Sighting


@dataclass(frozen=True, slots=True)
class IndicatorFilter:
    kind: str | None = None
    status: str | None = None
    category: str | None = None
    region: str | None = None
    seen_since: datetime | None = None
    seen_until: datetime | None = None
    query: str | None = None
    limit: int = 50
    offset: int = 0


class IndicatorLookup(Protocol):
    """Read side of the registry that checks use: one round trip for many keys."""

    def find_by_keys(self, keys: Sequence[str]) -> Mapping[str, IndicatorSummary]: ...


class IndicatorRepository(IndicatorLookup, Protocol):
    def figures(self, filters: FigureFilter) -> list[Tally]:
        """Indicators confirmed and blocks put in force, by month."""
        ...

    def payment_account_keys(self) -> list[str]: ...

    def values_with_status(
        self, kind: str, statuses: Sequence[IndicatorStatus]
    ) -> dict[IndicatorStatus, list[str]]:
        """The normalised values of one kind in each of the statuses."""
        ...

    def status_stamp(self, statuses: Sequence[IndicatorStatus]) -> str:
        """Changes whenever an indicator, of any kind, moves between the statuses (it may
        change more often). The statuses must be closed: none can be left for another."""
        ...

    def upsert(
        self,
        indicators: Sequence[Indicator],
        *,
        now: datetime,
        source: str,
        status: IndicatorStatus = IndicatorStatus.REPORTED,
        categories: Sequence[str] = (),
    ) -> None:
        """Insert new indicators, move last_seen of known ones forward."""
        ...

    def ids_for_keys(self, keys: Sequence[str]) -> dict[str, int]: ...

    def get(self, indicator_id: int) -> IndicatorSummary | None: ...

    def search(self, filters: IndicatorFilter) -> Page[IndicatorSummary]: ...

    def related(self, indicator_id: int, limit: int = 100) -> list[IndicatorSummary]: ...

    def set_status(
        self,
        indicator_id: int,
        status: IndicatorStatus,
        reason: str,
        *,
        now: datetime,
        expected: IndicatorStatus,
    ) -> bool:
        """Compare-and-set: False when the status is no longer ``expected``."""
        ...

    def add_block(self, indicator_id: int, block: Block, *, actor: str) -> None: ...

    def add_blocks(self, blocks: Sequence[tuple[int, Block]], *, actor: str) -> None: ...

    def block_state(self, ids: Sequence[int]) -> dict[int, tuple[IndicatorStatus, set[str]]]: ...

    def lift_blocks(self, indicator_id: int, *, now: datetime) -> None: ...

    def record_sightings(self, sighting: Sighting, indicator_ids: Iterable[int]) -> None:
        """Link the indicators a report names to it, with its reporter, category and region,
        and count it: one more independent report where its reporter is new, its category
        merged, first seen moved back to its time when earlier."""
        ...


class RegistryUnitOfWork(ImportUnitOfWork, Protocol):
    """One transaction over the registry, the audit log and import progress."""

    @property
    def indicators(self) -> IndicatorRepository: ...
