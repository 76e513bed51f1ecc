"""Internet monitoring use cases: score domains against the protected brands, run the queue."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import InvalidInput, NotFound, TooLarge
from cyberpol.kernel.figures import Figure, FigureFilter, Tally
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.pages import Page
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.texts import TextModel
from cyberpol.monitoring.domain.ads import AdLoad, AdWarning, KnownBad, Ring, RingMember
from cyberpol.monitoring.domain.brands import BrandList, LookalikeScore
from cyberpol.monitoring.domain.resources import (
    PublishedResource,
    Resource,
    ResourceKind,
    ResourceSource,
    ResourceState,
)
from cyberpol.monitoring.domain.takedowns import Party, TakedownRequest, TakedownState
from cyberpol.monitoring.domain.texts import TextVerdict
from cyberpol.monitoring.domain.values import normalize_resource, resource_host
from cyberpol.monitoring.ports import (
    AdArchive,
    MonitoringUnitOfWork,
    MonthCount,
    Resolver,
    ResourceFilter,
)
from cyberpol.monitoring.service.ads import AdRings
from cyberpol.monitoring.service.queue import (
    Added,
    NewResource,
    RecheckSummary,
    ResourceDetail,
    add_resources,
    answer_takedown,
    move_resource,
    recheck_due,
    request_takedown,
)
from cyberpol.monitoring.service.texts import ScamTexts
from cyberpol.registry.domain import IndicatorStatus
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.registry.service import RegistryService

SCAN_BATCH = 10_000
_VOUCHED = (IndicatorStatus.CONFIRMED, IndicatorStatus.BLOCKED)
MAX_ADD = 10_000
__all__ = ["Added", "MonitoringService", "NewResource", "RecheckSummary", "ResourceDetail"]


@dataclass(frozen=True, slots=True)
class ScannedName:
    """One name of a scanned file: its line, the text as given, and its score (None when
    it is no domain or URL)."""

    line: int
    text: str
    score: LookalikeScore | None


@dataclass(frozen=True, slots=True)
class SweepSummary:
    """Domains and URLs the registry holds, brought onto the queue."""

    seen: int
    new: int
    confirmed: int  # confirmed or blocked in the registry, so confirmed here too


@dataclass
class MonitoringService:
    uow: Callable[[], MonitoringUnitOfWork]
    brands: Callable[[], BrandList]  # read on first use: commands that never scan skip it
    clock: Callable[[], datetime]
    registry: RegistryService | None = None
    ads: Callable[[], AdArchive] | None = None
    text_model: Callable[[], TextModel] | None = None  # read on first use, like brands
    _scorer: LookalikeScorer | None = field(default=None, init=False, repr=False)
    _ad_rings: AdRings | None = field(default=None, init=False, repr=False)
    _texts: ScamTexts | None = field(default=None, init=False, repr=False)

    @property
    def scorer(self) -> LookalikeScorer:
        """The lookalike scorer for the configured brands, built once."""
        if self._scorer is None:
            self._scorer = LookalikeScorer(self.brands())
        return self._scorer

    def scan(self, names: Iterable[tuple[int, str]]) -> Iterator[ScannedName]:
        """Score each (line, name) against the protected brands, in order."""
        scorer = self.scorer
        items = iter(names)
        while chunk := list(islice(items, SCAN_BATCH)):
            scores = scorer.score_batch([text for _, text in chunk])
            for (line, text), score in zip(chunk, scores, strict=True):
                yield ScannedName(line, text, score)

    def scan_names(self, *, actor: Actor, names: Sequence[str]) -> list[ScannedName]:
        """Score names given over the API (an analyst's or a partner's list)."""
        actor.require(Permission.READ_MONITORING)
        return list(self.scan(enumerate(names, start=1)))

    def _refuse_protected(self, resource: Resource | None) -> None:
        """A protected brand's own domain is never confirmed: the block lists would cut
        the bank itself off for every subscriber."""
        if resource is None or resource.kind not in (ResourceKind.DOMAIN, ResourceKind.URL):
            return
        host = resource_host(resource)
        if host is not None and self.scorer.is_protected(host):
            raise InvalidInput(
                f"{host} is a protected brand's own domain: it cannot be confirmed as fraud."
            )

    def check_value(self, item: NewResource) -> str:
        """The item's value as the queue would keep it; InvalidInput when it is none."""
        return normalize_resource(item.kind, item.value)

    def sweep_registry(self, *, actor: Actor, since: datetime | None = None,
                       page: int = 2_000) -> SweepSummary:  # fmt: skip
        """Bring the registry's domains and URLs onto the queue, scored: those citizens
        reported as new, those an analyst confirmed or a party blocked as confirmed."""
        actor.require(Permission.MANAGE_MONITORING)
        if self.registry is None:
            raise NotFound("This service has no registry to sweep.")
        seen = new = confirmed = 0
        for kind in (ResourceKind.DOMAIN, ResourceKind.URL):
            offset = 0
            while True:
                found = self.registry.list_indicators(actor=actor, filters=IndicatorFilter(
                    kind=kind.value, seen_since=since, limit=page, offset=offset))  # fmt: skip
                if not found.items:
                    break
                offset += len(found.items)
                seen += len(found.items)
                vouched = {i.value for i in found.items if i.status in _VOUCHED}
                registry, reported = ResourceSource.REGISTRY, ResourceSource.CITIZEN_REPORT
                items = [
                    NewResource(
                        kind,
                        i.value,
                        registry if i.value in vouched else reported,
                        f"indicator {i.id}",
                    )
                    for i in found.items
                ]
                for added in self.add(actor=actor, items=items):
                    new += added.created
                    resource = added.resource
                    if added.created and resource.source is ResourceSource.REGISTRY:
                        try:
                            self.move(actor=actor, resource_id=resource.id,
                                      state=ResourceState.CONFIRMED,
                                      note="confirmed in the registry")  # fmt: skip
                        except InvalidInput:
                            continue  # a brand's own domain: left for an analyst to dismiss
                        confirmed += 1
        return SweepSummary(seen, new, confirmed)

    def import_ads(self, *, actor: Actor, path: Path, platform: str = "") -> AdLoad:
        """Keep a platform's ad export; rows that are no ad are reported by line."""
        actor.require(Permission.MANAGE_MONITORING)
        return self._ad_archive().load(path, platform=platform)

    def ad_rings(self, *, actor: Actor, since: datetime | None = None,
                 queue: bool = False) -> tuple[list[Ring], list[RingMember]]:  # fmt: skip
        """Scam rings among the ads kept (since ``since``), with the registry's known phones
        and links; with ``queue``, each ring's ads go on the monitoring queue."""
        actor.require(Permission.READ_MONITORING)
        rings, rows = self._rings.rings(since)
        if queue and rings:
            items = [NewResource(ResourceKind.AD, f"{ring.platform}:{ad_id}",
                                 ResourceSource.AD_IMPORT, ring.ring, ring.score, ring.reasons)
                     for ring in rings for ad_id in ring.ads]  # fmt: skip
            for start in range(0, len(items), 5_000):
                self.add(actor=actor, items=items[start : start + 5_000])
        return rings, rows

    def submit_ads(self, *, actor: Actor, rows: Sequence[Mapping[str, object]]) -> AdLoad:
        """A platform's ads sent over the API, kept as its own."""
        return self._rings.submit(actor=actor, rows=rows)

    def ad_rings_searched_at(self) -> datetime | None:
        """When the rings last given were found: exports added since show within minutes."""
        return self._rings.searched_at()

    def ad_warnings(self, *, actor: Actor, since: datetime | None = None) -> list[AdWarning]:
        """The rings on the actor's platform, cut to its own ads, sellers and phones."""
        return self._rings.warnings(actor=actor, since=since)

    @property
    def _rings(self) -> AdRings:
        if self._ad_rings is None:
            self._ad_rings = AdRings(self._ad_archive, self._known_bad, self.clock)
        return self._ad_rings

    def _ad_archive(self) -> AdArchive:
        if self.ads is None:
            raise NotFound("This service keeps no ads.")
        return self.ads()

    def _known_bad(self) -> KnownBad:
        if self.registry is None:
            return KnownBad()
        phones = self.registry.values_with_status(kind=IndicatorKind.PHONE, statuses=_VOUCHED)
        links: list[str] = []
        for kind in (IndicatorKind.URL, IndicatorKind.DOMAIN):
            found = self.registry.values_with_status(kind=kind, statuses=_VOUCHED)
            links += [v for values in found.values() for v in values]
        return KnownBad(frozenset(v for values in phones.values() for v in values),
                        frozenset(links))  # fmt: skip

    def classify_texts(self, *, actor: Actor, texts: Sequence[str]) -> list[TextVerdict]:
        """Scam or not, which scheme and the words behind it, for each short text."""
        if self._texts is None:
            if self.text_model is None:
                raise NotFound("This service has no scam-text model.")
            self._texts = ScamTexts(self.text_model, lambda: self.scorer)
        return self._texts.classify(actor=actor, texts=texts)

    def scored(self, item: NewResource) -> NewResource:
        """A domain or URL with the lookalike scorer's verdict, unless it came with one."""
        if item.reasons or item.kind not in (ResourceKind.DOMAIN, ResourceKind.URL):
            return item
        score = self.scorer.score_batch([item.value])[0]
        if score is None or not score.reasons:
            return item
        return replace(item, score=score.score, reasons=score.reasons, brand=score.brand)

    def add(self, *, actor: Actor, items: Sequence[NewResource]) -> list[Added]:
        """Queue resources (domains and URLs scored on the way in), or give those queued."""
        actor.require(Permission.MANAGE_MONITORING)
        if len(items) > MAX_ADD:
            raise TooLarge(f"At most {MAX_ADD} resources at once ({len(items)} given).")
        scored = [self.scored(item) for item in items]
        with self.uow() as unit:
            added = add_resources(unit, actor, scored, self.clock())
            unit.commit()
        return added

    def queue_flagged(
        self,
        *,
        actor: Actor,
        names: Iterable[ScannedName],
        source_ref: str,
        source: ResourceSource = ResourceSource.DOMAIN_FEED,
    ) -> int:
        """Queue the flagged names of a scan; how many were new to the queue."""
        actor.require(Permission.MANAGE_MONITORING)
        created = 0
        items = (n for n in names if n.score is not None and n.score.flagged)
        while chunk := list(islice(items, 1_000)):
            batch = [
                NewResource(
                    ResourceKind.DOMAIN,
                    n.score.domain,
                    source,
                    source_ref,
                    n.score.score,
                    n.score.reasons,
                    n.score.brand,
                )
                for n in chunk
                if n.score is not None
            ]
            with self.uow() as unit:
                created += sum(a.created for a in add_resources(unit, actor, batch, self.clock()))
                unit.commit()
        return created

    def resources(
        self, *, actor: Actor, filters: ResourceFilter, limit: int = 50, offset: int = 0
    ) -> Page[Resource]:
        actor.require(Permission.READ_MONITORING)
        with self.uow() as unit:
            return unit.resources.search(filters, limit=limit, offset=offset)

    def resource(self, *, actor: Actor, resource_id: int) -> ResourceDetail:
        actor.require(Permission.READ_MONITORING)
        with self.uow() as unit:
            resource = unit.resources.get(resource_id)
            if resource is None:
                raise NotFound(f"No resource {resource_id} on the monitoring queue.")
            return ResourceDetail(resource, unit.resources.events(resource_id),
                                  unit.takedowns.for_resource(resource_id))  # fmt: skip

    def move(
        self,
        *,
        actor: Actor,
        resource_id: int,
        state: ResourceState,
        note: str | None = None,
        taken_down_on: date | None = None,
    ) -> Resource:
        actor.require(Permission.MANAGE_MONITORING)
        with self.uow() as unit:
            if state is ResourceState.CONFIRMED:
                self._refuse_protected(unit.resources.get(resource_id))
            moved = move_resource(unit, actor, resource_id, state, note=note,
                                  taken_down_on=taken_down_on, now=self.clock())  # fmt: skip
            unit.commit()
        return moved

    def request_block(
        self,
        *,
        actor: Actor,
        resource_id: int,
        party: Party,
        addressee: str,
        note: str | None = None,
    ) -> TakedownRequest:
        actor.require(Permission.MANAGE_MONITORING)
        with self.uow() as unit:
            request = request_takedown(unit, actor, resource_id, party, addressee, note,
                                       self.clock())  # fmt: skip
            unit.commit()
        return request

    def answer_block(
        self, *, actor: Actor, request_id: int, done: bool, note: str | None = None
    ) -> TakedownRequest:
        actor.require(Permission.MANAGE_MONITORING)
        with self.uow() as unit:
            answered = answer_takedown(unit, actor, request_id, done=done, note=note,
                                       now=self.clock())  # fmt: skip
            unit.commit()
        return answered

    def block_requests(
        self,
        *,
        actor: Actor,
        state: TakedownState | None = None,
        overdue: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[TakedownRequest]:
        actor.require(Permission.READ_MONITORING)
        with self.uow() as unit:
            return unit.takedowns.search(state=state, overdue_at=self.clock() if overdue else None,
                                       limit=limit, offset=offset)  # fmt: skip

    def recheck(self, *, actor: Actor, resolver: Resolver, limit: int = 1_000) -> RecheckSummary:
        """Re-check what is due (the scheduled job); see ``recheck_due``."""
        actor.require(Permission.MANAGE_MONITORING)
        with self.uow() as unit:
            summary = recheck_due(unit, actor, resolver, self.clock(), limit)
            unit.commit()
        return summary

    def published(self, *, since: datetime | None = None) -> tuple[str, list[PublishedResource]]:
        """What feeds publish, with its stamp (feeds check their subscribers' rights)."""
        with self.uow() as unit:
            return unit.resources.published_stamp(), unit.resources.published(since)

    def published_stamp(self) -> str:
        with self.uow() as unit:
            return unit.resources.published_stamp()

    def figures(self, *, actor: Actor, filters: FigureFilter) -> list[Tally]:
        """Resources found, blocked and taken down by month, for the statistics (no region
        or scheme: a site has neither until a case gives it one)."""
        actor.require(Permission.READ_STATISTICS)
        if filters.region or filters.category:
            return []
        with self.uow() as unit:
            counts = unit.resources.month_counts(filters.since, filters.until)
        out: list[Tally] = []
        for figure, field_name in ((Figure.RESOURCES_FOUND, "found"),
                                   (Figure.RESOURCES_BLOCKED, "blocked"),
                                   (Figure.RESOURCES_TAKEN_DOWN, "taken_down")):  # fmt: skip
            months: dict[str, int] = {}
            for count in counts:
                months[count.month] = months.get(count.month, 0) + getattr(count, field_name)
            out += [Tally(figure, m, None, None, Decimal(n)) for m, n in months.items() if n]
        return out

    def month_counts(
        self, *, actor: Actor, since: datetime | None = None, until: datetime | None = None
    ) -> list[MonthCount]:
        """Found, confirmed, blocked and taken down, by month and kind."""
        actor.require(Permission.READ_MONITORING)
        with self.uow() as unit:
            return unit.resources.month_counts(since, until)
