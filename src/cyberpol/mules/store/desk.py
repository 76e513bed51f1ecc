"""Drop detection over the transfer store: score, train, keep analysts' verdicts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cyberpol.kernel.errors import InvalidInput, NotFound
from cyberpol.mules.domain import MuleScore, ScoringSummary, TrainingResult
from cyberpol.mules.store.chains import fed_by_flagged
from cyberpol.mules.store.engines import duckdb_training_features
from cyberpol.mules.store.model import DEFAULT_MODELS, MuleModel, train_mule_model
from cyberpol.mules.store.scoring import (
    SCORE_COLUMNS,
    account_features,
    known_accounts,
    mule_score,
    score_features,
    write_scores,
)
from cyberpol.platform.duckdb import DuckDbFile


class MuleDesk:
    """Drop scores, models and verdicts kept beside the transfers they come from."""

    def __init__(self, store: DuckDbFile, *, models: Path, spark_master: str) -> None:
        self.store = store
        self.models = models
        self.spark_master = spark_master

    def score(
        self, *, reported: list[str], engine: str = "duckdb", out: Path | None = None
    ) -> ScoringSummary:
        """Score every account, keep the result for the API, optionally write it to a file."""
        known = known_accounts(self.store, reported)
        features = account_features(
            self.store, known, engine=engine, spark_master=self.spark_master
        )
        model = MuleModel.load(self.models) or MuleModel.load(DEFAULT_MODELS)
        # Confirmed drops feed their layers too, whatever today's score says of them.
        accounts, kinds = known.column("account").to_pylist(), known.column("kind").to_pylist()
        confirmed = [a for a, kind in zip(accounts, kinds, strict=True) if kind == "mule"]
        scores = score_features(
            features, model, lambda flagged: fed_by_flagged(self.store, flagged + confirmed)
        )
        with self.store.writing() as db:
            db.register("scores_arrow", scores)
            db.execute("CREATE OR REPLACE TABLE mule_scores AS SELECT * FROM scores_arrow")
            db.unregister("scores_arrow")
        if out is not None:
            write_scores(scores, out)
        flagged = int(pa.compute.sum(scores.column("flagged")).as_py() or 0)
        return ScoringSummary(
            accounts=scores.num_rows,
            flagged=flagged,
            model=model.version if model else "rules",
            engine=engine,
            out=str(out) if out else None,
        )

    def top(self, *, limit: int, flagged_only: bool) -> list[MuleScore]:
        """The highest scores of the last run, highest first."""
        cursor = self.store.reading()
        try:
            exists = cursor.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mule_scores'"
            ).fetchall()[0][0]
            if not exists:
                raise NotFound("No scores yet: run `cyberpol mules score` first")
            where = "WHERE flagged" if flagged_only else ""
            rows = cursor.execute(
                f"SELECT {SCORE_COLUMNS} FROM mule_scores {where} "
                f"ORDER BY score DESC, account LIMIT {int(limit)}"
            ).fetchall()
            return [mule_score(*row) for row in rows]
        finally:
            cursor.close()

    def label(self, *, account: str, is_mule: bool, actor: str) -> None:
        """An analyst's verdict; the latest one counts, earlier ones stay as history."""
        with self.store.writing() as db:
            seen = db.execute(
                "SELECT count(*) FROM transfers WHERE from_account = $1 OR to_account = $1",
                [account],
            ).fetchall()[0][0]
            if not seen:
                raise NotFound(f"No transfers of account {account!r}")
            db.execute(
                "INSERT INTO account_labels (account, is_mule, source, actor) "
                "VALUES (?, ?, 'analyst', ?)",
                [account, is_mule, actor],
            )

    def load_labels(self, path: Path) -> int:
        """Ground-truth labels from a file with ``account`` and ``is_mule`` columns."""
        table = pq.read_table(path) if path.suffix == ".parquet" else pacsv.read_csv(path)
        if not {"account", "is_mule"} <= set(table.column_names):
            raise InvalidInput(f"{path.name}: expected columns account and is_mule")
        with self.store.writing() as db:
            db.register("labels_arrow", table.select(["account", "is_mule"]))
            db.execute(
                "INSERT INTO account_labels (account, is_mule, source) "
                "SELECT CAST(account AS VARCHAR), CAST(is_mule AS BOOLEAN), 'dataset' "
                "FROM labels_arrow"
            )
            db.unregister("labels_arrow")
        return int(table.num_rows)

    def train(self, *, reported: list[str]) -> TrainingResult:
        """Retrain on every labelled account (analysts' verdicts win over dataset labels)."""
        known = known_accounts(self.store, reported)
        features = duckdb_training_features(self.store, known)
        cursor = self.store.reading()
        try:
            labels = dict(
                cursor.execute(
                    "SELECT account, is_mule FROM (SELECT account, is_mule, row_number() OVER "
                    "(PARTITION BY account ORDER BY source = 'analyst' DESC, labelled_at DESC) "
                    "AS r FROM account_labels) WHERE r = 1"
                ).fetchall()
            )
        finally:
            cursor.close()
        accounts = features.column("account").to_pylist()
        keep = np.array([a in labels for a in accounts])
        if not keep.any():
            raise InvalidInput("No labelled accounts: load labels or mark drops first")
        chosen = features.filter(pa.array(keep))
        owners = chosen.column("account").to_pylist()
        y = np.array([labels[a] for a in owners], dtype=bool)
        model = train_mule_model(chosen, y, groups=np.array(owners))
        path = model.save(self.models)
        return TrainingResult(
            version=model.version, file=str(path), threshold=model.threshold, metrics=model.metrics
        )
