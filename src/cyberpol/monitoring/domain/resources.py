"""A resource on the monitoring queue: a site, link, ad, channel or page someone should look at.

    new ─> reviewing ─> confirmed ─> block_requested ─┬─> blocked ─> taken_down
     │         │            │              │           └─> refused ─> block_requested
     │         └────────────┴──> dismissed └──────────────────────────> taken_down
     └─> confirmed | dismissed

A resource that was taken down and comes back up is confirmed again by its re-check; a
dismissed one can be reopened for review when new evidence arrives.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.tlp import Tlp
from cyberpol.kernel.transitions import require_transition as check_step


class ResourceKind(enum.StrEnum):
    DOMAIN = "domain"
    URL = "url"
    AD = "ad"
    TELEGRAM = "telegram"  # a channel, group, bot or account
    SOCIAL = "social"  # a page or account on another social network


class ResourceSource(enum.StrEnum):
    """Where the resource came from: each keeps its provenance (which file, which partner)."""

    CITIZEN_REPORT = "citizen_report"
    REGISTRY = "registry"
    LOOKALIKE_SCAN = "lookalike_scan"
    DOMAIN_FEED = "domain_feed"  # a new-domain or certificate-transparency file
    PARTNER_FEED = "partner_feed"
    AD_IMPORT = "ad_import"
    ANALYST = "analyst"


class ResourceState(enum.StrEnum):
    NEW = "new"
    REVIEWING = "reviewing"
    CONFIRMED = "confirmed"
    BLOCK_REQUESTED = "block_requested"
    BLOCKED = "blocked"
    REFUSED = "refused"
    TAKEN_DOWN = "taken_down"
    DISMISSED = "dismissed"


S = ResourceState
OPEN_STATES = frozenset({S.NEW, S.REVIEWING})
# Where a confirmed resource stands until it is gone: these are re-checked on a schedule.
LIVE_STATES = frozenset({S.CONFIRMED, S.BLOCK_REQUESTED, S.BLOCKED, S.REFUSED})
_TRANSITIONS: dict[ResourceState, frozenset[ResourceState]] = {
    S.NEW: frozenset({S.REVIEWING, S.CONFIRMED, S.DISMISSED}),
    S.REVIEWING: frozenset({S.CONFIRMED, S.DISMISSED}),
    S.CONFIRMED: frozenset({S.BLOCK_REQUESTED, S.TAKEN_DOWN, S.DISMISSED}),
    S.BLOCK_REQUESTED: frozenset({S.BLOCKED, S.REFUSED, S.TAKEN_DOWN}),
    S.BLOCKED: frozenset({S.TAKEN_DOWN}),
    S.REFUSED: frozenset({S.BLOCK_REQUESTED, S.TAKEN_DOWN}),
    S.TAKEN_DOWN: frozenset({S.CONFIRMED}),
    S.DISMISSED: frozenset({S.REVIEWING}),
}


def require_transition(resource_id: int, current: ResourceState, new: ResourceState) -> None:
    """Refuse a step the queue does not allow, naming the state the resource is in."""
    check_step("Resource", resource_id, current, new, _TRANSITIONS)


def allowed_steps(current: ResourceState) -> frozenset[ResourceState]:
    return _TRANSITIONS[current]


@dataclass(frozen=True, slots=True)
class Resource:
    id: int
    kind: ResourceKind
    value: str  # normalised: a registrable domain, a canonical URL, platform:ad id, @handle
    source: ResourceSource
    source_ref: str  # the file, partner feed or report it came from
    state: ResourceState
    score: float
    reasons: tuple[RuleResult, ...]
    brand: str  # the protected domain it imitates, "" when none
    found_at: datetime
    updated_at: datetime
    tlp: Tlp = Tlp.CLEAR  # how widely feeds may share it (a partner's marking is kept)
    confirmed_at: datetime | None = None
    blocked_at: datetime | None = None
    assignee: str | None = None
    taken_down_on: date | None = None
    recheck_at: datetime | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ResourceEvent:
    state: ResourceState
    actor: str
    at: datetime
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PublishedResource:
    """A confirmed domain or URL as feeds publish it: ``active`` while it should be blocked,
    not once it was taken down or dismissed (incremental feeds carry the removal)."""

    kind: ResourceKind
    value: str
    tlp: Tlp
    active: bool
    first_seen: datetime  # when an analyst confirmed it
    updated_at: datetime
    brand: str = ""
    reasons: tuple[str, ...] = ()
    source: str = ""
