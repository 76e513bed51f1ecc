"""Score every account: features on DuckDB or Spark, then the model (or the rules alone)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidInput
from cyberpol.mules.detectors import reason_result, render_reason, rule_scores
from cyberpol.mules.domain import MuleScore
from cyberpol.mules.store.engines import KNOWN_SCHEMA, duckdb_features, export_inputs
from cyberpol.mules.store.model import MuleModel, columns
from cyberpol.platform.duckdb import DuckDbFile
from cyberpol.platform.files.csv_export import write_csv


def known_accounts(store: DuckDbFile, reported: list[str]) -> pa.Table:
    """Drops analysts confirmed (their latest word counts) and accounts citizens reported."""
    cursor = store.reading()
    try:
        confirmed = cursor.execute(
            "SELECT account FROM (SELECT account, is_mule, row_number() OVER "
            "(PARTITION BY account ORDER BY labelled_at DESC) AS r FROM account_labels "
            "WHERE source = 'analyst') WHERE r = 1 AND is_mule"
        ).fetchall()
    finally:
        cursor.close()
    accounts = [row[0] for row in confirmed] + reported
    kinds = ["mule"] * len(confirmed) + ["reported"] * len(reported)
    return pa.table({"account": accounts, "kind": kinds}, schema=KNOWN_SCHEMA)


def account_features(
    store: DuckDbFile, known: pa.Table, *, engine: str = "duckdb", spark_master: str = ""
) -> pa.Table:
    """The feature table on the chosen engine."""
    if engine == "duckdb":
        return duckdb_features(store, known)
    if engine == "spark":
        from cyberpol.mules.store.engines import spark_features

        with tempfile.TemporaryDirectory() as folder:
            export_inputs(store, Path(folder))
            return spark_features(Path(folder), known, master=spark_master or "local[*]")
    raise InvalidInput(f"Unknown engine {engine!r}; use duckdb or spark")


def score_features(
    features: pa.Table,
    model: MuleModel | None,
    fed_by: Callable[[list[str]], dict[str, tuple[float, int]]] | None = None,
) -> pa.Table:
    """account, bank, score, rules_score, flagged, reasons, model version.

    ``fed_by`` takes the flagged accounts and names the accounts they feed (share of income,
    senders; see ``chains``): those are flagged too, scored at least that share, with why.
    """
    rule_reasons: list[list[RuleResult]] = []
    rules = np.zeros(0)
    if features.num_rows:
        rules, rule_reasons = rule_scores(columns(features))
    reasons: list[list[RuleResult]]
    if model is None:
        scores, reasons, threshold, version = rules, rule_reasons, 0.5, "rules"
    else:
        scores, model_reasons = model.score(features)
        # The model ranks; the rules' words explain, and the model's own fill in.
        reasons = [
            (r + [m for m in mr if m.code not in {f.code for f in r}])[:5]
            for r, mr in zip(rule_reasons, model_reasons, strict=True)
        ]
        threshold, version = model.threshold, model.version
    scores = np.array(scores, dtype=float)
    flagged = scores >= threshold
    if fed_by is not None and features.num_rows:
        accounts = features.column("account").to_pylist()
        fed = fed_by([a for a, hit in zip(accounts, flagged.tolist(), strict=True) if hit])
        for row, account in enumerate(accounts):
            if account in fed:
                # The share of its money that came from drops is a risk in itself.
                scores[row] = max(scores[row], threshold, fed[account][0])
                flagged[row] = True
                reasons[row] = [reason_result("fed_by_drops", fed[account][0]), *reasons[row]][:5]
    return pa.table(
        {
            "account": features.column("account"),
            "bank": features.column("bank"),
            "score": pa.array(np.round(scores, 4), pa.float64()),
            "rules_score": pa.array(np.round(rules, 4), pa.float64()),
            "flagged": pa.array(flagged, pa.bool_()),
            "reasons": pa.array(
                ["; ".join(render_reason(f.code, f.value) for f in r) for r in reasons],
                pa.string(),
            ),
            # Codes and figures, so each reader gets the reasons in their own language.
            "reason_codes": pa.array([_codes(r) for r in reasons], pa.string()),
            "model": pa.array([version] * features.num_rows, pa.string()),
        }
    )


def _codes(reasons: list[RuleResult]) -> str:
    """Reasons as stored in ``mule_scores``: ``code=value;`` for each, the file's own text."""
    return ";".join(f"{f.code}={f.value:.6g}" for f in reasons)


def _reasons(codes: str | None) -> tuple[RuleResult, ...]:
    """The stored ``code=value;`` text back as reasons, weights from the rule table."""
    found = []
    for part in filter(None, (codes or "").split(";")):
        code, _, value = part.partition("=")
        found.append(reason_result(code, float(value)))
    return tuple(found)


# The columns ``mule_score`` reads, in its order.
SCORE_COLUMNS = "account, bank, score, rules_score, flagged, reason_codes, model"


def mule_score(
    account: str,
    bank: str | None,
    score: float,
    rules_score: float,
    flagged: bool,
    reason_codes: str | None,
    model: str,
) -> MuleScore:
    """One ``mule_scores`` row (``SCORE_COLUMNS``) as a score with its reasons."""
    return MuleScore(
        account=account,
        bank=bank,
        score=score,
        rules_score=rules_score,
        flagged=flagged,
        reasons=_reasons(reason_codes),
        model=model,
    )


def write_scores(scores: pa.Table, path: Path) -> None:
    """CSV or JSON Lines, by the file's extension; highest scores first."""
    ordered = scores.sort_by([("score", "descending"), ("account", "ascending")])
    name = path.name.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".csv"):
        write_csv(ordered, path)
    elif name.endswith((".jsonl", ".ndjson")):
        with path.open("w", encoding="utf-8") as handle:
            for row in ordered.to_pylist():
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        raise InvalidInput(f"{path.name}: write scores to a .csv or .jsonl file")
