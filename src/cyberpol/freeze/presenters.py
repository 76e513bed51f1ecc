"""Freeze domain objects to response schemas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from cyberpol.freeze import schemas
from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import FreezeEvent, FreezeRequest, FreezeTransfer
from cyberpol.freeze.domain.summary import CaseFreezeSummary
from cyberpol.freeze.service.queries import FreezeRequestDetail
from cyberpol.money_trail.domain.attribution import Ending
from cyberpol.money_trail.domain.trace import TraceAccount, TraceResult


def bank(b: Bank) -> schemas.BankPublic:
    return schemas.BankPublic(code=b.code, name=b.name, country=b.country, created_at=b.created_at)


def freeze_request(r: FreezeRequest, now: datetime) -> schemas.FreezeRequestPublic:
    return schemas.FreezeRequestPublic(
        id=r.id,
        case_number=r.case_number,
        bank=r.bank_code,
        account=r.account_display,
        currency=r.currency,
        requested_amount=r.requested_amount,
        frozen_amount=r.frozen_amount,
        onward_amount=r.onward_amount,
        returned_amount=r.returned_amount,
        hop=r.hop,
        state=r.state,
        overdue=r.is_overdue(now),
        legal_basis=r.legal_basis,
        issued_by=r.issued_by,
        parent_request_id=r.parent_request_id,
        sent_at=r.sent_at,
        answer_due_at=r.answer_due_at,
        acknowledged_at=r.acknowledged_at,
        answered_at=r.answered_at,
        expires_at=r.expires_at,
        closed_at=r.closed_at,
        rejection_reason=r.rejection_reason,
        release_note=r.release_note,
    )


def _event(e: FreezeEvent) -> schemas.FreezeEventPublic:
    return schemas.FreezeEventPublic(
        at=e.at,
        actor=e.actor,
        action=e.action,
        from_state=e.from_state,
        to_state=e.to_state,
        details=e.details,
    )


def _transfer(t: FreezeTransfer) -> schemas.FreezeTransferPublic:
    i = t.inflow
    return schemas.FreezeTransferPublic(
        amount=i.amount,
        currency=i.currency,
        hop=i.hop,
        account=i.account_display,
        bank=i.bank_code,
        channel=i.channel,
        moved_at=i.moved_at,
        reference=i.reference,
        origin_transfer_id=i.origin_transfer_id,
        from_bank=t.from_bank,
        from_request_id=t.from_request_id,
        next_request_id=t.next_request_id,
        exit=t.exit_kind,
    )


def freeze_detail(d: FreezeRequestDetail, now: datetime) -> schemas.FreezeRequestDetail:
    return schemas.FreezeRequestDetail(
        **freeze_request(d.request, now).model_dump(),
        events=[_event(e) for e in d.events],
        onward_transfers=[_transfer(t) for t in d.onward],
        incoming_transfers=[_transfer(t) for t in d.incoming],
    )


def case_summary(s: CaseFreezeSummary) -> schemas.CaseFreezeSummaryPublic:
    return schemas.CaseFreezeSummaryPublic(
        case_number=s.case_number,
        totals=[
            schemas.FreezeTotalsPublic(
                currency=t.currency,
                traced=t.traced,
                frozen=t.frozen,
                returned=t.returned,
                unfrozen=t.unfrozen,
                exited=t.exited,
                exited_total=t.exited_total,
                pending=t.pending,
                unaccounted=t.unaccounted,
            )
            for t in s.totals
        ],
        requests_by_state=s.requests_by_state,
        overdue=s.overdue,
    )


# Columns of the trace graph, a hop apart; rows within a column, an account apart.
_COLUMN, _ROW, _MAX_ACCOUNTS = 300, 64, 2000
# A wide hop wraps into columns of this many rows, so a fan-out of 1,500 is a block that fits
# a screen, not a line 100,000 pixels long.
_WRAP, _SUBCOLUMN = 40, 170
# Above this many accounts banks are told by colour, not boxed: compound boxes cost the
# browser more than everything else in a graph of thousands.
_BOXED = 400


def trace_graph(trace: TraceResult, marks: Mapping[str, str]) -> dict[str, object]:
    """The trace as cytoscape.js elements with their places worked out here (a column per
    hop, accounts of one bank together in a box), so the browser only draws.

    ``marks`` are freeze marks by account key. Past ``_MAX_ACCOUNTS`` the accounts with the
    least traced money are left out of the drawing (the table below it lists them all).
    """
    shown = sorted(trace.accounts, key=lambda a: a.amount, reverse=True)[:_MAX_ACCOUNTS]
    names = {a.account for a in shown}
    nodes: list[dict[str, object]] = []
    places: dict[str, tuple[int, int]] = {}
    hops: dict[int, list[TraceAccount]] = {}
    for account in shown:
        hops.setdefault(account.hop, []).append(account)
    boxed = len(shown) <= _BOXED
    banks = sorted({a.bank or "?" for a in shown})
    left = 0
    starts: dict[int, int] = {}
    for hop, accounts in sorted(hops.items()):
        accounts.sort(key=lambda a: (a.bank or "~", -a.amount))
        starts[hop] = left
        wrap = len(accounts) if boxed else _WRAP  # bank boxes need a bank's accounts together
        for row, a in enumerate(accounts):
            box = f"bank:{hop}:{a.bank or '?'}"
            column, line = divmod(row, wrap)
            places[a.account] = (left + column * _SUBCOLUMN, line * _ROW)
            if boxed and (row == 0 or accounts[row - 1].bank != a.bank):
                nodes.append(
                    {"data": {"id": box, "label": a.bank or "?", "kind": "bank"}, "classes": "bank"}
                )
            mark = marks.get(a.account_key, "")
            classes = ["account", f"bank{banks.index(a.bank or '?') % 10}"]
            classes += ["still"] if a.ended is Ending.STILL_THERE else []
            classes += ["hub"] if a.hub else []
            classes += [f"mark-{mark}"] if mark else []
            nodes.append(
                {
                    "classes": " ".join(classes),
                    "data": {
                        "id": a.account, "key": a.account_key, "bank": a.bank or "?",
                        "bank_index": banks.index(a.bank or "?"),
                        **({"parent": box} if boxed else {}),
                        "label": f"{a.account}\n{_money(a.amount)}", "kind": "account",
                        "ended": a.ended.value if a.ended else "", "hub": a.hub,
                        "mark": mark,
                    },
                    "position": dict(zip(("x", "y"), places[a.account], strict=True)),
                }
            )  # fmt: skip
        left += (len(accounts) - 1) // wrap * _SUBCOLUMN + _COLUMN
    edges: list[dict[str, object]] = []
    for n, edge in enumerate(trace.edges):
        if edge.ended is not None or edge.target not in names:
            continue  # out of reach or not drawn: the exits below carry the money on
        if edge.source not in names:
            names.add(edge.source)  # the victim's account, where the trace starts
            nodes.append(
                {
                    "data": {"id": edge.source, "label": edge.source, "kind": "origin"},
                    "classes": "origin",
                    "position": {"x": starts.get(edge.hop, 0) - _COLUMN, "y": 0},
                }
            )
        edges.append(
            {"data": {"id": f"e{n}", "source": edge.source, "target": edge.target,
                      "label": _money(edge.amount)}}
        )  # fmt: skip
    # Exits of one account to one place are summed (twenty ATM withdrawals are one cash-out);
    # they stand in a column of their own right of the last hop, in their accounts' order,
    # so no exit lands on an account of the next hop.
    summed: dict[tuple[str, str, str], Decimal] = {}
    for out in trace.exits:
        # Money still in an account, or spread too thin to follow, is not out of reach.
        if out.kind in (Ending.STILL_THERE, Ending.BELOW_THRESHOLD):
            continue
        if out.account in places:
            where = (out.account, out.kind.value, out.to or "")
            summed[where] = summed.get(where, Decimal(0)) + out.amount
    last = max((x for x, _ in places.values()), default=0) + _COLUMN
    ordered = sorted(summed.items(), key=lambda item: places[item[0][0]][::-1])
    for n, ((holder, kind, to), amount) in enumerate(ordered):
        node = f"exit:{n}"
        nodes.append(
            {
                "classes": "exit",
                "data": {"id": node, "kind": "exit", "ended": kind,
                         "label": f"{to}\n{_money(amount)}".strip()},
                "position": {"x": last, "y": n * _ROW},
            }
        )  # fmt: skip
        edges.append(
            {"data": {"id": f"x{n}", "source": holder, "target": node,
                      "label": _money(amount), "ended": kind}, "classes": "out"}
        )  # fmt: skip
    return {
        "elements": {"nodes": nodes, "edges": edges},
        "left_out": max(0, len(trace.accounts) - len(shown)),
        "boxed": boxed,
        "banks": banks,
    }


def _money(amount: Decimal) -> str:
    """Whole tenge with thin groups, as the unit's figures are written: 1 250 000."""
    return f"{amount:,.0f}".replace(",", "\u202f")


# A wide trace graph (hundreds to thousands of accounts) is drawn as SVG here. The places are
# worked out above anyway, so the browser only paints: all lines are two paths, each account
# a rectangle whose title (shown on hover) names it and its money. It draws in a fraction of
# what a script-built graph of thousands costs, and with scripts off.
_W, _H, _EXIT, _ORIGIN, _PAD = 150, 40, 36, 40, 40


@dataclass(frozen=True, slots=True)
class SvgNode:
    shape: str  # rect, diamond, circle
    x: float  # top left, or the centre of a diamond or circle
    y: float
    classes: str
    key: str  # the account's key for the freeze marks and tick boxes ("" for others)
    title: str


@dataclass(frozen=True, slots=True)
class SvgGraph:
    view_box: str
    width: int
    height: int
    lines: str  # the money's hops, one path
    outs: str  # to exits, one path
    nodes: list[SvgNode]


def trace_svg(graph: Mapping[str, Any]) -> SvgGraph:
    """The laid-out elements of ``trace_graph`` as SVG shapes."""
    elements: Mapping[str, Sequence[Mapping[str, Any]]] = graph["elements"]
    centre: dict[str, tuple[float, float]] = {}
    nodes: list[SvgNode] = []
    for element in elements["nodes"]:
        data, place = element["data"], element.get("position")
        if place is None:
            continue  # bank boxes: wide graphs tell banks by colour
        x, y = float(place["x"]), float(place["y"])
        centre[data["id"]] = (x, y)
        kind = data["kind"]
        title = str(data.get("label", "")).replace("\n", " · ")
        if kind == "account":
            nodes.append(SvgNode("rect", x - _W / 2, y - _H / 2, str(element["classes"]),
                                 str(data["key"]), title))  # fmt: skip
        elif kind == "exit":
            nodes.append(SvgNode("diamond", x, y, "exit", "", title))
        else:
            nodes.append(SvgNode("circle", x, y, "origin", "", title))
    lines: list[str] = []
    outs: list[str] = []
    for element in elements["edges"]:
        data = element["data"]
        (x1, y1), (x2, y2) = centre[data["source"]], centre[data["target"]]
        path = f"M{x1:.0f} {y1:.0f}L{x2:.0f} {y2:.0f}"
        (outs if element.get("classes") == "out" else lines).append(path)
    xs = [x for x, _ in centre.values()] or [0.0]
    ys = [y for _, y in centre.values()] or [0.0]
    left, top = min(xs) - _W / 2 - _PAD, min(ys) - _H / 2 - _PAD
    width = int(max(xs) - min(xs) + _W + 2 * _PAD)
    height = int(max(ys) - min(ys) + _H + 2 * _PAD)
    return SvgGraph(f"{left:.0f} {top:.0f} {width} {height}", width, height, "".join(lines),
                    "".join(outs), nodes)  # fmt: skip


def diamond(x: float, y: float) -> str:
    """The points of an exit's diamond around its centre."""
    r = _EXIT / 2
    return f"{x:.0f},{y - r:.0f} {x + r:.0f},{y:.0f} {x:.0f},{y + r:.0f} {x - r:.0f},{y:.0f}"
