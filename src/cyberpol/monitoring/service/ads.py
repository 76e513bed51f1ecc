"""Marketplace ads: platforms' ads in, scam rings out; each platform sees its own part."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import Forbidden, TooLarge
from cyberpol.monitoring.detectors.ads import find_rings
from cyberpol.monitoring.domain.ads import Ad, AdLoad, AdWarning, KnownBad, Ring, RingMember
from cyberpol.monitoring.ports import AdArchive

MAX_ADS_PER_CALL = 10_000


@dataclass
class AdRings:
    """Rings among the ads kept, found again only when an export was added since."""

    archive: Callable[[], AdArchive]
    known_bad: Callable[[], KnownBad]
    _found: dict[tuple[str, datetime | None], tuple[list[Ring], list[RingMember]]] = field(
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
        """Rings among the ads kept since ``since``; the last answer while no export came."""
        archive = self.archive()
        key = (archive.stamp(), since)
        with self._lock:  # one search at a time: at a million ads it takes minutes
            if key not in self._found:
                self._found = {key: find_rings(archive.ads(since), self.known_bad())}
            return self._found[key]

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
