"""Fake-ad rings at a platform's daily volume.

    python bench/ad_rings.py [--ads 1000000]

Generates a day's export with ``cyberpol synth ads`` (``--ads`` ads, seed 2), reads it as
``ads import`` does (the baseline: the least any detector must do), then finds the rings
as ``ads rings`` does, timing each kind of link. Target: 1,000,000 ads a day processed in
under 15 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cyberpol.monitoring.detectors import ad_links
from cyberpol.monitoring.detectors import ads as detector
from cyberpol.monitoring.domain.ads import parse_ad
from cyberpol.synth.ads import generate_ads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        start = time.perf_counter()
        counts = generate_ads(out, ads=args.ads, seed=2)
        print(f"generated {counts} in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        with (out / "ads.csv").open(encoding="utf-8", newline="") as handle:
            ads = [parse_ad(row) for row in csv.DictReader(handle)]
        baseline = time.perf_counter() - start
        print(f"read and parsed (baseline): {baseline:.1f} s")
        for name, links in (("text", ad_links.text_links), ("photo", ad_links.photo_links),
                            ("value", ad_links.value_links)):  # fmt: skip
            start = time.perf_counter()
            found = links(ads)
            print(f"{name} links: {len(found):,} in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        rings, rows = detector.find_rings(ads)
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"rings: {len(rings):,} holding {len(rows):,} ads; find_rings {took:.1f} s "
              f"({took / baseline:.2f}x the baseline); read + rings {baseline + took:.1f} s; "
              f"peak {peak:,.0f} MB")  # fmt: skip
        with (out / "labels.csv").open(encoding="utf-8", newline="") as handle:
            labels = {row["ad_id"]: row["ring"] or None for row in csv.DictReader(handle)}
        recall, precision = detector.ring_quality(labels, {r.ad_id: r.ring for r in rows})
        print(f"at this volume: recall {recall:.3f}, pairwise precision {precision:.4f}")


if __name__ == "__main__":
    main()
