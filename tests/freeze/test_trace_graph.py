"""The trace graph's layout, as the server works it out for the browser: banks boxed in a
small trace, a wide fan-out wrapped into a block, exits in a column of their own, and no two
things drawn in one place."""

from __future__ import annotations

from decimal import Decimal

from cyberpol.freeze.presenters import trace_graph, trace_svg
from cyberpol.money_trail.domain.attribution import Ending
from cyberpol.money_trail.domain.trace import TraceAccount, TraceEdge, TraceExit, TraceResult

BANKS = ("CASPKZKA", "HSBKKZKX", "IRTYKZKA", "KCJBKZKX")


def _fan(widths: list[int]) -> TraceResult:
    """A victim's money spread hop by hop; the last hop keeps it, one account cashes out."""
    accounts, edges, level, n = [], [], ["VICTIM"], 0
    for hop, width in enumerate(widths, start=1):
        following = []
        for parent in level:
            for _ in range(width):
                n += 1
                name = f"KZ{n:018d}"
                last = hop == len(widths)
                accounts.append(TraceAccount(
                    name, f"iban:{name}", BANKS[n % 4], hop, Decimal(1000), Decimal(0),
                    Decimal(1000) if last else Decimal(0), None, None, None,
                    Ending.STILL_THERE if last else None, False, Decimal(0), None,
                ))  # fmt: skip
                edges.append(TraceEdge(f"T{n}", parent, name, Decimal(1000), Decimal(1000),
                                       None, hop, None))  # fmt: skip
                following.append(name)
        level = following
    exits = (TraceExit(Ending.CASH_OUT, accounts[0].account, "ATM-CASPKZKA-0107", "CASPKZKA",
                       Decimal(500), None, "T-ATM"),
             TraceExit(Ending.STILL_THERE, accounts[-1].account, None, None, Decimal(1000),
                       None, None))  # fmt: skip
    return TraceResult("T1", Decimal(10**6), None, Decimal(1), False, {}, tuple(accounts),
                       tuple(edges), exits)  # fmt: skip


def _places(graph: dict[str, object]) -> dict[str, tuple[float, float]]:
    nodes = graph["elements"]["nodes"]  # type: ignore[index]
    return {n["data"]["id"]: (n["position"]["x"], n["position"]["y"])
            for n in nodes if "position" in n}  # fmt: skip


def test_a_small_trace_boxes_banks_and_sets_exits_apart() -> None:
    graph = trace_graph(_fan([1, 3, 4]), {"iban:KZ000000000000000005": "frozen"})
    assert graph["boxed"] is True
    nodes = {n["data"]["id"]: n for n in graph["elements"]["nodes"]}  # type: ignore[index]
    assert nodes["KZ000000000000000002"]["data"]["parent"].startswith("bank:2:")
    assert "mark-frozen" in nodes["KZ000000000000000005"]["classes"]
    exits = [n for n in nodes.values() if n["data"].get("kind") == "exit"]
    assert [e["data"]["ended"] for e in exits] == ["cash_out"]  # money still there is no exit
    places = _places(graph)
    assert len(set(places.values())) == len(places)  # nothing drawn on top of anything
    right = max(x for name, (x, _) in places.items() if not name.startswith("exit:"))
    assert all(x > right for name, (x, _) in places.items() if name.startswith("exit:"))


def test_a_wide_fan_out_is_a_block_not_a_line() -> None:
    graph = trace_graph(_fan([1, 8, 8, 6]), {})
    assert graph["boxed"] is False  # 457 accounts: banks by colour, not boxes
    places = _places(graph)
    assert len(places) == 459  # 457 accounts, the victim's account and the one exit
    assert len(set(places.values())) == len(places)
    xs = [x for x, _ in places.values()]
    ys = [y for _, y in places.values()]
    assert (max(ys) - min(ys)) < 3 * (max(xs) - min(xs))  # fits a screen once fitted


def test_a_wide_graph_is_drawn_on_the_server_with_every_account_and_hop() -> None:
    trace = _fan([1, 8, 8, 6])
    graph = trace_graph(trace, {trace.accounts[5].account_key: "frozen"})
    svg = trace_svg(graph)
    rects = [n for n in svg.nodes if n.shape == "rect"]
    assert len(rects) == len(trace.accounts) == 457
    assert [n.shape for n in svg.nodes if n.shape != "rect"] == ["circle", "diamond"]
    frozen = next(n for n in rects if n.key == trace.accounts[5].account_key)
    assert "mark-frozen" in frozen.classes.split()
    assert frozen.title == f"{trace.accounts[5].account} · 1\u202f000"  # account · amount
    assert svg.lines.count("M") == 457  # one hop drawn for each account reached
    assert svg.outs.count("M") == 1  # the cash-out
    left, top, width, height = (float(v) for v in svg.view_box.split())
    for n in rects:  # every account inside the picture
        assert left <= n.x
        assert n.x + 150 <= left + width
        assert top <= n.y
        assert n.y + 40 <= top + height
