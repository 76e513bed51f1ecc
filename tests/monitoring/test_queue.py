"""The monitoring queue through the real API and database: resources come in scored and
without duplicates, move through review, block requests and their answers, are re-checked,
and are counted by month and kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.figures import Figure, FigureFilter
from cyberpol.monitoring.ports import ResourceFilter
from tests.factories import bearer, token_for

START = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # a Monday, 11:00 in Astana


@dataclass
class Desk:
    client: TestClient
    runtime: Runtime
    analyst: dict[str, str]
    supervisor: dict[str, str]
    bank: dict[str, str]

    def add(self, *resources: dict[str, Any], who: dict[str, str] | None = None) -> Any:
        return self.client.post("/api/v1/monitoring/resources", headers=who or self.analyst,
                                json={"resources": list(resources)})  # fmt: skip

    def move(self, resource_id: int, state: str, **extra: Any) -> Any:
        return self.client.post(f"/api/v1/monitoring/resources/{resource_id}/state",
                                headers=self.analyst, json={"state": state, **extra})  # fmt: skip

    def at(self, moment: datetime) -> None:
        self.runtime.clock = lambda: moment


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[Desk]:
    runtime.clock = lambda: START
    with TestClient(create_app(runtime)) as client:
        yield Desk(
            client, runtime,
            bearer(token_for(runtime, "a.nurlanova", Role.ANALYST)),
            bearer(token_for(runtime, "s.bekov", Role.SUPERVISOR)),
            bearer(token_for(runtime, "bank-halyk", Role.BANK, organisation="HSBKKZKX")),
        )  # fmt: skip


def test_a_phishing_site_from_report_to_blocked_and_taken_down(desk: Desk) -> None:
    added = desk.add(
        {"kind": "domain", "value": "hxxps://secure.kaspi-bonus[.]top/login", "source":
         "citizen_report", "source_ref": "report 1042"},
        {"kind": "telegram", "value": "https://t.me/Kaspi_Bonus_Official"},
        {"kind": "ad", "value": "olx.kz:88123001"},
    )  # fmt: skip
    assert added.status_code == 200, added.text
    site, channel, ad = (a["resource"] for a in added.json())
    assert site["value"] == "kaspi-bonus.top"  # the registrable domain: blocking it blocks all
    assert site["brand"] == "kaspi.kz"
    assert site["score"] >= 0.9
    assert {"combosquat", "cheap_tld"} <= {r["code"] for r in site["reasons"]}
    assert channel["value"] == "@kaspi_bonus_official"
    assert ad["value"] == "olx.kz:88123001"
    assert site["state"] == "new"

    # The same site from a feed an hour later: no duplicate, its history says so.
    desk.at(START + timedelta(hours=1))
    again = desk.add({"kind": "domain", "value": "KASPI-BONUS.TOP", "source": "partner_feed",
                      "source_ref": "kz-cert-feed"}).json()[0]  # fmt: skip
    assert again["created"] is False
    assert again["resource"]["id"] == site["id"]

    rid = site["id"]
    assert desk.move(rid, "reviewing").json()["state"] == "reviewing"
    confirmed = desk.move(rid, "confirmed", note="login form copies Kaspi's").json()
    assert confirmed["state"] == "confirmed"
    assert confirmed["recheck_at"] is not None

    # Blocked is an answer to a block request, never a button.
    refused = desk.move(rid, "blocked")
    assert refused.status_code == 422

    cert = desk.client.post(f"/api/v1/monitoring/resources/{rid}/block-requests",
                            headers=desk.analyst,
                            json={"party": "cert", "addressee": "KZ-CERT"})  # fmt: skip
    assert cert.status_code == 200, cert.text
    registrar = desk.client.post(f"/api/v1/monitoring/resources/{rid}/block-requests",
                                 headers=desk.analyst,
                                 json={"party": "registrar", "addressee": "NameCheap"})  # fmt: skip
    # Asking KZ-CERT again while it has not answered gives the same request.
    twice = desk.client.post(f"/api/v1/monitoring/resources/{rid}/block-requests",
                             headers=desk.analyst,
                             json={"party": "cert", "addressee": "kz-cert"})  # fmt: skip
    assert twice.json()["id"] == cert.json()["id"]
    assert cert.json()["due_at"].startswith("2026-12-02")  # two working days

    # Three working days on, KZ-CERT has not answered: overdue.
    desk.at(datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    overdue = desk.client.get("/api/v1/monitoring/block-requests?overdue=true",
                              headers=desk.supervisor).json()  # fmt: skip
    assert {r["addressee"] for r in overdue["items"]} == {"KZ-CERT", "NameCheap"}

    no_reason = desk.client.post(
        f"/api/v1/monitoring/block-requests/{registrar.json()['id']}/answer",
        headers=desk.analyst, json={"outcome": "refused"},
    )  # fmt: skip
    assert no_reason.status_code == 400
    desk.client.post(f"/api/v1/monitoring/block-requests/{registrar.json()['id']}/answer",
                     headers=desk.analyst,
                     json={"outcome": "refused", "note": "needs a court order"})  # fmt: skip
    detail = desk.client.get(f"/api/v1/monitoring/resources/{rid}", headers=desk.analyst).json()
    assert detail["state"] == "block_requested"  # KZ-CERT has not answered yet
    done = desk.client.post(f"/api/v1/monitoring/block-requests/{cert.json()['id']}/answer",
                            headers=desk.analyst, json={"outcome": "done"})  # fmt: skip
    assert done.json()["state"] == "done"
    detail = desk.client.get(f"/api/v1/monitoring/resources/{rid}", headers=desk.analyst).json()
    assert detail["state"] == "blocked"
    assert detail["blocked_at"].startswith("2026-12-03")
    assert [e["state"] for e in detail["events"]][:4] == ["new", "new", "reviewing", "confirmed"]
    again_done = desk.client.post(
        f"/api/v1/monitoring/block-requests/{cert.json()['id']}/answer",
        headers=desk.analyst, json={"outcome": "refused", "note": "changed our mind"},
    )  # fmt: skip
    assert again_done.status_code == 409

    # The registrar suspends it a week later: the analyst marks the day it went down.
    desk.at(datetime(2026, 12, 10, 8, 0, tzinfo=UTC))
    down = desk.move(rid, "taken_down", taken_down_on="2026-12-09").json()
    assert down["state"] == "taken_down"
    assert down["taken_down_on"] == "2026-12-09"
    future = desk.move(channel["id"], "confirmed")
    assert future.status_code == 200
    assert desk.move(channel["id"], "taken_down", taken_down_on="2027-01-01").status_code == 400

    stats = desk.client.get("/api/v1/monitoring/stats", headers=desk.supervisor).json()
    by_kind = {(s["month"], s["kind"]): s for s in stats}
    assert by_kind[("2026-11", "domain")]["found"] == 1
    assert by_kind[("2026-11", "domain")]["confirmed"] == 1
    assert by_kind[("2026-12", "domain")]["blocked"] == 1
    assert by_kind[("2026-12", "domain")]["taken_down"] == 1
    assert by_kind[("2026-12", "telegram")]["confirmed"] == 1
    assert by_kind[("2026-11", "ad")]["found"] == 1
    # The unit's statistics count them too, as the units report them.
    board = desk.runtime.stats.dashboard(actor=Actor("chief", Role.SUPERVISOR),
                                         filters=FigureFilter())  # fmt: skip
    assert board.total(Figure.RESOURCES_FOUND) == 3
    assert board.total(Figure.RESOURCES_BLOCKED) == 1
    assert board.total(Figure.RESOURCES_TAKEN_DOWN) == 1
    assert board.by_month["2026-12"][Figure.RESOURCES_BLOCKED] == 1
    page = desk.client.get("/api/v1/monitoring/stats", headers=desk.bank)
    assert page.status_code == 403

    audit = desk.runtime.accounts.read_audit(
        actor=CONSOLE, object_type=AuditObject.RESOURCE, object_id=str(rid)
    )
    assert {e.action.value for e in audit} >= {
        "resource.state", "resource.block_request", "resource.block_answer",
    }  # fmt: skip


def test_the_queue_lists_by_state_and_score_and_refuses_strangers(desk: Desk) -> None:
    desk.add(
        {"kind": "domain", "value": "halykbank-secure.online"},
        {"kind": "domain", "value": "krisha-remont.kz"},
        {"kind": "url", "value": "https://egov-kompensaciya.site/form?card=1"},
    )  # fmt: skip
    page = desk.client.get("/api/v1/monitoring/resources?state=new&min_score=0.5",
                           headers=desk.supervisor).json()  # fmt: skip
    assert [r["value"] for r in page["items"]][:2] == [
        "halykbank-secure.online", "https://egov-kompensaciya.site/form?card=1",
    ] or page["total"] == 2  # fmt: skip
    assert "krisha-remont.kz" not in {r["value"] for r in page["items"]}
    found = desk.client.get("/api/v1/monitoring/resources?q=egov",
                            headers=desk.analyst).json()  # fmt: skip
    assert found["total"] == 1

    assert desk.add({"kind": "domain", "value": "x"}, who=desk.bank).status_code == 403
    assert desk.client.get("/api/v1/monitoring/resources", headers=desk.bank).status_code == 403
    assert desk.add({"kind": "domain", "value": "x"}, who=desk.supervisor).status_code == 403
    assert desk.client.get("/api/v1/monitoring/resources").status_code == 401

    bad = desk.add({"kind": "domain", "value": "not a domain"})
    assert bad.status_code == 400
    assert "not a valid host name" in bad.json()["error"]["detail"].lower()
    bad_ad = desk.add({"kind": "ad", "value": "just text"})
    assert bad_ad.status_code == 400
    assert "platform:ad_id" in bad_ad.json()["error"]["detail"]
    instagram = desk.add({"kind": "telegram", "value": "https://instagram.com/x_shop"})
    assert instagram.status_code == 400
    # Nothing half-stored: the good resource before the bad one was not kept either.
    mixed = desk.add({"kind": "domain", "value": "olx-dostavka.top"},
                     {"kind": "domain", "value": "%%%"})  # fmt: skip
    assert mixed.status_code == 400
    listed = desk.client.get("/api/v1/monitoring/resources?q=olx-dostavka",
                             headers=desk.analyst).json()  # fmt: skip
    assert listed["total"] == 0
    missing = desk.client.get("/api/v1/monitoring/resources/999", headers=desk.analyst)
    assert missing.status_code == 404
    # A report naming the bank's own site can be queued, but never confirmed: every block
    # list would cut the bank off.
    own = desk.add({"kind": "url", "value": "https://pay.kaspi.kz/login"}).json()[0]["resource"]
    refused = desk.move(own["id"], "confirmed")
    assert refused.status_code == 400
    assert "protected brand" in refused.json()["error"]["detail"]


def test_scan_scores_names_in_order_and_queues_the_flagged(desk: Desk) -> None:
    response = desk.client.post("/api/v1/monitoring/scan", headers=desk.analyst, json={
        "names": ["kаspi.kz", "google.com", "no such thing", "bcc-bonus.top"], "queue": True,
    })  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["flagged"] for r in body["results"]] == [True, False, False, True]
    assert body["results"][0]["domain"] == "xn--kspi-53d.kz"
    assert body["results"][2]["domain"] is None
    assert body["queued"] == 2
    queued = desk.client.get("/api/v1/monitoring/resources?source=lookalike_scan",
                             headers=desk.analyst).json()  # fmt: skip
    assert {r["brand"] for r in queued["items"]} == {"kaspi.kz", "bcc.kz"}


class FakeResolver:
    """Names that resolve, as a resolver would answer; None for a time-out."""

    def __init__(self, up: set[str], unsure: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.up = up
        self.unsure = unsure
        self.asked: list[str] = []

    def resolves(self, name: str) -> bool | None:
        self.asked.append(name)
        if name in self.unsure:
            return None
        return name in self.up


def test_rechecks_take_a_site_down_after_two_misses_and_bring_it_back(desk: Desk) -> None:
    monitoring = desk.runtime.monitoring
    ids = {}
    for value in ("kaspi-bonus.top", "halyk-bonus.kz", "egov-vyplata.site"):
        rid = desk.add({"kind": "domain", "value": value}).json()[0]["resource"]["id"]
        desk.move(rid, "confirmed")
        ids[value] = rid
    resolver = FakeResolver(up={"halyk-bonus.kz"}, unsure={"egov-vyplata.site"})

    assert monitoring.recheck(actor=CONSOLE, resolver=resolver).checked == 0  # not due yet
    desk.at(START + timedelta(days=1, minutes=1))
    first = monitoring.recheck(actor=CONSOLE, resolver=resolver)
    assert (first.still_up, first.down, first.unknown, first.taken_down) == (1, 1, 1, [])
    desk.at(START + timedelta(days=1, hours=7))
    second = monitoring.recheck(actor=CONSOLE, resolver=resolver)
    assert second.taken_down == [ids["kaspi-bonus.top"]]
    site = desk.client.get(f"/api/v1/monitoring/resources/{ids['kaspi-bonus.top']}",
                           headers=desk.analyst).json()  # fmt: skip
    assert site["state"] == "taken_down"
    assert site["taken_down_on"] == "2026-12-01"

    # A month later it is back up under the same name: confirmed again.
    resolver.up.add("kaspi-bonus.top")
    desk.at(START + timedelta(days=40))
    monitoring.recheck(actor=CONSOLE, resolver=resolver)
    site = desk.client.get(f"/api/v1/monitoring/resources/{ids['kaspi-bonus.top']}",
                           headers=desk.analyst).json()  # fmt: skip
    assert site["state"] == "confirmed"
    assert site["taken_down_on"] is None


def test_a_sweep_brings_the_registrys_sites_onto_the_queue(desk: Desk) -> None:
    registry, monitoring = desk.runtime.registry, desk.runtime.monitoring
    rows = [
        {"value": "kaspi-bonus.top", "status": "confirmed", "category": "phishing_link"},
        # A URL: the registry keeps its domain too, both as citizens reported them.
        {"value": "https://halyk-priz.site/form", "kind": "url", "status": "reported"},
        {"value": "tengrinews.kz", "status": "reported"},
        {"value": "+7 701 123 45 67"},  # a phone: not the queue's
    ]
    registry.import_indicators(actor=CONSOLE, rows=enumerate(rows, start=2), digest="sweep",
                               source="kz-cert", on_progress=lambda _n: None)  # fmt: skip
    summary = monitoring.sweep_registry(actor=CONSOLE)
    assert (summary.seen, summary.new, summary.confirmed) == (4, 4, 1)
    queued = {r.value: r for r in monitoring.resources(actor=CONSOLE, filters=ResourceFilter(),
                                                       limit=10).items}  # fmt: skip
    assert queued["kaspi-bonus.top"].state == "confirmed"
    assert queued["kaspi-bonus.top"].brand == "kaspi.kz"  # scored on the way in
    assert queued["https://halyk-priz.site/form"].state == "new"
    assert queued["https://halyk-priz.site/form"].source == "citizen_report"
    assert queued["halyk-priz.site"].brand == "halykbank.kz"
    assert queued["tengrinews.kz"].score == 0
    again = monitoring.sweep_registry(actor=CONSOLE)
    assert (again.new, again.confirmed) == (0, 0)
    rpz = desk.client.get("/api/v1/feeds/rpz", headers=desk.analyst).text
    assert "kaspi-bonus.top CNAME ." in rpz
