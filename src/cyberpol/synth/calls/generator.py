"""Write a week of an operator population's call records with planted fraud and its labels.

calls.parquet holds the records in the call-record exchange format (what operators send);
sim_labels.parquet says which SIMs sit in a SIM-box (box, strategy) and which lines are
business lines; spoofed.parquet names the records of calls from abroad showing a Kazakh
number. Only numpy and pyarrow; the same arguments always give the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cyberpol.synth.calls.population import (
    BUSINESS,
    BUSINESS_KINDS,
    OPERATORS,
    SIMBOX,
    STRATEGIES,
    Sims,
    cell_names,
    population,
)
from cyberpol.synth.calls.traffic import DATA, DayOfTraffic, Events

START = datetime(2026, 11, 2, tzinfo=UTC)  # a Monday
_KZ = 5 * 3600  # the events' seconds are Kazakhstan's time of day
_TYPES = pa.array(["voice", "sms", "data"])
_TIME = pa.timestamp("s", tz="UTC")
RECORDS_PER_PERSON_DAY = 14  # what an ordinary subscriber leaves a day, both sides counted
RECORDS_PER_BOX_WEEK = 20_000
RECORDS_PER_BUSINESS_WEEK = 7_500


@dataclass(frozen=True, slots=True)
class CallSynthSummary:
    records: int
    sims: int
    simbox_sims: int
    boxes: dict[str, int]
    business_lines: int
    spoofed_calls: int
    days: int


def _text(numbers: np.ndarray) -> pa.Array:
    """E.164 with its plus; short and service numbers as dialled; None for none."""
    digits = pc.cast(pa.array(numbers), pa.string())
    plus = pc.binary_join_element_wise(pa.scalar("+"), digits, "")
    shown = pc.if_else(pa.array(numbers >= 10**6), plus, digits)
    return pc.if_else(pa.array(numbers > 0), shown, pa.scalar(None, pa.string()))


def _records(sims: Sims, e: Events, day: int, cells: pa.Array, seq: np.ndarray) -> pa.Table:
    """The operators' records of one day's events: originating, then terminating."""
    roaming = (sims.roam_from <= day) & (day < sims.roam_to)
    roaming_cell = len(cells) - 1
    parts = []
    for side in ("originating", "terminating"):
        if side == "originating":
            mask = e.caller >= 0
            sim = e.caller[mask]
        else:
            mask = (e.callee >= 0) & (e.kind != DATA)
            sim = e.callee[mask]
        at = e.at[mask]
        other = e.callee[mask] if side == "originating" else e.caller[mask]
        other_number = e.callee_number[mask] if side == "originating" else e.caller_number[mask]
        op = sims.operator[sim]
        hour = at // 3600
        by_day = (hour >= 9) & (hour < 19) & (day % 7 < 5)
        cell = np.where(by_day, sims.work[sim], sims.home[sim])
        moving = (sims.kind[sim] == SIMBOX) & np.isin(
            sims.strategy[sim], [STRATEGIES.index("mimic"), STRATEGIES.index("cloaked")]
        )
        cell = np.where(moving, sims.home[sim] + hour % 3, cell)  # it shows itself moving
        away = roaming[sim]
        cell = np.where(away, roaming_cell, cell)
        same = (other >= 0) & (sims.operator[np.maximum(other, 0)] == op)
        foreign = (other_number >= 10**6) & (other_number // 10**10 != 7)
        if side == "originating":
            abroad = foreign | away
        else:
            abroad = e.from_abroad[mask] | ((other >= 0) & roaming[np.maximum(other, 0)])
        trunk = np.where(abroad, 2, np.where(same, 0, 1))
        kind = e.kind[mask]
        trunk_kind = pc.take(pa.array(["local", "national", "international"]), pa.array(trunk))
        trunk_group = pc.take(pa.array(["LOC-1", "NAT-3", "INTL-7"]), pa.array(trunk))
        data = kind == DATA
        calling = (
            sims.number[sim] if side == "originating" else np.where(e.hidden[mask], 0, other_number)
        )
        called = np.where(data, 0, other_number) if side == "originating" else sims.number[sim]
        ids = np.empty(sim.size, dtype=np.int64)
        for o in range(len(OPERATORS)):
            at_o = np.flatnonzero(op == o)
            ids[at_o] = seq[o] + np.arange(at_o.size)
            seq[o] += at_o.size
        codes = pc.take(pa.array([code for code, *_ in OPERATORS]), pa.array(op))
        record_id = pc.binary_join_element_wise(codes, pc.cast(pa.array(ids), pa.string()), "-")
        start = (START.timestamp() + day * 86400 + at - _KZ).astype(np.int64)
        parts.append(
            pa.table(
                {
                    "record_id": record_id,
                    "start": pa.array(start, _TIME),
                    "duration_s": pa.array(e.duration[mask].astype(np.int32)),
                    "record_type": pc.take(_TYPES, pa.array(kind.astype(np.int64))),
                    "direction": pa.array(np.full(sim.size, side)),
                    "calling_number": _text(calling),
                    "called_number": _text(called),
                    "imsi": pc.cast(pa.array(sims.imsi[sim]), pa.string()),
                    "imei": pc.cast(pa.array(sims.device[sim]), pa.string()),
                    "cell_id": pc.take(cells, pa.array(cell)),
                    "trunk_group": pc.if_else(
                        pa.array(data), pa.scalar(None, pa.string()), trunk_group
                    ),
                    "trunk_kind": pc.if_else(
                        pa.array(data), pa.scalar(None, pa.string()), trunk_kind
                    ),
                    "operator": codes,
                    "roaming": pa.array(away),
                    "spoofed": pa.array(e.spoofed[mask] & (side == "terminating")),
                }
            )
        )
    return pa.concat_tables(parts)


def generate_calls(
    out: Path,
    *,
    records: int,
    seed: int,
    days: int = 7,
    on_progress: Callable[[int], None] | None = None,
) -> CallSynthSummary:
    """Write calls.parquet, sim_labels.parquet and spoofed.parquet into ``out``."""
    rng = np.random.default_rng(seed)
    # Boxes and business lines are sized from the population, then the people are what is
    # left of the records asked for once their share (measured per week) is taken off.
    first_guess = records // (RECORDS_PER_PERSON_DAY * days)
    businesses = max(len(BUSINESS_KINDS), first_guess // 2000)
    boxes = max(len(STRATEGIES), first_guess // 4000)
    overhead = (boxes * RECORDS_PER_BOX_WEEK + businesses * RECORDS_PER_BUSINESS_WEEK) * days / 7
    people = max(200, int((records - overhead) // (RECORDS_PER_PERSON_DAY * days)))
    sims = population(rng, people, businesses, boxes, days)
    cells = pa.array([*cell_names(), "ROAM-TUR-0001"])
    traffic = DayOfTraffic(rng, sims, days)
    out.mkdir(parents=True, exist_ok=True)
    seq = np.zeros(len(OPERATORS), dtype=np.int64)
    written = spoofed = 0
    spoofed_ids: list[pa.Array] = []
    writer: pq.ParquetWriter | None = None
    try:
        for day in range(days):
            table = _records(sims, traffic.day(day), day, cells, seq)
            flagged = table.column("spoofed")
            spoofed_ids.append(table.filter(flagged).column("record_id").combine_chunks())
            table = table.drop_columns(["spoofed"])
            if writer is None:
                writer = pq.ParquetWriter(out / "calls.parquet", table.schema)
            writer.write_table(table, row_group_size=1 << 20)
            written += table.num_rows
            spoofed += pc.sum(flagged).as_py() or 0
            if on_progress:
                on_progress(written)
    finally:
        if writer is not None:
            writer.close()
    pq.write_table(pa.table({"record_id": pa.concat_arrays(spoofed_ids)}), out / "spoofed.parquet")
    strategy = np.where(sims.kind == SIMBOX, sims.strategy, -1)
    business = np.where(sims.kind == BUSINESS, sims.strategy, -1)
    pq.write_table(
        pa.table(
            {
                "imsi": pc.cast(pa.array(sims.imsi), pa.string()),
                "number": _text(sims.number),
                "is_simbox": pa.array(sims.kind == SIMBOX),
                "box": pa.array(np.where(sims.kind == SIMBOX, sims.group, -1)),
                "strategy": pc.take(
                    pa.array([*STRATEGIES, None]),
                    pa.array(np.where(strategy < 0, len(STRATEGIES), strategy)),
                ),
                "kind": pc.take(
                    pa.array(["ordinary", *BUSINESS_KINDS, "simbox"]),
                    pa.array(np.where(sims.kind == SIMBOX, len(BUSINESS_KINDS) + 1, business + 1)),
                ),
            }
        ),
        out / "sim_labels.parquet",
    )
    return CallSynthSummary(
        records=written,
        sims=int(sims.kind.size),
        simbox_sims=int((sims.kind == SIMBOX).sum()),
        boxes={
            name: len({int(g) for g in sims.group[(sims.kind == SIMBOX) & (sims.strategy == i)]})
            for i, name in enumerate(STRATEGIES)
        },
        business_lines=int((sims.kind == BUSINESS).sum()),
        spoofed_calls=int(spoofed),
        days=days,
    )
