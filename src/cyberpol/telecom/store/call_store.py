"""The call-record store: an embedded DuckDB file of its own beside the transfers.

Call records are append-only facts operators send by the million, read by scans for the
SIM-box features; operators, block requests and the do-not-originate list stay in the
transactional database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.telecom.domain.records import (
    CallLoadSummary,
    SimboxDevice,
    SimboxRun,
    SimboxTraining,
    SimScore,
)
from cyberpol.telecom.store import roaming as roaming_view
from cyberpol.telecom.store.call_load import load_call_file
from cyberpol.telecom.store.simbox import (
    load_sim_labels,
    record_sim_verdict,
    score_sims,
    sim_scores,
    simbox_devices,
    simbox_numbers,
    train_simbox_model,
)

CALL_SCHEMA = """
-- A file loads in one transaction; without a bound DuckDB holds what it has not committed
-- in memory as it likes (10 million records: 11.7 GB peak; with this bound 4.7 GB, as fast).
SET memory_limit = '2GB';
CREATE TABLE IF NOT EXISTS calls (
    operator VARCHAR NOT NULL,
    record_id VARCHAR NOT NULL,
    start TIMESTAMPTZ NOT NULL,
    duration_s INTEGER NOT NULL,
    record_type VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    calling_number VARCHAR,
    called_number VARCHAR,
    imsi VARCHAR,
    imei VARCHAR,
    cell_id VARCHAR,
    trunk_group VARCHAR,
    trunk_kind VARCHAR,
    roaming BOOLEAN NOT NULL,
    load_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS call_loads (
    load_id INTEGER PRIMARY KEY,
    source VARCHAR NOT NULL,
    operator VARCHAR,
    loaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows_loaded BIGINT NOT NULL DEFAULT 0
);
-- Which subscribers are abroad now, as their operator last said (a record or the API).
CREATE TABLE IF NOT EXISTS roaming (
    number VARCHAR PRIMARY KEY,
    operator VARCHAR NOT NULL,
    roaming BOOLEAN NOT NULL,
    as_of TIMESTAMPTZ NOT NULL
);
-- When the number's operator was last seen in its records (NULL: only the API spoke).
ALTER TABLE roaming ADD COLUMN IF NOT EXISTS owner_as_of TIMESTAMPTZ;
-- The last SIM-box scoring run, replaced whole by the next (reasons: [[code, value, weight]]).
CREATE TABLE IF NOT EXISTS sim_scores (
    imsi VARCHAR PRIMARY KEY,
    number VARCHAR,
    score DOUBLE NOT NULL,
    device VARCHAR NOT NULL,
    reasons VARCHAR NOT NULL
);
ALTER TABLE sim_scores ADD COLUMN IF NOT EXISTS flagged BOOLEAN;
ALTER TABLE sim_scores ADD COLUMN IF NOT EXISTS model VARCHAR;
-- Modules (IMEIs) of boxes found by earlier runs or confirmed by analysts: a new SIM that
-- appears in one is flagged on the next run, however quiet it is so far.
CREATE TABLE IF NOT EXISTS known_modules (
    imei VARCHAR PRIMARY KEY,
    device VARCHAR NOT NULL,
    since TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Analysts' verdicts on SIMs: kept for retraining, and a "not a box" keeps a SIM out of the
-- known-module rule.
CREATE TABLE IF NOT EXISTS sim_verdicts (
    imsi VARCHAR PRIMARY KEY,
    is_simbox BOOLEAN NOT NULL,
    analyst VARCHAR NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL
);
-- What the generator planted, for measuring the detectors: never sent by an operator.
CREATE TABLE IF NOT EXISTS sim_labels (
    imsi VARCHAR PRIMARY KEY,
    is_simbox BOOLEAN NOT NULL,
    box VARCHAR,
    strategy VARCHAR,
    kind VARCHAR NOT NULL
);
"""


class CallStore:
    """The DuckDB file holding call records, their loads and the roaming view."""

    def __init__(
        self, path: Path | None, *, spark_master: str = "local[2]", models: Path | None = None
    ) -> None:
        self.file = DuckDbFile(path, schema=CALL_SCHEMA, what="call-record store")
        self.spark_master = spark_master
        self.models = models  # where locally trained SIM-box models are kept

    def close(self) -> None:
        self.file.close()

    def score_sims(self, *, engine: str = "duckdb") -> SimboxRun:
        return score_sims(
            self.file, engine=engine, spark_master=self.spark_master, models=self.models
        )

    def load_sim_labels(self, path: Path) -> int:
        return load_sim_labels(self.file, path)

    def train_simbox_model(self) -> SimboxTraining:
        if self.models is None:
            raise InvalidInput("This call store keeps no models (no data directory)")
        return train_simbox_model(self.file, self.models)

    def sim_scores(
        self, *, limit: int, flagged_only: bool, device: str | None = None
    ) -> list[SimScore]:
        return sim_scores(self.file, limit=limit, flagged_only=flagged_only, device=device)

    def simbox_devices(self) -> list[SimboxDevice]:
        return simbox_devices(self.file)

    def roaming_numbers(self) -> set[str]:
        return roaming_view.roaming_numbers(self.file)

    def number_owners(self, numbers: Sequence[str]) -> dict[str, str]:
        return roaming_view.number_owners(self.file, numbers)

    def set_roaming(
        self, numbers: Sequence[str], *, operator: str, roaming: bool, at: datetime
    ) -> int:
        return roaming_view.set_roaming(
            self.file, numbers, operator=operator, roaming=roaming, at=at
        )

    def record_sim_verdict(self, imsi: str, *, is_simbox: bool, analyst: str, at: datetime) -> bool:
        return record_sim_verdict(self.file, imsi, is_simbox=is_simbox, analyst=analyst, at=at)

    def simbox_numbers(self) -> set[str]:
        return simbox_numbers(self.file)

    def load_file(
        self,
        path: Path,
        *,
        operator: str | None,
        requested_format: str,
        progress: Callable[[int], None] | None = None,
    ) -> CallLoadSummary:
        return load_call_file(
            self.file, path, operator=operator, requested_format=requested_format, progress=progress
        )
