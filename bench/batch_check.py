"""In-process batch check throughput against a registry of 1,000,000 indicators.

    python bench/batch_check.py [--registry 1000000] [--values 200000]

Values are typed the way people type them (``8 701 555 12 34``, ``hxxp://...``, spaced card
numbers), half of them known to the registry. Prints values per second for
``check_values`` (normalise + look up + build answers) and its ratio to the physical floor:
a plain dict lookup of already-normalised keys, measured in the same process. Also prints
phonenumbers' own parse rate, the general parser the fast path stands in for.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime

import phonenumbers

from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.registry.domain import IndicatorStatus, IndicatorSummary
from cyberpol.registry.service.checks import check_values
from cyberpol.registry.store.snapshot import MemoryIndicatorLookup
from cyberpol.synth.reports import synthetic_indicators, typed_check_values

SECRET = b"bench-secret"
BATCH = 1000


def build_registry(size: int) -> tuple[MemoryIndicatorLookup, list[str], list[str]]:
    lookup = MemoryIndicatorLookup()
    raws: list[str] = []
    keys: list[str] = []
    now = datetime.now(UTC)
    for number, row in enumerate(synthetic_indicators(size, seed=11), start=1):
        indicator = parse_indicator(row["value"], card_secret=SECRET)
        summary = IndicatorSummary(
            id=number,
            kind=indicator.kind,
            value=indicator.value,
            status=IndicatorStatus(row["status"]),
            report_count=1,
            first_seen=now,
            last_seen=now,
            categories=(row["category"],),
            blocks=(),
        )
        lookup.add(indicator.key, summary)
        raws.append(row["value"])
        keys.append(indicator.key)
    return lookup, raws, keys


def best_rate(work: Callable[[], object], count: int, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--values", type=int, default=200_000)
    args = parser.parse_args()

    started = time.perf_counter()
    lookup, raws, keys = build_registry(args.registry)
    print(f"registry: {len(lookup):,} indicators built in {time.perf_counter() - started:.1f} s")

    rng = random.Random(5)
    known = rng.sample(raws, args.values // 2)
    workload = known + typed_check_values(args.values - len(known), seed=6)
    rng.shuffle(workload)
    batches = [workload[i : i + BATCH] for i in range(0, len(workload), BATCH)]

    def run_checks() -> None:
        for batch in batches:
            check_values(lookup=lookup, values=batch, card_secret=SECRET, max_batch=BATCH)

    results = [
        r
        for b in batches[:20]
        for r in check_values(lookup=lookup, values=b, card_secret=SECRET, max_batch=BATCH)
    ]
    hits = sum(r.verdict not in ("unknown", "invalid") for r in results)
    invalid = sum(r.verdict == "invalid" for r in results)
    print(f"sample of {len(results):,}: {hits / len(results):.1%} known, {invalid} invalid")

    floor_keys = (keys * (len(workload) // len(keys) + 1))[: len(workload)]
    table = {k: True for k in keys}

    def plain_lookup() -> None:
        get = table.get
        for key in floor_keys:
            get(key)

    check_rate = best_rate(run_checks, len(workload))
    floor_rate = best_rate(plain_lookup, len(floor_keys))
    phones = [v for v in workload if v.lstrip("+").replace(" ", "")[:1] in "78"][:20_000]

    def general_parser() -> None:
        for value in phones:
            with contextlib.suppress(phonenumbers.NumberParseException):
                phonenumbers.is_valid_number(phonenumbers.parse(value, "KZ"))

    parser_rate = best_rate(general_parser, len(phones), repeats=1)
    print(f"check_values:            {check_rate:>12,.0f} values/s (target 100,000; aim 200,000)")
    print(f"plain dict lookup floor: {floor_rate:>12,.0f} keys/s")
    print(f"ratio check/floor:       {check_rate / floor_rate:>12.3f}")
    print(
        f"phonenumbers parse:      {parser_rate:>12,.0f} values/s "
        f"(fast path is {check_rate / parser_rate:.1f}x the general parser)"
    )


if __name__ == "__main__":
    main()
