"""A trace as JSON: accounts with hop, bank and amounts, where the money ended, and a graph."""

from __future__ import annotations

from datetime import UTC, datetime

from cyberpol.money_trail.domain.attribution import Ending
from cyberpol.money_trail.store.tracing import TraceOutcome
from cyberpol.money_trail.store.transfer_store import TransferStore


def _time(ts: int | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def _money(amount: float) -> float:
    return round(amount + 0.0, 2)


def trace_view(outcome: TraceOutcome, store: TransferStore) -> dict[str, object]:
    """Everything the CLI prints and the API returns for one trace."""
    trail, index = outcome.trail, outcome.index
    names = {n: index.accounts[n].as_py() for n in trail.accounts}
    banks = {n: index.banks[n].as_py() for n in trail.accounts}
    shown = _displays(store, list(names.values()))
    accounts = []
    for number, account in sorted(
        trail.accounts.items(), key=lambda item: (item[1].hop, -item[1].received)
    ):
        ending = Ending.STILL_THERE.value if account.remaining >= outcome.threshold else None
        accounts.append(
            {
                "account": shown.get(names[number], names[number]),
                "account_key": names[number],
                "bank": banks[number],
                "hop": account.hop,
                "amount": _money(account.received),
                "passed_on": _money(account.passed_on),
                "remaining": _money(account.remaining),
                "arrived_first": _time(account.first_in),
                "arrived_last": _time(account.last_in),
                "left_last": _time(account.last_out),
                "ended": ending,
                "hub": number in outcome.hubs,
            }
        )
    edges, exits = [], []
    for edge in trail.edges:
        source = shown.get(names[edge.source], names[edge.source])
        item = {
            "transfer_id": index.transfer_ids[edge.position].as_py(),
            "from": source,
            "to": None,
            "amount": _money(edge.amount),
            "transfer_amount": _money(edge.transfer_amount),
            "ts": _time(edge.ts),
            "hop": edge.hop,
            "ended": edge.ending.value if edge.ending else None,
        }
        target = int(index.dst[edge.position])
        target_name = index.accounts[target].as_py()
        item["to"] = shown.get(target_name, target_name)
        edges.append(item)
        if edge.ending is not None:
            exits.append(
                {
                    "kind": edge.ending.value,
                    "account": source,
                    "to": item["to"],
                    "to_bank": index.banks[target].as_py(),
                    "amount": item["amount"],
                    "ts": item["ts"],
                    "transfer_id": item["transfer_id"],
                }
            )
    for entry in accounts:
        if entry["ended"]:
            exits.append(
                {
                    "kind": Ending.STILL_THERE.value,
                    "account": entry["account"],
                    "to": None,
                    "to_bank": entry["bank"],
                    "amount": entry["remaining"],
                    "ts": None,
                    "transfer_id": None,
                }
            )
    seed = (
        index.transfer_ids[outcome.seed_position].as_py()
        if outcome.seed_position is not None
        else None
    )
    return {
        "transfer_id": seed,
        "amount": _money(trail.seed_amount),
        "from_time": _time(outcome.seed_ts),
        "threshold": _money(outcome.threshold),
        "truncated": outcome.truncated,
        "totals": {ending.value: _money(value) for ending, value in trail.endings.items()},
        "accounts": accounts,
        "exits": exits,
        "edges": edges,
        "graph": _graph(accounts, edges),
    }


def _graph(accounts: list[dict], edges: list[dict]) -> dict[str, object]:  # type: ignore[type-arg]
    nodes = [
        {"id": a["account"], "bank": a["bank"], "hop": a["hop"], "amount": a["amount"]}
        for a in accounts
    ]
    known = {a["account"] for a in accounts}
    for edge in edges:
        if edge["to"] not in known:
            known.add(edge["to"])
            nodes.append(
                {"id": edge["to"], "bank": None, "hop": edge["hop"] + 1, "kind": edge["ended"]}
            )
    links = [
        {"source": e["from"], "target": e["to"], "amount": e["amount"], "ts": e["ts"]}
        for e in edges
    ]
    return {"nodes": nodes, "edges": links}


def _displays(store: TransferStore, accounts: list[str]) -> dict[str, str]:
    """Masked card numbers for the hashed card keys among ``accounts``."""
    cards = [a for a in accounts if a.startswith("card:")]
    if not cards:
        return {}
    cursor = store.reading()
    try:
        rows = cursor.execute(
            "SELECT account, display FROM account_display WHERE account IN (SELECT unnest(?))",
            [cards],
        ).fetchall()
    finally:
        cursor.close()
    return {account: f"{display} ({account[5:13]})" for account, display in rows}
