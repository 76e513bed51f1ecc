"""The registry's use cases, bound once to their collaborators by bootstrap."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.indicators.extract import find_indicators
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.kernel.pages import Page
from cyberpol.platform.imports import ImportSummary, NumberedRows
from cyberpol.registry.domain import Blocker, IndicatorStatus, IndicatorSummary, StatusChange
from cyberpol.registry.ports import IndicatorFilter, RegistryUnitOfWork
from cyberpol.registry.service.checks import (
    CheckResult,
    check_batch_for,
    check_value,
    check_values,
)
from cyberpol.registry.service.imports import import_indicators
from cyberpol.registry.service.indicators import (
    change_indicator_status,
    list_indicators,
    record_partner_block,
)


@dataclass(frozen=True, slots=True)
class RegistryService:
    """Checks, analysts' work on indicators and known-bad imports; front doors pass only
    what the caller sent."""

    uow: Callable[[], RegistryUnitOfWork]
    clock: Clock
    card_secret: bytes
    max_batch: int
    # Told after indicators change status, for whatever keeps a copy in memory (the call
    # verdicts' lists of confirmed and blocked numbers).
    changed: Callable[[], None] = lambda: None

    def check(self, *, value: str, kind: IndicatorKind | None = None) -> CheckResult:
        """The public check of one value."""
        with self.uow() as uow:
            return check_value(
                lookup=uow.indicators, value=value, card_secret=self.card_secret, kind=kind
            )

    def check_values(
        self, *, values: Sequence[str], kind: IndicatorKind | None = None
    ) -> list[CheckResult]:
        """Many values at the console (no actor, nothing audited)."""
        with self.uow() as uow:
            return check_values(
                lookup=uow.indicators,
                values=values,
                card_secret=self.card_secret,
                max_batch=self.max_batch,
                kind=kind,
            )

    def check_text(self, *, text: str, limit: int = 10) -> list[CheckResult]:
        """Every value found in a message (a chat, an SMS), checked once; at most ``limit``."""
        values: dict[str, str] = {}
        for found in find_indicators(text, card_secret=self.card_secret):
            values.setdefault(found.indicator.key, text[found.start : found.end])
        return self.check_values(values=list(values.values())[:limit]) if values else []

    def check_batch(
        self, *, actor: Actor, values: Sequence[str], kind: IndicatorKind | None = None
    ) -> list[CheckResult]:
        """A partner's audited batch check."""
        return check_batch_for(
            uow=self.uow(),
            actor=actor,
            values=values,
            card_secret=self.card_secret,
            max_batch=self.max_batch,
            now=self.clock(),
            kind=kind,
        )

    def list_indicators(self, *, actor: Actor, filters: IndicatorFilter) -> Page[IndicatorSummary]:
        """Indicators most recently seen first."""
        return list_indicators(uow=self.uow(), actor=actor, filters=filters)

    def find(self, *, actor: Actor, value: str) -> IndicatorSummary | None:
        """The registry's indicator for a value as people write it (a phone, card, IBAN...);
        a value that is no indicator raises InvalidIndicator."""
        actor.require(Permission.READ_INDICATORS)
        indicator = parse_indicator(value, None, card_secret=self.card_secret)
        with self.uow() as uow:
            return uow.indicators.find_by_keys([indicator.key]).get(indicator.key)

    def by_keys(self, *, actor: Actor, keys: Sequence[str]) -> dict[str, IndicatorSummary]:
        """The registry's indicators with these keys (as reports name them)."""
        actor.require(Permission.READ_INDICATORS)
        with self.uow() as uow:
            return dict(uow.indicators.find_by_keys(list(keys)))

    def figures(self, *, actor: Actor, filters: FigureFilter) -> list[Tally]:
        """Indicators confirmed and blocked, by month, for the statistics."""
        actor.require(Permission.READ_STATISTICS)
        with self.uow() as uow:
            return uow.indicators.figures(filters)

    def status_stamp(self, *, statuses: Sequence[IndicatorStatus]) -> str:
        """Changes whenever an indicator, of any kind, enters or leaves the statuses: lets a
        cache of ``values_with_status`` know it is stale with one cheap query."""
        with self.uow() as uow:
            return uow.indicators.status_stamp(statuses)

    def values_with_status(
        self, *, kind: IndicatorKind, statuses: Sequence[IndicatorStatus]
    ) -> dict[IndicatorStatus, list[str]]:
        """Every value of the kind in each status (for rules held in memory, such as the
        call verdicts: no person reads them, so nothing is audited)."""
        with self.uow() as uow:
            return uow.indicators.values_with_status(kind.value, statuses)

    def record_partner_block(
        self, *, actor: Actor, kind: IndicatorKind, value: str, blocked_by: Blocker, reason: str
    ) -> IndicatorSummary:
        """A partner (the actor's organisation) cut the value off: it becomes a blocked
        indicator with the partner as source and blocker."""
        indicator = parse_indicator(value, kind, card_secret=self.card_secret)
        summary = record_partner_block(
            uow=self.uow(),
            actor=actor,
            indicator=indicator,
            blocked_by=blocked_by,
            reason=reason,
            now=self.clock(),
        )
        self.changed()
        return summary

    def change_status(
        self, *, actor: Actor, indicator_id: int, change: StatusChange
    ) -> IndicatorSummary:
        """Confirm, dismiss or block an indicator."""
        summary = change_indicator_status(
            uow=self.uow(), actor=actor, indicator_id=indicator_id, change=change, now=self.clock()
        )
        self.changed()
        return summary

    def import_indicators(
        self,
        *,
        actor: Actor,
        rows: NumberedRows,
        digest: str,
        source: str,
        on_progress: Callable[[int], None],
        chunk_map: Callable[..., Iterable[Any]] = map,
    ) -> ImportSummary:
        """Load a known-bad list, resumably."""
        try:
            return import_indicators(
                uow=self.uow(),
                clock=self.clock,
                actor=actor,
                rows=rows,
                digest=digest,
                source=source,
                card_secret=self.card_secret,
                on_progress=on_progress,
                chunk_map=chunk_map,
            )
        finally:
            self.changed()  # an interrupted import has still committed its chunks
