"""The dashboard's arithmetic: tallies from every capability added up by month, region and
scheme, with the shares the unit reports (solved, accounts frozen of those requested)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from cyberpol.kernel.figures import Figure, FigureFilter, Tally

ZERO = Decimal(0)
# Figures that exist per case or per report: a region or scheme filter keeps those placed in
# it; the registry's indicator counts and the blocked calls have no region and are shown only
# for the whole country.
UNPLACED = frozenset({
    Figure.INDICATORS_CONFIRMED, Figure.INDICATORS_BLOCKED, Figure.CALLS_BLOCKED,
    Figure.RESOURCES_FOUND, Figure.RESOURCES_BLOCKED, Figure.RESOURCES_TAKEN_DOWN,
})  # fmt: skip
PLACED = frozenset(Figure) - UNPLACED


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Every figure for the period, and the same by month, by region and by scheme."""

    filters: FigureFilter
    totals: dict[Figure, Decimal]
    by_month: dict[str, dict[Figure, Decimal]]
    by_region: dict[str, dict[Figure, Decimal]]
    by_category: dict[str, dict[Figure, Decimal]]
    rows: tuple[Tally, ...] = field(default=(), repr=False)

    def total(self, figure: Figure) -> Decimal:
        return self.totals.get(figure, ZERO)

    @property
    def solved_share(self) -> Decimal | None:
        """Cases sent to court per case registered in the period (the unit's "solved")."""
        registered = self.total(Figure.CASES_REGISTERED)
        return self.total(Figure.SENT_TO_COURT) / registered if registered else None

    @property
    def frozen_share(self) -> Decimal | None:
        """Accounts frozen per account a freeze was requested for."""
        requested = self.total(Figure.ACCOUNTS_REQUESTED)
        return self.total(Figure.ACCOUNTS_FROZEN) / requested if requested else None


def placed(tallies: Iterable[Tally], places: dict[str, tuple[str | None, str]]) -> list[Tally]:
    """Tallies that know only their case, given the case's region and scheme."""
    out = []
    for t in tallies:
        if t.case is not None and t.case in places:
            region, category = places[t.case]
            t = Tally(t.figure, t.month, region, category, t.value, t.case)
        out.append(t)
    return out


def dashboard(filters: FigureFilter, tallies: Iterable[Tally]) -> Dashboard:
    """Add the tallies up, keeping only those a region or scheme filter allows."""
    kept: list[Tally] = []
    for t in tallies:
        if filters.region and (t.figure not in PLACED or t.region != filters.region):
            continue
        if filters.category and (t.figure not in PLACED or t.category != filters.category):
            continue
        kept.append(t)
    totals: defaultdict[Figure, Decimal] = defaultdict(Decimal)
    months: defaultdict[str, defaultdict[Figure, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    regions: defaultdict[str, defaultdict[Figure, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    schemes: defaultdict[str, defaultdict[Figure, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    for t in kept:
        totals[t.figure] += t.value
        months[t.month][t.figure] += t.value
        if t.region:
            regions[t.region][t.figure] += t.value
        if t.category:
            schemes[t.category][t.figure] += t.value
    kept.sort(key=lambda t: (t.month, t.figure.value, t.region or "", t.category or ""))
    return Dashboard(
        filters=filters,
        totals=dict(totals),
        by_month={m: dict(v) for m, v in sorted(months.items())},
        by_region={r: dict(v) for r, v in sorted(regions.items())},
        by_category={c: dict(v) for c, v in sorted(schemes.items())},
        rows=tuple(kept),
    )
