"""The protected brands, read from the shipped JSON file or a deployment's own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.indicators.normalize.web import normalize_host
from cyberpol.monitoring.domain.brands import Brand, BrandList

SHIPPED = Path(__file__).resolve().parent.parent / "brands.json"


def load_brands(path: Path | None = None) -> BrandList:
    """Read a brand list; a file that is not one gives InvalidInput naming what is wrong."""
    source = path or SHIPPED
    try:
        data: Any = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"Cannot read the brand list {source}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("brands"), list):
        raise InvalidInput(f"{source}: expected an object with a list 'brands'.")
    brands: list[Brand] = []
    for number, entry in enumerate(data["brands"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("brand"), str):
            raise InvalidInput(f"{source}: brand {number} has no name ('brand').")
        words = {k: _strings(source, number, entry, k) for k in ("domains", "names", "common")}
        try:
            domains = tuple(normalize_host(d) for d in words["domains"])
        except InvalidInput as exc:
            raise InvalidInput(f"{source}: brand {number}: {exc}") from None
        brands.append(
            Brand(entry["brand"], domains, _lower(words["names"]), _lower(words["common"]))
        )
    return BrandList(tuple(brands))


def _strings(source: Path, number: int, entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidInput(f"{source}: brand {number}: '{key}' must be a list of words.")
    return value


def _lower(words: list[str]) -> tuple[str, ...]:
    return tuple(w.strip().lower() for w in words)
