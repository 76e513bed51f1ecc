"""Ship the map of Kazakhstan's regions: simplify ../shared/data/geo/kz-regions-osm.geojson
(OpenStreetMap, ODbL 1.0) and name each region by CyberPol's region code.

    .venv/bin/python scripts/make_region_map.py [SOURCE]

Writes ``src/cyberpol/entrypoints/static/geo/kz-regions.geojson``; its source and licence
are in ``SOURCE.md`` beside it. Douglas-Peucker per ring, coordinates to 3 decimals (about
100 m): enough for a map a page wide, a tenth of the size.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "geo" / "kz-regions-osm.geojson"
TARGET = ROOT / "src" / "cyberpol" / "entrypoints" / "static" / "geo" / "kz-regions.geojson"
TOLERANCE = 0.01  # degrees
CODES = {
    "Astana": "astana", "Almaty": "almaty_city", "Shymkent": "shymkent",
    "Abay Region": "abai", "Akmola Region": "akmola", "Aqtöbe region": "aktobe",
    "Almaty Region": "almaty_region", "Atyrau Region": "atyrau",
    "East Kazakhstan Region": "east_kazakhstan", "Jambyl Region": "zhambyl",
    "Jetisu Region": "zhetisu", "West Kazakhstan Region": "west_kazakhstan",
    "Karaganda Region": "karaganda", "Kostanay Region": "kostanay",
    "Kyzylorda Region": "kyzylorda", "Mangystau Region": "mangystau",
    "Pavlodar Region": "pavlodar", "North Kazakhstan Region": "north_kazakhstan",
    "Turkistan Region": "turkistan", "Ulytau Region": "ulytau",
}  # fmt: skip

Point = list[float]


def _distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return float(((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    x, y = a[0] + t * dx, a[1] + t * dy
    return float(((p[0] - x) ** 2 + (p[1] - y) ** 2) ** 0.5)


def simplify(ring: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker without recursion (rings have thousands of points)."""
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(ring[i], ring[first], ring[last])
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept = [[round(p[0], 3), round(p[1], 3)] for p, k in zip(ring, keep, strict=True) if k]
    return kept if len(kept) >= 4 else [[round(p[0], 3), round(p[1], 3)] for p in ring]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        # Cities are small: keep more of their outline.
        code = CODES[feature["properties"]["name"]]
        tolerance = TOLERANCE / 5 if code in ("astana", "almaty_city", "shymkent") else TOLERANCE
        simplified = [[simplify(ring, tolerance) for ring in polygon] for polygon in polygons]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": code},
                "geometry": {"type": "MultiPolygon", "coordinates": simplified},
            }
        )
    assert sorted(CODES.values()) == sorted(f["properties"]["name"] for f in features)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")),
        encoding="utf-8",
    )
    print(f"{TARGET}: {TARGET.stat().st_size:,} bytes, {len(features)} regions")


if __name__ == "__main__":
    main()
