"""Feed builds: a 1,000,000-entry RPZ (and the other formats) from the monitoring queue.

    python bench/feed_build.py [--domains 1000000] [--database-url URL]

Seeds ``--domains`` confirmed domains on the queue in bulk (SQLite by default), confirms one
more through the use case, then times what a partner's request after that costs: reading
what is published (the baseline: the least any feed needs) and building the RPZ, the hosts
file, the filter list and CSV; then the same RPZ again with nothing changed (answered from
memory). Target: a 1,000,000-entry RPZ rebuilt in under 60 s; a confirmed domain in the
next build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cyberpol.bootstrap import bootstrap
from cyberpol.config import Settings
from cyberpol.feeds.domain import FeedFormat
from cyberpol.kernel.access import CONSOLE
from cyberpol.monitoring.domain.resources import ResourceKind, ResourceSource, ResourceState
from cyberpol.monitoring.service import NewResource
from cyberpol.monitoring.tables import monitored_resources

SECRET = "bench-secret-0123456789-0123456789-0123456789"
SYLLABLES = ("kas", "pi", "hal", "yk", "bon", "us", "pay", "sec", "ure", "log", "in", "kz", "egov",
             "olx", "kri", "sha", "top", "bank", "gift")  # fmt: skip
TLDS = ("top", "xyz", "online", "site", "icu", "shop", "com", "net", "kz", "ru")


def seed(runtime, count: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    batch: list[dict[str, object]] = []
    seen: set[str] = set()
    with runtime.engine.begin() as db:
        while len(seen) < count:
            label = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            value = f"{label}{rng.randrange(10_000)}.{rng.choice(TLDS)}"
            if value in seen:
                continue
            seen.add(value)
            moment = now + timedelta(seconds=len(seen))
            batch.append({
                "kind": "domain", "value": value,
                "value_key": hashlib.sha256(f"domain:{value}".encode()).hexdigest(),
                "source": "lookalike_scan", "source_ref": "bench", "state": "confirmed",
                "score": 0.9, "reasons": [{"code": "combosquat", "value": 1.0, "weight": 0.9}],
                "brand": "kaspi.kz", "tlp": "clear", "found_at": moment, "updated_at": moment,
                "confirmed_at": moment,
            })  # fmt: skip
            if len(batch) == 50_000:
                db.execute(monitored_resources.insert(), batch)
                batch = []
        if batch:
            db.execute(monitored_resources.insert(), batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--domains", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), secret_key=SECRET,
                            database_url=args.database_url)  # fmt: skip
        runtime = bootstrap(settings)
        start = time.perf_counter()
        seed(runtime, args.domains)
        print(f"seeded {args.domains:,} confirmed domains in {time.perf_counter() - start:.1f} s")
        feeds, monitoring = runtime.feeds, runtime.monitoring
        feeds.feed(actor=CONSOLE, fmt=FeedFormat.RPZ)  # the build before the analyst's step

        new = NewResource(ResourceKind.DOMAIN, "kaspi-bonus-new.top", ResourceSource.ANALYST, "b")
        [added] = monitoring.add(actor=CONSOLE, items=[new])
        monitoring.move(actor=CONSOLE, resource_id=added.resource.id,
                        state=ResourceState.CONFIRMED)  # fmt: skip

        start = time.perf_counter()
        _, published = monitoring.published()
        baseline = time.perf_counter() - start
        print(f"baseline, read what is published: {len(published):,} rows in {baseline:.1f} s")
        timings: dict[str, float] = {}
        for fmt in (FeedFormat.RPZ, FeedFormat.HOSTS, FeedFormat.ADBLOCK, FeedFormat.CSV):
            start = time.perf_counter()
            built = feeds.feed(actor=CONSOLE, fmt=fmt)
            timings[fmt.value] = time.perf_counter() - start
            if fmt is FeedFormat.RPZ:
                assert b"\nkaspi-bonus-new.top CNAME .\n" in built.body, "confirmed domain missing"
            took = timings[fmt.value]
            print(f"{fmt.value:8} {built.entries:,} entries, {len(built.body) / 1e6:.1f} MB, "
                  f"{took:.1f} s ({took / baseline:.2f}x the baseline)")  # fmt: skip
        start = time.perf_counter()
        feeds.feed(actor=CONSOLE, fmt=FeedFormat.RPZ)
        print(f"rpz again, unchanged: {(time.perf_counter() - start) * 1000:.1f} ms")
        print(json.dumps({"rpz_rebuild_s": round(timings["rpz"], 1), "target_s": 60}))
        runtime.engine.dispose()


if __name__ == "__main__":
    main()
