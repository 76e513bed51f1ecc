"""The in-process snapshot answers checks exactly as the database does."""

from __future__ import annotations

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE
from cyberpol.registry.service.checks import check_values
from cyberpol.registry.service.imports import import_indicators
from cyberpol.registry.store.snapshot import MemoryIndicatorLookup
from cyberpol.synth.reports import synthetic_indicators, typed_check_values


def test_snapshot_and_database_give_the_same_verdicts(runtime: Runtime) -> None:
    rows = list(synthetic_indicators(2000, seed=5))
    import_indicators(
        uow=runtime.registry.uow(),
        clock=runtime.clock,
        actor=CONSOLE,
        rows=enumerate(rows, 1),
        digest="m1",
        source="m.csv",
        card_secret=runtime.card_secret,
    )
    values = [r["value"] for r in rows[:300]] + typed_check_values(300, seed=8)
    with runtime.engine.connect() as connection:
        snapshot = MemoryIndicatorLookup.from_database(connection)
    from_db = runtime.registry.check_values(values=values)
    in_memory = check_values(
        lookup=snapshot, values=values, card_secret=runtime.card_secret, max_batch=1000
    )
    assert len(snapshot) >= 2000
    assert [(r.value, r.verdict, r.report_count) for r in in_memory] == [
        (r.value, r.verdict, r.report_count) for r in from_db
    ]
    assert sum(r.verdict != "unknown" for r in in_memory) >= 300
