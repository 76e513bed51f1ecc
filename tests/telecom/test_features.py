"""The SIM features over a generated week, loaded through the call exchange: the planted
boxes stand apart from people in the ways their strategies say, and the honest heavy callers
(call centres, taxi dispatchers) share some of their traits but not the rest."""

from __future__ import annotations

from statistics import median

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cyberpol.synth.calls import generate_calls
from cyberpol.telecom.store.call_store import CallStore
from cyberpol.telecom.store.features import FEATURES, duckdb_sim_features


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[float]]]:
    """Each feature's values by kind of line (ordinary, call_centre, simbox:<strategy>...)."""
    out = tmp_path_factory.mktemp("week")
    generate_calls(out, records=300_000, seed=21)
    store = CallStore(None)
    store.load_file(out / "calls.parquet", operator=None, requested_format="auto")
    with store.file.writing() as db:
        table = duckdb_sim_features(db)
    assert set(FEATURES) <= set(table.column_names)
    labels = pq.read_table(out / "sim_labels.parquet").to_pylist()
    kind = {
        row["imsi"]: row["kind"] + (f":{row['strategy']}" if row["is_simbox"] else "")
        for row in labels
    }
    grouped: dict[str, dict[str, list[float]]] = {}
    for row in table.to_pylist():
        values = grouped.setdefault(kind[row["imsi"]], {name: [] for name in FEATURES})
        for name in FEATURES:
            values[name].append(float(row[name]))
    assert isinstance(table, pa.Table)
    return grouped


def _median(features: dict[str, dict[str, list[float]]], kind: str, name: str) -> float:
    return median(features[kind][name])


def test_boxes_sit_many_sims_in_few_modules(features: dict[str, dict[str, list[float]]]) -> None:
    for kind in ("simbox:classic", "simbox:mimic", "simbox:low_slow", "simbox:burst"):
        assert _median(features, kind, "sims_on_device") >= 4, kind
        assert _median(features, kind, "called_once_share") > 0.9, kind
        assert _median(features, kind, "out_share") > 0.85, kind
    for kind in ("ordinary", "call_centre", "taxi_dispatch"):
        assert _median(features, kind, "sims_on_device") <= 2, kind


def test_strategies_differ_where_they_were_built_to(
    features: dict[str, dict[str, list[float]]],
) -> None:
    assert _median(features, "simbox:classic", "sms_per_day") == 0
    assert _median(features, "simbox:classic", "data_per_day") == 0
    assert _median(features, "simbox:classic", "cells") == 1
    assert _median(features, "simbox:mimic", "data_per_day") > 0
    assert _median(features, "simbox:mimic", "cells") > 1
    low = _median(features, "simbox:low_slow", "calls_out_per_active_day")
    assert low < _median(features, "simbox:classic", "calls_out_per_active_day")


def test_honest_heavy_callers_look_busy_but_not_like_boxes(
    features: dict[str, dict[str, list[float]]],
) -> None:
    ordinary = _median(features, "ordinary", "calls_out_per_active_day")
    assert _median(features, "call_centre", "calls_out_per_active_day") > 10 * ordinary
    # A dispatcher takes more calls than it makes; a box takes almost none.
    assert _median(features, "taxi_dispatch", "out_share") < 0.6
    assert _median(features, "ordinary", "out_share") < 0.6
