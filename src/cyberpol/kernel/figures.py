"""The unit's figures: what each capability counts for the statistics, by month (in
Kazakhstan's time), region and scheme, so one dashboard can add them up and export them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


class Figure(enum.StrEnum):
    REPORTS = "reports"
    CASES_REGISTERED = "cases_registered"
    SENT_TO_COURT = "sent_to_court"
    CLOSED_REHABILITATING = "closed_rehabilitating"
    CLOSED_NON_REHABILITATING = "closed_non_rehabilitating"
    DAMAGE = "damage"
    PENSIONER_VICTIMS = "pensioner_victims"
    DROPS_IDENTIFIED = "drops_identified"
    ACCOUNTS_REQUESTED = "accounts_requested"
    ACCOUNTS_FROZEN = "accounts_frozen"
    FROZEN = "frozen"
    RETURNED = "returned"
    INDICATORS_CONFIRMED = "indicators_confirmed"
    INDICATORS_BLOCKED = "indicators_blocked"
    CALLS_BLOCKED = "calls_blocked"  # call attempts the operators' switches blocked on our verdict
    # Internet resources (sites, links, ads, channels) found, blocked and taken down: the
    # figures the units report ("23,228 found, about 4,000 blocked").
    RESOURCES_FOUND = "resources_found"
    RESOURCES_BLOCKED = "resources_blocked"
    RESOURCES_TAKEN_DOWN = "resources_taken_down"


@dataclass(frozen=True, slots=True)
class FigureFilter:
    """Months from ``since`` up to (not including) ``until``, both UTC instants of a month's
    start in Kazakhstan; a region and a scheme, or all."""

    since: datetime | None = None
    until: datetime | None = None
    region: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Tally:
    """One figure for one month, region and scheme (None where the count has none).

    ``case`` names the case a count belongs to when its own records know no region or
    scheme (freeze requests): the statistics place it by the case's.
    """

    figure: Figure
    month: str  # "2026-11"
    region: str | None
    category: str | None
    value: Decimal
    case: str | None = None
