"""The link view (/links): what a report, an indicator or a case shares with others, one step
at a time and with counts, so "which other cases share this number?" is one click. Each
neighbour links to its own view, the next step; a drawing (cytoscape.js) shows the same
neighbourhood when scripts run, never more than ``MAX_NODES`` at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from cyberpol.cases.domain import LinkKind
from cyberpol.cases.ports import CaseFilter
from cyberpol.cases.service import CaseService
from cyberpol.kernel.access import Actor
from cyberpol.kernel.errors import CyberPolError, Forbidden, InvalidIndicator, NotFound
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import error_text, pages, sign_in_first, signed_in, translated
from cyberpol.registry.service import RegistryService
from cyberpol.reports.service import ReportService

router = APIRouter(include_in_schema=False)
CasesDep = Annotated[CaseService, Depends(service(CaseService))]
ReportsDep = Annotated[ReportService, Depends(service(ReportService))]
RegistryDep = Annotated[RegistryService, Depends(service(RegistryService))]
MAX_NODES = 300  # a neighbourhood larger than this is listed with counts, drawn in part
SHOWN = 100  # neighbours listed per kind; the count says how many there are
NOT_AN_INDICATOR = N_("This is no phone, card, IBAN, link or other value the registry keeps.")
UNKNOWN = N_("The registry does not know this value: no report names it.")


@dataclass(slots=True)
class Node:
    """One thing on the view: its kind (indicator, report, case, account), label and page."""

    id: str
    kind: str
    label: str
    href: str | None


@dataclass(slots=True)
class Neighbourhood:
    centre: Node
    groups: dict[str, list[Node]] = field(default_factory=dict)  # kind -> neighbours shown
    counts: dict[str, int] = field(default_factory=dict)  # kind -> how many in all
    more: set[str] = field(default_factory=set)  # kinds whose source stopped at its limit

    def add(
        self, kind: str, nodes: list[Node], total: int | None = None, limit: int | None = None
    ) -> None:
        unique = list({n.id: n for n in nodes}.values())
        self.groups[kind] = unique[:SHOWN]
        self.counts[kind] = total if total is not None else len(unique)
        if limit is not None and len(nodes) >= limit:
            self.more.add(kind)

    def graph(self) -> dict[str, object]:
        """The centre and its neighbours as cytoscape.js elements, at most MAX_NODES."""
        nodes = [self.centre]
        for group in self.groups.values():
            nodes += group
        nodes = list({n.id: n for n in nodes}.values())[:MAX_NODES]
        return {
            "nodes": [{"data": {"id": n.id, "label": n.label, "kind": n.kind,
                                "href": n.href or ""}} for n in nodes],
            "edges": [{"data": {"id": f"e{i}", "source": self.centre.id, "target": n.id}}
                      for i, n in enumerate(nodes[1:])],
        }  # fmt: skip


def _case_nodes(cases: CaseService, actor: Actor, ids: list[int]) -> list[Node]:
    if not ids:
        return []
    found = cases.search(actor=actor, filters=CaseFilter(ids=tuple(ids[:SHOWN]), limit=SHOWN))
    return [Node(f"case:{c.id}", "case", f"{c.number} · {c.title}", f"/links?case={c.id}")
            for c in found.items]  # fmt: skip


def _indicator_node(i_id: int, value: str) -> Node:
    return Node(f"indicator:{i_id}", "indicator", value, f"/links?indicator={i_id}")


def _around_indicator(
    actor: Actor, reports: ReportService, cases: CaseService, indicator_id: int
) -> Neighbourhood:
    detail = reports.indicator_detail(actor=actor, indicator_id=indicator_id)
    i = detail.indicator
    view = Neighbourhood(_indicator_node(i.id, i.value))
    view.add("report", [Node(f"report:{r.id}", "report", r.id, f"/links?report={r.id}")
                        for r in detail.reports], limit=200)  # fmt: skip
    related = [_indicator_node(o.id, o.value) for o in detail.related]
    view.add("indicator", related, limit=100)  # the registry names the 100 most shared
    linked = cases.cases_of_any(actor=actor, kind=LinkKind.INDICATOR, refs=[str(i.id)])
    by_report = cases.cases_of_any(
        actor=actor, kind=LinkKind.REPORT, refs=[r.id for r in detail.reports]
    )
    as_drop = cases.cases_of_any(actor=actor, kind=LinkKind.DROP_ACCOUNT, refs=[i.value])
    ids = sorted(
        {c for found in (linked, by_report, as_drop) for ids in found.values() for c in ids}
    )
    view.add("case", _case_nodes(cases, actor, ids), len(ids))
    return view


def _around_report(
    actor: Actor, reports: ReportService, registry: RegistryService, cases: CaseService, rid: str
) -> Neighbourhood:
    report = reports.get(actor=actor, report_id=rid)
    view = Neighbourhood(Node(f"report:{report.id}", "report", report.id, None))
    known = registry.by_keys(actor=actor, keys=[i.key for i in report.indicators])
    view.add("indicator", [_indicator_node(s.id, s.value) for s in known.values()])
    ids = cases.cases_of_any(actor=actor, kind=LinkKind.REPORT, refs=[report.id]).get(rid, [])
    view.add("case", _case_nodes(cases, actor, ids))
    return view


def _around_case(actor: Actor, cases: CaseService, case_id: int) -> Neighbourhood:
    case = cases.get(actor=actor, case_id=case_id)
    view = Neighbourhood(
        Node(f"case:{case_id}", "case", f"{case.number} · {case.summary.title}",
             f"/cases/{case_id}")
    )  # fmt: skip
    groups: dict[str, list[Node]] = {"report": [], "indicator": [], "account": [], "transfer": []}
    for link in case.links:
        if link.kind is LinkKind.REPORT:
            groups["report"].append(
                Node(f"report:{link.ref}", "report", link.ref, f"/links?report={link.ref}")
            )
        elif link.kind is LinkKind.INDICATOR and link.ref.isdigit():
            groups["indicator"].append(
                Node(f"indicator:{link.ref}", "indicator", link.ref, f"/links?indicator={link.ref}")
            )
        elif link.kind is LinkKind.DROP_ACCOUNT:
            groups["account"].append(
                Node(f"account:{link.ref}", "account", link.ref, f"/links?value={link.ref}")
            )
        elif link.kind in (LinkKind.TRANSFER, LinkKind.TRACE):
            groups["transfer"].append(
                Node(f"transfer:{link.ref}", "transfer", link.ref,
                     f"/trace/{link.ref}?case={case.number}")
            )  # fmt: skip
    for kind, nodes in groups.items():
        view.add(kind, nodes)
    return view


GROUP_NAMES = {
    "case": N_("Cases"),
    "report": N_("Reports"),
    "indicator": N_("Indicators"),
    "account": N_("Drop accounts"),
    "transfer": N_("Transfers"),
}


@router.get("/links", response_class=HTMLResponse)
def links(
    request: Request,
    reports: ReportsDep,
    registry: RegistryDep,
    cases: CasesDep,
    indicator: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    report: Annotated[str, Query(max_length=40)] = "",
    case: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    value: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """What the chosen report, indicator, case or value shares, a step at a time."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    view: Neighbourhood | None = None
    error, status = None, 200
    try:
        if value.strip():
            found = registry.find(actor=actor, value=value.strip())
            if found is None:
                error = translated(request, UNKNOWN)
            else:
                indicator = found.id
        if indicator is not None:
            view = _around_indicator(actor, reports, cases, indicator)
        elif report:
            view = _around_report(actor, reports, registry, cases, report)
        elif case is not None:
            view = _around_case(actor, cases, case)
    except Forbidden:
        return pages(request).error_page(request, 403, "forbidden")
    except NotFound:
        return pages(request).error_page(request, 404, "not_found")
    except InvalidIndicator:
        error, status = translated(request, NOT_AN_INDICATOR), 400
    except CyberPolError as refused:
        error, status = error_text(request, refused), refused.status
    return pages(request).render(
        request,
        "cases/links.html",
        {
            "user": actor,
            "section": "links",
            "view": view,
            "graph": view.graph() if view else None,
            "group_names": GROUP_NAMES,
            "value": value,
            "error": error,
        },
        status=status,
    )
