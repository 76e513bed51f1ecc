"""Marketplace ads: platforms' ads in, scam rings out; each platform sees its own part."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import Forbidden, TooLarge
from cyberpol.monitoring.detectors.ads import find_rings
from cyberpol.monitoring.domain.ads import Ad, AdLoad, AdWarning, KnownBad, Ring, RingMember
from cyberpol.monitoring.ports import AdArchive

MAX_ADS_PER_CALL = 10_000
# Rings are found again at most this often: at a million ads a search takes minutes, and a
# platform sending an ad a second must not keep the server searching.
FRESH_FOR = timedelta(minutes=10)


@dataclass
class AdRings:
    """Rings among the ads kept, found again only when an export was added since."""

    archive: Callable[[], AdArchive]
    known_bad: Callable[[], KnownBad]
    clock: Callable[[], datetime]
    _found: dict[datetime | None, tuple[str, datetime, list[Ring], list[RingMember]]] = field(
        default_factory=dict, init=False, repr=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def submit(self, *, actor: Actor, rows: Sequence[Mapping[str, object]]) -> AdLoad:
        """A platform's ads, sent as objects: every ad is the sending platform's."""
        actor.require(Permission.SUBMIT_ADS)
        if not actor.organisation:
            raise Forbidden("Only a platform's own token sends its ads.")
        if len(rows) > MAX_ADS_PER_CALL:
            raise TooLarge(f"At most {MAX_ADS_PER_CALL:,} ads per call; send the rest next.")
        platform = actor.organisation.lower()
        return self.archive().load_rows(rows, source=f"api:{platform}", platform=platform,
                                        only_platform=True)  # fmt: skip

    def rings(self, since: datetime | None = None) -> tuple[list[Ring], list[RingMember]]:
        """Rings among the ads kept since ``since``: the last answer while no export came,
        or while it is younger than FRESH_FOR."""
        archive = self.archive()
        stamp, now = archive.stamp(), self.clock()
        with self._lock:  # one search at a time: at a million ads it takes minutes
            last = self._found.get(since)
            if last is None or (last[0] != stamp and now - last[1] >= FRESH_FOR):
                rings, rows = find_rings(archive.ads(since), self.known_bad())
                self._found = {since: (stamp, now, rings, rows)}
            _stamp, _at, rings, rows = self._found[since]
            return rings, rows

    def searched_at(self) -> datetime | None:
        """When the rings last shown were found (None before the first search)."""
        return max((at for _stamp, at, _r, _m in self._found.values()), default=None)

    def warnings(self, *, actor: Actor, since: datetime | None = None) -> list[AdWarning]:
        """The rings with ads on the actor's platform, each cut to that platform's ads."""
        actor.require(Permission.READ_AD_WARNINGS)
        if not actor.organisation:
            raise Forbidden("Only a platform's own token reads its warnings.")
        return warnings_for(self.rings(since)[0], self.archive().ads(since),
                            actor.organisation.lower())  # fmt: skip


def warnings_for(rings: Sequence[Ring], ads: Sequence[Ad], platform: str) -> list[AdWarning]:
    """Each ring's part on ``platform``: its ads there, their sellers and phones."""
    mine = {ad.ad_id: ad for ad in ads if ad.platform == platform}
    out: list[AdWarning] = []
    for ring in rings:
        own = [mine[ad_id] for ad_id, where in zip(ring.ads, ring.ad_platforms, strict=True)
               if where == platform and ad_id in mine]  # fmt: skip
        if not own:
            continue
        out.append(AdWarning(
            ring.ring, ring.score, platform, tuple(ad.ad_id for ad in own),
            tuple(sorted({ad.seller_id for ad in own})),
            tuple(sorted({ad.phone for ad in own if ad.phone})), ring.reasons,
        ))  # fmt: skip
    return out
