"""`synth ads`: a marketplace with planted rings, the same for the same seed, labelled."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from cyberpol.monitoring.detectors.ads import find_rings
from cyberpol.monitoring.domain.ads import parse_ad
from cyberpol.synth.ads import generate_ads


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_same_seed_writes_the_same_market_and_every_ad_is_labelled(tmp_path: Path) -> None:
    counts = generate_ads(tmp_path / "a", ads=5_000, seed=4)
    generate_ads(tmp_path / "b", ads=5_000, seed=4)
    assert (tmp_path / "a" / "ads.csv").read_bytes() == (tmp_path / "b" / "ads.csv").read_bytes()
    rows = _rows(tmp_path / "a" / "ads.csv")
    labels = dict(_read(tmp_path / "a" / "labels.csv"))
    assert counts["ads"] == len(rows) >= 5_000
    assert {r["ad_id"] for r in rows} == set(labels) - {"ad_id"}
    sellers = defaultdict(set)
    for row in rows:
        if labels[row["ad_id"]]:
            sellers[labels[row["ad_id"]]].add(row["seller_id"])
    assert len(sellers) == counts["rings"] >= 5
    assert all(len(accounts) >= 2 for accounts in sellers.values())  # a ring is many accounts


def test_the_detector_finds_the_planted_rings(tmp_path: Path) -> None:
    generate_ads(tmp_path, ads=10_000, seed=9)
    ads = [parse_ad(r) for r in _rows(tmp_path / "ads.csv")]
    labels = dict(_read(tmp_path / "labels.csv"))
    _, rows = find_rings(ads)
    found = {r.ad_id for r in rows}
    planted = {ad for ad, ring in labels.items() if ring and ad != "ad_id"}
    assert len(found & planted) / len(planted) >= 0.8
    assert len(found & planted) / len(found) >= 0.95
