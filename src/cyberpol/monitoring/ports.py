"""What the monitoring use cases need from storage and from the network."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.kernel.pages import Page
from cyberpol.monitoring.domain.ads import Ad, AdLoad
from cyberpol.monitoring.domain.resources import (
    PublishedResource,
    Resource,
    ResourceEvent,
    ResourceKind,
    ResourceSource,
    ResourceState,
)
from cyberpol.monitoring.domain.takedowns import Party, TakedownRequest, TakedownState


@dataclass(frozen=True, slots=True)
class ResourceFilter:
    states: tuple[ResourceState, ...] = ()
    kind: ResourceKind | None = None
    source: ResourceSource | None = None
    brand: str | None = None
    search: str | None = None  # part of the value
    min_score: float | None = None


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Resources of one kind found, confirmed, blocked and taken down in one month."""

    month: str  # "2026-11", in Kazakhstan's time
    kind: ResourceKind
    found: int
    confirmed: int
    blocked: int
    taken_down: int


class ResourceRepository(Protocol):
    def add(self, resource: Resource) -> Resource:
        """Store a new resource (its id is ignored); the stored one, with its id."""
        ...

    def by_value(self, kind: ResourceKind, value: str) -> Resource | None: ...

    def by_values(self, kind: ResourceKind, values: Sequence[str]) -> dict[str, Resource]: ...

    def get(self, resource_id: int) -> Resource | None: ...

    def update(self, resource: Resource) -> None: ...

    def search(self, filters: ResourceFilter, *, limit: int, offset: int) -> Page[Resource]: ...

    def add_event(self, resource_id: int, event: ResourceEvent) -> None: ...

    def events(self, resource_id: int) -> list[ResourceEvent]: ...

    def due_rechecks(self, now: datetime, *, limit: int) -> list[Resource]: ...

    def month_counts(self, since: datetime | None, until: datetime | None) -> list[MonthCount]: ...

    def published(self, since: datetime | None) -> list[PublishedResource]:
        """Confirmed domains and URLs, live or removed; with ``since``, changed from then."""
        ...

    def published_stamp(self) -> str:
        """Changes whenever ``published`` would return something else."""
        ...


class TakedownRepository(Protocol):
    def add(self, request: TakedownRequest) -> TakedownRequest: ...

    def get(self, request_id: int) -> TakedownRequest | None: ...

    def for_resource(self, resource_id: int) -> list[TakedownRequest]: ...

    def live(self, resource_id: int, party: Party, addressee: str) -> TakedownRequest | None:
        """The request still waiting for an answer from this party, if one is."""
        ...

    def update(self, request: TakedownRequest) -> None: ...

    def search(
        self, *, state: TakedownState | None, overdue_at: datetime | None, limit: int, offset: int
    ) -> Page[TakedownRequest]: ...


class MonitoringUnitOfWork(AccountsUnitOfWork, Protocol):
    @property
    def resources(self) -> ResourceRepository: ...

    @property
    def takedowns(self) -> TakedownRepository: ...


class Resolver(Protocol):
    def resolves(self, name: str) -> bool | None:
        """True when the name has an address, False when it does not exist (NXDOMAIN or no
        address), None when the resolver could not tell (time-out, server failure)."""
        ...


class AdArchive(Protocol):
    """Platforms' ad exports, kept as they were loaded."""

    def load(self, path: Path, *, platform: str = "") -> AdLoad: ...

    def load_rows(self, rows: Sequence[Mapping[str, object]], *, source: str,
                  platform: str = "", only_platform: bool = False) -> AdLoad: ...  # fmt: skip

    def stamp(self) -> str: ...

    def ads(self, since: datetime | None = None) -> list[Ad]: ...
