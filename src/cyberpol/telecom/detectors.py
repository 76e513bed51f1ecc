"""SIM-box rules over the SIM features, each with its reason, and SIMs grouped into boxes.

Pure functions on feature columns (numpy arrays by name, as ``store.features`` makes them).
A box turns internet calls into local ones through many SIMs: the rules look for SIMs that
share modules, call many new numbers and little else, and never move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from cyberpol.kernel.detection import RuleResult

Columns = Mapping[str, np.ndarray]
FLAG_AT = 0.6  # a SIM whose rules add up to this is flagged


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    feature: str  # the figure shown as the reason's value ("+" adds two features)
    weight: float
    fires: Callable[[Columns], np.ndarray]

    def figure(self, columns: Columns) -> np.ndarray:
        parts = [columns[name] for name in self.feature.split("+")]
        return sum(parts[1:], parts[0])


def _busy(c: Columns) -> np.ndarray:
    return c["calls_out_per_active_day"] >= 12


RULES = (
    # Dual-SIM phones carry two SIMs; a box's GSM module takes its slots' SIMs and their
    # replacements.
    Rule("many_sims_on_device", "sims_on_device", 0.6, lambda c: c["sims_on_device"] >= 4),
    Rule("calls_new_numbers", "called_once_share", 0.35,
         lambda c: (c["called_once_share"] >= 0.9) & (c["distinct_called_per_day"] >= 8)),
    Rule("outgoing_only", "out_share", 0.35, lambda c: (c["out_share"] >= 0.9) & _busy(c)),
    Rule("no_sms_or_data", "sms_per_day", 0.25,
         lambda c: (c["sms_per_day"] < 0.1) & (c["data_per_day"] < 0.1) & _busy(c)),
    Rule("never_moves", "cells", 0.15, lambda c: (c["cells"] <= 1) & _busy(c)),
    Rule("short_or_unanswered", "short_share+unanswered_share", 0.15,
         lambda c: (c["short_share"] + c["unanswered_share"] >= 0.6) & _busy(c)),
    Rule("new_sim", "seen_days", 0.15, lambda c: (c["seen_days"] < 4) & _busy(c)),
)  # fmt: skip


def rule_scores(columns: Columns) -> tuple[np.ndarray, list[tuple[RuleResult, ...]]]:
    """Each SIM's score (the rules that fired, added up by noisy-or) and their reasons."""
    size = len(next(iter(columns.values())))
    keep = np.ones(size)
    fired = []
    for rule in RULES:
        hit = np.asarray(rule.fires(columns), dtype=bool)
        keep *= np.where(hit, 1.0 - rule.weight, 1.0)
        fired.append((rule, hit, rule.figure(columns)))
    reasons = [
        tuple(
            RuleResult(rule.code, round(float(figure[i]), 4), rule.weight)
            for rule, hit, figure in fired
            if hit[i]
        )
        for i in range(size)
    ]
    return 1.0 - keep, reasons


MIN_CALLS_TO_JUDGE = 10  # outgoing voice calls over the records


def judged(score: np.ndarray, threshold: float, columns: Columns) -> np.ndarray:
    """The SIMs a score flags: at the threshold or over, among those that have made enough
    calls to be judged by their traffic (a SIM with a handful is judged by the module it
    sits in, the known-box rule, not by the shape of its traffic: there is too little)."""
    calls_out = columns["calls_out_per_active_day"] * columns["active_days"]
    return (score >= threshold) & (calls_out >= MIN_CALLS_TO_JUDGE)


KNOWN_BOX_WEIGHT = 0.8  # alone it flags: the module is a box's, whatever the SIM did yet
KNOWN_BOX_SIMS = 3  # a run's box with at least this many flagged SIMs becomes known


def in_known_box(
    imsis: list[str],
    score: np.ndarray,
    reasons: list[tuple[RuleResult, ...]],
    modules: Iterable[tuple[str, str]],
    known: set[str],
    cleared: set[str],
) -> tuple[np.ndarray, np.ndarray]:
    """Add the known-box rule: a SIM that sat in a module of a known box (and that no
    analyst cleared) is scored up, the module named as the reason; the new scores, and which
    SIMs the rule hit (they are flagged whatever the threshold)."""
    hits: dict[str, int] = {}
    for imsi, imei in modules:
        if imei in known and imsi not in cleared:
            hits[imsi] = hits.get(imsi, 0) + 1
    out = score.copy()
    hit = np.zeros(len(imsis), dtype=bool)
    for i, imsi in enumerate(imsis):
        if imsi in hits:
            hit[i] = True
            out[i] = 1.0 - (1.0 - out[i]) * (1.0 - KNOWN_BOX_WEIGHT)
            # The figure: how many of the known modules the SIM sat in.
            reasons[i] = (*reasons[i], RuleResult("in_known_box", float(hits[imsi]),
                                                  KNOWN_BOX_WEIGHT))  # fmt: skip
    return out, hit


def group_devices(
    modules: Iterable[tuple[str, str]], cells: Iterable[tuple[str, str]], flagged: set[str]
) -> dict[str, str]:
    """Flagged SIMs (by IMSI) joined into boxes through the modules (IMEIs) they sat in and
    the cells they used: a box is several modules in one place. Each SIM's box, named by the
    box's smallest IMEI; "" for a SIM flagged alone (a box holds more than one SIM)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    links = [(imsi, "dev:" + imei) for imsi, imei in modules]
    links += [(imsi, "cell:" + cell) for imsi, cell in cells]
    for imsi, other in links:
        if imsi in flagged:
            a, b = root("sim:" + imsi), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for node in list(parent):
        members.setdefault(root(node), []).append(node)
    box: dict[str, str] = {}
    for nodes in members.values():
        imeis = sorted(n[4:] for n in nodes if n.startswith("dev:"))
        sims = sum(1 for n in nodes if n.startswith("sim:"))
        name = f"BOX-{imeis[0]}" if imeis and sims > 1 else ""
        for n in nodes:
            if n.startswith("sim:"):
                box[n[4:]] = name
    return box
