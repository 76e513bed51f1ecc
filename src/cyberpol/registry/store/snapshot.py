"""An in-process snapshot of the registry for high-volume checks (and a fake for tests).

A bank that checks every outgoing transfer can hold the registry in memory and refresh
it every few minutes, instead of a database round trip per payment. Summaries are built
once at load (about 400 bytes per indicator), so a hit costs one dict lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, select

from cyberpol.registry.domain import IndicatorSummary
from cyberpol.registry.store.rows import indicator_from_row
from cyberpol.registry.tables import indicators


class MemoryIndicatorLookup:
    """IndicatorLookup over a dict of summaries (blocks included when the loader gives them)."""

    def __init__(self, summaries: Iterable[tuple[str, IndicatorSummary]] = ()) -> None:
        self._summaries: dict[str, IndicatorSummary] = dict(summaries)

    def __len__(self) -> int:
        return len(self._summaries)

    def add(self, key: str, summary: IndicatorSummary) -> None:
        self._summaries[key] = summary

    def find_by_keys(self, keys: Sequence[str]) -> Mapping[str, IndicatorSummary]:
        get = self._summaries.get
        return {key: summary for key in keys if (summary := get(key)) is not None}

    @classmethod
    def from_database(cls, connection: Connection) -> MemoryIndicatorLookup:
        """Load every indicator from the database (about 400 bytes of memory per indicator)."""
        c = indicators.c
        query = select(
            c.id,
            c.key,
            c.kind,
            c.value,
            c.status,
            c.report_count,
            c.first_seen,
            c.last_seen,
            c.categories,
            c.attributes,
        )
        lookup = cls()
        for r in connection.execute(query.execution_options(yield_per=50_000)):
            lookup.add(r.key, indicator_from_row(r))
        return lookup
