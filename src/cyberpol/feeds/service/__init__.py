"""Feed use cases: who subscribes to what, building each feed, importing partners' feeds.

Feeds are built from the monitoring queue's confirmed domains and URLs, each marked with its
TLP; a subscriber receives only what its clearance allows. A feed is rebuilt only when the
queue has changed since the last build (its stamp), so a confirmed domain is in the next
request's RPZ, and an unchanged one is answered from memory with the same ETag.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cyberpol.feeds.domain import BLOCK_LISTS, Feed, FeedFormat, Subscription
from cyberpol.feeds.domain.formats import render
from cyberpol.feeds.ports import FeedsUnitOfWork
from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import Forbidden, InvalidInput, NotFound
from cyberpol.kernel.tlp import Tlp
from cyberpol.monitoring.domain.resources import ResourceKind, ResourceSource
from cyberpol.monitoring.service import MonitoringService, NewResource
from cyberpol.registry.service import RegistryService

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
CACHED_FEEDS = 16
_PARTNER_ROLES = frozenset({Role.PARTNER, Role.BANK, Role.OPERATOR})


@dataclass(frozen=True, slots=True)
class PartnerImport:
    """One partner file taken into the queue."""

    partner: str
    format: str
    found: int
    new: int
    already_queued: int
    rejected: list[tuple[str, str]]  # (where in the file, why)
    # TLP:CLEAR items also go into the registry, as reported by the partner: the public
    # check answers from it, and anything marked narrower must not reach the public.
    in_registry: int = 0


@dataclass(frozen=True, slots=True)
class ImportItem:
    kind: str
    value: str
    tlp: Tlp | None
    ref: str


@dataclass
class FeedService:
    uow: Callable[[], FeedsUnitOfWork]
    clock: Callable[[], datetime]
    monitoring: MonitoringService
    zone: str = "rpz.cyberpol.kz"
    registry: RegistryService | None = None
    _cache: OrderedDict[tuple[FeedFormat, Tlp, datetime | None], tuple[str, Feed]] = field(
        default_factory=OrderedDict, init=False, repr=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def subscribe(self, *, actor: Actor, organisation: str, tlp: Tlp,
                  formats: Sequence[FeedFormat]) -> Subscription:  # fmt: skip
        """Give an organisation the feeds it may take, up to a TLP; replaces what it had."""
        actor.require(Permission.MANAGE_FEEDS)
        code = organisation.strip()
        if not 1 <= len(code) <= 64 or not code.isprintable():
            raise InvalidInput("An organisation's code is 1 to 64 printable characters.")
        now = self.clock()
        subscription = Subscription(code, tlp, frozenset(formats), now, actor.name)
        with self.uow() as unit:
            unit.subscriptions.put(subscription)
            unit.audit.record(actor=actor, action=AuditAction.FEED_SUBSCRIBE,
                              object_type=AuditObject.FEED_SUBSCRIPTION, object_id=code,
                              details={"tlp": tlp.value,
                                       "formats": sorted(f.value for f in formats)},
                              at=now)  # fmt: skip
            unit.commit()
        return subscription

    def unsubscribe(self, *, actor: Actor, organisation: str) -> None:
        actor.require(Permission.MANAGE_FEEDS)
        with self.uow() as unit:
            if not unit.subscriptions.remove(organisation):
                raise NotFound(f"{organisation} has no subscription.")
            unit.audit.record(actor=actor, action=AuditAction.FEED_SUBSCRIBE,
                              object_type=AuditObject.FEED_SUBSCRIPTION, object_id=organisation,
                              details={"removed": True}, at=self.clock())  # fmt: skip
            unit.commit()

    def subscriptions(self, *, actor: Actor) -> list[Subscription]:
        actor.require(Permission.MANAGE_FEEDS)
        with self.uow() as unit:
            return unit.subscriptions.all()

    def clearance(self, actor: Actor, fmt: FeedFormat) -> Tlp:
        """The highest TLP ``actor`` may receive in ``fmt``: a partner's subscription says,
        the unit's own staff see everything."""
        actor.require(Permission.READ_FEEDS)
        if actor.role not in _PARTNER_ROLES:
            return Tlp.RED
        with self.uow() as unit:
            subscription = unit.subscriptions.get(actor.organisation or "")
        if subscription is None:
            raise Forbidden(f"{actor.organisation or actor.name} subscribes to no feed.")
        if fmt not in subscription.formats:
            taken = ", ".join(sorted(f.value for f in subscription.formats))
            raise Forbidden(f"Your subscription does not include {fmt.value} (it has: {taken}).")
        return subscription.tlp

    def feed(self, *, actor: Actor, fmt: FeedFormat, since: datetime | None = None,
             tlp: Tlp | None = None) -> Feed:  # fmt: skip
        """The feed for ``actor``; ``since`` (STIX, MISP, CSV) gives changes from then on,
        removals included. ``tlp`` lowers the marking staff build for (a public list)."""
        cleared = self.clearance(actor, fmt)
        level = tlp if tlp is not None and cleared.allows(tlp) else cleared
        if since is not None and fmt in BLOCK_LISTS:
            raise InvalidInput(
                f"A {fmt.value} block list is always whole; 'since' is for stix, misp and csv."
            )
        built = self._build(fmt, level, since)
        if actor.role in _PARTNER_ROLES:
            with self.uow() as unit:
                unit.audit.record(actor=actor, action=AuditAction.FEED_READ,
                                  object_type=AuditObject.FEED, object_id=fmt.value,
                                  details={"entries": built.entries, "tlp": level.value,
                                           **({"since": since.isoformat()} if since else {})},
                                  at=self.clock())  # fmt: skip
                unit.commit()
        return built

    def _build(self, fmt: FeedFormat, tlp: Tlp, since: datetime | None) -> Feed:
        key = (fmt, tlp, since)
        stamp = self.monitoring.published_stamp()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] == stamp:
                self._cache.move_to_end(key)
                return cached[1]
        stamp, entries = self.monitoring.published(since=since)
        visible = [e for e in entries if tlp.allows(e.tlp) and (e.active or since is not None)]
        updated = max((e.updated_at for e in visible), default=EPOCH)
        serial = int(updated.timestamp()) % (1 << 32)
        text = render(fmt, visible, tlp=tlp, built=updated, serial=serial, zone=self.zone,
                      since=since)  # fmt: skip
        body = text.encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        built = Feed(fmt, body, etag, len(visible), updated)
        with self._lock:
            self._cache[key] = (stamp, built)
            self._cache.move_to_end(key)
            while len(self._cache) > CACHED_FEEDS:
                self._cache.popitem(last=False)
        return built

    def import_items(self, *, actor: Actor, partner: str, file_name: str, fmt: str,
                     items: Sequence[ImportItem], skipped: Sequence[tuple[str, str]],
                     default_tlp: Tlp) -> PartnerImport:  # fmt: skip
        """Put a partner's domains and URLs on the queue, with the partner and the file as
        their source and the partner's TLP marking kept; a value that is no domain or URL is
        reported with where it was."""
        actor.require(Permission.MANAGE_MONITORING)
        name = partner.strip()
        if not 1 <= len(name) <= 100 or not name.isprintable():
            raise InvalidInput("Name the partner the feed came from (1 to 100 characters).")
        rejected = list(skipped)
        good: list[NewResource] = []
        ref = f"{name}: {file_name}"[:300]
        for item in items:
            kind = ResourceKind.DOMAIN if item.kind == "domain" else ResourceKind.URL
            candidate = NewResource(
                kind, item.value, ResourceSource.PARTNER_FEED, ref, note=f"{name} {item.ref}",
                tlp=item.tlp or default_tlp,
            )  # fmt: skip
            try:
                self.monitoring.check_value(candidate)
            except InvalidInput as exc:
                rejected.append((item.ref, exc.message))
                continue
            good.append(candidate)
        added = []
        for start in range(0, len(good), 5_000):
            added += self.monitoring.add(actor=actor, items=good[start : start + 5_000])
        new = sum(a.created for a in added)
        in_registry = self._into_registry(actor, name, file_name, good)
        with self.uow() as unit:
            unit.audit.record(actor=actor, action=AuditAction.FEED_IMPORT,
                              object_type=AuditObject.FEED, object_id=name,
                              details={"file": file_name, "format": fmt, "found": len(items),
                                       "new": new, "rejected": len(rejected)},
                              at=self.clock())  # fmt: skip
            unit.commit()
        return PartnerImport(name, fmt, len(items), new, len(added) - new, rejected, in_registry)

    def _into_registry(self, actor: Actor, partner: str, file_name: str,
                       items: Sequence[NewResource]) -> int:  # fmt: skip
        """The public (TLP:CLEAR) items as indicators the partner reported, with the partner
        and the file as their source; the same file again changes nothing."""
        public = [i for i in items if i.tlp is Tlp.CLEAR]
        if self.registry is None or not public:
            return 0
        rows = [(n, {"value": i.value, "kind": i.kind.value, "status": "reported"})
                for n, i in enumerate(public, start=1)]  # fmt: skip
        digest = hashlib.sha256(
            "\n".join([partner, file_name, *(i.value for i in public)]).encode()
        ).hexdigest()
        summary = self.registry.import_indicators(
            actor=actor, rows=rows, digest=digest, source=f"partner feed {partner}: {file_name}",
            on_progress=lambda _done: None,
        )  # fmt: skip
        return summary.loaded
