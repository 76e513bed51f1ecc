"""Feeds through the real API and database: what an analyst confirms is in the next build,
each subscriber gets its formats up to its TLP, ETags answer 304, and every format is read
back by the tools partners use (stix2-validator, PyMISP, Unbound)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import dns.resolver
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.feeds.domain import FeedFormat
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.tlp import Tlp
from tests.factories import bearer, token_for

START = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
UNBOUND = shutil.which("unbound") or "/usr/sbin/unbound"


@dataclass
class Desk:
    client: TestClient
    runtime: Runtime
    analyst: dict[str, str]
    isp: dict[str, str]  # Kazakhtelecom: RPZ and hosts, TLP:CLEAR
    cert: dict[str, str]  # a bank's CERT: STIX, MISP, CSV up to AMBER
    platform: dict[str, str]  # OLX: a partner with no subscription
    admin: dict[str, str]

    def confirm(self, *domains: str, kind: str = "domain") -> list[int]:
        added = self.client.post("/api/v1/monitoring/resources", headers=self.analyst, json={
            "resources": [{"kind": kind, "value": d, "source": "citizen_report",
                           "source_ref": "report"} for d in domains]})  # fmt: skip
        assert added.status_code == 200, added.text
        ids = [a["resource"]["id"] for a in added.json()]
        for rid in ids:
            moved = self.client.post(f"/api/v1/monitoring/resources/{rid}/state",
                                     headers=self.analyst, json={"state": "confirmed"})  # fmt: skip
            assert moved.status_code == 200, moved.text
        return ids

    def at(self, moment: datetime) -> None:
        self.runtime.clock = lambda: moment


@pytest.fixture
def desk(runtime: Runtime) -> Iterator[Desk]:
    runtime.clock = lambda: START
    feeds = runtime.feeds
    feeds.subscribe(actor=CONSOLE, organisation="KAZTELECOM", tlp=Tlp.CLEAR,
                    formats=[FeedFormat.RPZ, FeedFormat.HOSTS])  # fmt: skip
    feeds.subscribe(actor=CONSOLE, organisation="HSBKKZKX", tlp=Tlp.AMBER,
                    formats=[FeedFormat.STIX, FeedFormat.MISP, FeedFormat.CSV])  # fmt: skip
    with TestClient(create_app(runtime)) as client:
        yield Desk(
            client, runtime,
            bearer(token_for(runtime, "a.nurlanova", Role.ANALYST)),
            bearer(token_for(runtime, "kaztelecom-dns", Role.PARTNER, "KAZTELECOM")),
            bearer(token_for(runtime, "halyk-cert", Role.BANK, "HSBKKZKX")),
            bearer(token_for(runtime, "olx-trust", Role.PARTNER, "OLX")),
            bearer(token_for(runtime, "admin1", Role.ADMIN)),
        )  # fmt: skip


def test_a_confirmed_domain_is_in_the_next_rpz_and_etags_save_the_rest(desk: Desk) -> None:
    first = desk.client.get("/api/v1/feeds/rpz", headers=desk.isp)
    assert first.status_code == 200
    assert first.headers["x-feed-entries"] == "0"
    desk.confirm("kaspi-bonus.top")
    second = desk.client.get("/api/v1/feeds/rpz", headers=desk.isp)
    assert "kaspi-bonus.top CNAME ." in second.text
    assert "*.kaspi-bonus.top CNAME ." in second.text
    assert second.headers["etag"] != first.headers["etag"]
    same = desk.client.get("/api/v1/feeds/rpz", headers={**desk.isp,
                           "If-None-Match": second.headers["etag"]})  # fmt: skip
    assert same.status_code == 304
    assert same.content == b""
    # A new queue entry that nobody confirmed changes nothing a partner sees.
    unconfirmed = {"resources": [{"kind": "domain", "value": "halyk-bonus.top"}]}
    desk.client.post("/api/v1/monitoring/resources", headers=desk.analyst, json=unconfirmed)
    assert desk.client.get("/api/v1/feeds/rpz", headers={
        **desk.isp, "If-None-Match": second.headers["etag"]}).status_code == 304  # fmt: skip
    hosts = desk.client.get("/api/v1/feeds/hosts", headers=desk.isp).text
    assert "0.0.0.0 kaspi-bonus.top" in hosts.splitlines()
    assert "halyk-bonus.top" not in hosts


def test_each_subscriber_gets_its_formats_up_to_its_tlp(desk: Desk) -> None:
    desk.confirm("kaspi-bonus.top")
    desk.confirm("https://sites.google.com/view/egov-vyplata/form", kind="url")
    # A hostile URL that would be a filter rule of its own in an Adblock list.
    desk.confirm("https://evil-cdn.top/x$script,domain=kaspi.kz", kind="url")
    bundle = _stix_bundle(
        "amber-only-phish.top", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    )
    upload = {"file": ("kzcert.json", bundle, "application/json")}
    imported = desk.client.post("/api/v1/partner-feeds", headers=desk.analyst,
                                params={"partner": "KZ-CERT"}, files=upload)  # fmt: skip
    assert imported.status_code == 200, imported.text
    assert imported.json()["new"] == 1
    [amber] = [r for r in desk.client.get("/api/v1/monitoring/resources?source=partner_feed",
                                           headers=desk.analyst).json()["items"]]  # fmt: skip
    assert amber["source_ref"] == "KZ-CERT: kzcert.json"
    desk.client.post(f"/api/v1/monitoring/resources/{amber['id']}/state", headers=desk.analyst,
                     json={"state": "confirmed"})  # fmt: skip

    rpz = desk.client.get("/api/v1/feeds/rpz", headers=desk.isp).text
    assert "kaspi-bonus.top" in rpz
    assert "amber-only-phish.top" not in rpz  # AMBER does not reach a CLEAR subscriber
    assert "google.com" not in rpz  # a URL on a shared host never blocks the host
    desk.client.put("/api/v1/feeds/subscriptions/KAZTELECOM", headers=desk.admin,
                    json={"tlp": "clear", "formats": ["rpz", "hosts", "adblock"]})  # fmt: skip
    adblock = desk.client.get("/api/v1/feeds/adblock", headers=desk.isp).text.splitlines()
    assert "||sites.google.com/view/egov-vyplata/form" in adblock
    assert not [line for line in adblock if "domain=kaspi.kz" in line]
    assert desk.client.get("/api/v1/feeds/stix", headers=desk.isp).status_code == 403
    assert desk.client.get("/api/v1/feeds/rpz", headers=desk.cert).status_code == 403
    refused = desk.client.get("/api/v1/feeds/rpz", headers=desk.platform)
    assert refused.status_code == 403
    assert "subscribes to no feed" in refused.json()["error"]["detail"]
    assert desk.client.get("/api/v1/feeds/rpz").status_code == 401

    stix = desk.client.get("/api/v1/feeds/stix", headers=desk.cert)
    assert stix.status_code == 200
    assert stix.headers["content-type"].startswith("application/stix+json")
    patterns = {o["pattern"] for o in stix.json()["objects"] if o["type"] == "indicator"}
    assert patterns == {
        "[domain-name:value = 'kaspi-bonus.top']",
        "[domain-name:value = 'amber-only-phish.top']",
        "[url:value = 'https://sites.google.com/view/egov-vyplata/form']",
        "[url:value = 'https://evil-cdn.top/x$script,domain=kaspi.kz']",
    }
    from stix2validator import ValidationOptions, validate_string

    result = validate_string(stix.text, ValidationOptions(version="2.1", strict=True))
    assert result.is_valid, [str(e) for e in result.errors]

    from pymisp import MISPEvent

    event = MISPEvent()
    event.load(desk.client.get("/api/v1/feeds/misp", headers=desk.cert).text)
    assert {a.value for a in event.attributes} == {
        "kaspi-bonus.top", "amber-only-phish.top",
        "https://sites.google.com/view/egov-vyplata/form",
        "https://evil-cdn.top/x$script,domain=kaspi.kz",
    }  # fmt: skip
    assert {a.type for a in event.attributes} == {"domain", "url"}
    assert [t.name for t in event.tags] == ["tlp:amber"]

    rows = list(csv.DictReader(desk.client.get("/api/v1/feeds/csv", headers=desk.cert).text
                               .splitlines()))  # fmt: skip
    assert {(r["kind"], r["tlp"]) for r in rows} == {("domain", "clear"), ("domain", "amber"),
                                                     ("url", "clear")}  # fmt: skip
    audit = desk.runtime.accounts.read_audit(actor=CONSOLE, object_type=_feed(), object_id="stix")
    assert [a.actor for a in audit] == ["halyk-cert"]


def _feed() -> Any:
    from cyberpol.kernel.audit import AuditObject

    return AuditObject.FEED


def test_incremental_feeds_carry_changes_and_removals(desk: Desk) -> None:
    [kept, gone] = desk.confirm("kaspi-bonus.top", "halyk-bonus.top")
    desk.at(START + timedelta(days=3))
    desk.client.post(f"/api/v1/monitoring/resources/{gone}/state", headers=desk.analyst,
                     json={"state": "taken_down"})  # fmt: skip
    since = (START + timedelta(days=1)).isoformat()
    stix = desk.client.get("/api/v1/feeds/stix", params={"since": since}, headers=desk.cert)
    indicators = [o for o in stix.json()["objects"] if o["type"] == "indicator"]
    assert [(i["pattern"], i.get("revoked", False)) for i in indicators] == [
        ("[domain-name:value = 'halyk-bonus.top']", True)
    ]
    whole = desk.client.get("/api/v1/feeds/stix", headers=desk.cert).json()
    assert [o["pattern"] for o in whole["objects"] if o["type"] == "indicator"] == [
        "[domain-name:value = 'kaspi-bonus.top']"
    ]
    block_list = desk.client.get("/api/v1/feeds/rpz", params={"since": since}, headers=desk.isp)
    assert block_list.status_code == 400
    del kept


def test_partner_feeds_come_in_from_stix_misp_urlhaus_and_phishtank(desk: Desk) -> None:
    import stix2
    from pymisp import MISPEvent

    # A STIX bundle as another CERT's platform writes it (the OASIS library), with an
    # indicator we cannot read as a list of values.
    indicator = stix2.Indicator(
        pattern="[url:value = 'http://olx-dostavka.top/pay']", pattern_type="stix",
        object_marking_refs=[stix2.TLP_GREEN],
    )  # fmt: skip
    fancy = stix2.Indicator(pattern="[domain-name:value MATCHES '^kaspi']", pattern_type="stix")
    sco = stix2.DomainName(value="halyk-priz.site")
    bundle = stix2.Bundle(indicator, fancy, sco).serialize()
    # A MISP event as PyMISP writes it.
    event = MISPEvent()
    event.info = "Phishing against Kazakh banks"
    event.add_tag("tlp:amber")
    event.add_attribute("domain", "bcc-bonus.online")
    event.add_attribute("url", "https://egov-kompensaciya.site/form")
    event.add_attribute("ip-dst", "203.0.113.7")
    misp = event.to_json()
    # URLhaus's CSV export: comment lines, the header among them, an offline row.
    urlhaus = (
        "################################################################\n"
        "# abuse.ch URLhaus Database Dump (CSV - recent URLs only)      #\n"
        "################################################################\n"
        "#\n"
        "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
        '"3000001","2026-11-30 10:00:00","http://kaspi-gold.icu/login","online",'
        '"2026-11-30 10:00:00","malware_download","None","https://urlhaus.abuse.ch/url/3000001/","x"\n'
        '"3000002","2026-11-30 10:05:00","http://old-site.example/x","offline",'
        '"","malware_download","None","https://urlhaus.abuse.ch/url/3000002/","x"\n'
    )
    phishtank = (
        "phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target\n"
        "8800001,https://jusanbank-secure.top/,http://www.phishtank.com/phish_detail.php?"
        "phish_id=8800001,2026-11-30T09:00:00+00:00,yes,2026-11-30T09:10:00+00:00,yes,Other\n"
        "8800002,not a url at all,http://www.phishtank.com/x,2026-11-30T09:00:00+00:00,yes,"
        "2026-11-30T09:10:00+00:00,yes,Other\n"
    )
    results = {}
    for name, content, partner in (("cert.json", bundle, "UZ-CERT"), ("misp.json", misp, "MISP-KZ"),
                                   ("urlhaus.csv", urlhaus, "URLhaus"),
                                   ("verified_online.csv", phishtank, "PhishTank")):  # fmt: skip
        # URLhaus publishes to everyone: the analyst marks it TLP:CLEAR; the rest keep the
        # default (amber) where the file names no marking.
        marking = "clear" if partner == "URLhaus" else "amber"
        response = _send(desk, partner, name, content.encode(), tlp=marking)
        assert response.status_code == 200, (name, response.text)
        results[name] = response.json()
    assert results["cert.json"]["format"] == "stix"
    assert results["cert.json"]["new"] == 2
    assert any("MATCHES" in r["reason"] or "equality" in r["reason"]
               for r in results["cert.json"]["rejected"])  # fmt: skip
    assert results["misp.json"]["new"] == 2
    assert results["urlhaus.csv"]["new"] == 1
    assert results["verified_online.csv"]["new"] == 1
    assert [r["where"] for r in results["verified_online.csv"]["rejected"]] == ["line 3"]
    queued = desk.client.get("/api/v1/monitoring/resources", params={"source": "partner_feed",
                             "limit": 100}, headers=desk.analyst).json()["items"]  # fmt: skip
    by_value = {r["value"]: r for r in queued}
    assert by_value["http://olx-dostavka.top/pay"]["brand"] == "olx.kz"  # scored on the way in
    assert by_value["bcc-bonus.online"]["source_ref"] == "MISP-KZ: misp.json"
    assert set(by_value) == {
        "http://olx-dostavka.top/pay", "halyk-priz.site", "bcc-bonus.online",
        "https://egov-kompensaciya.site/form", "http://kaspi-gold.icu/login",
        "https://jusanbank-secure.top/",
    }  # fmt: skip
    # The public list's URL is in the registry, reported by URLhaus, so a citizen's check
    # warns of it; the amber and green ones stay off the public check.
    assert results["urlhaus.csv"]["in_registry"] == 1
    assert results["misp.json"]["in_registry"] == results["cert.json"]["in_registry"] == 0
    check = desk.client.get("/api/v1/indicators/check",
                            params={"value": "http://kaspi-gold.icu/login"}).json()  # fmt: skip
    assert check["verdict"] == "reported"
    listed = desk.client.get("/api/v1/indicators", headers=desk.analyst,
                             params={"q": "kaspi-gold.icu"}).json()["items"]  # fmt: skip
    assert {(i["kind"], i["status"]) for i in listed} == {("url", "reported"),
                                                           ("domain", "reported")}  # fmt: skip
    for secret in ("bcc-bonus.online", "http://olx-dostavka.top/pay"):
        hidden = desk.client.get("/api/v1/indicators/check", params={"value": secret}).json()
        assert hidden["verdict"] == "unknown", secret
    # The same file again: nothing new, nothing duplicated.
    again = _send(desk, "MISP-KZ", "misp.json", misp.encode())
    assert again.json()["new"] == 0
    assert again.json()["already_queued"] == 2
    junk = _send(desk, "X", "x.csv", b"a,b\n1,2\n")
    assert junk.status_code == 400
    assert "no header with a 'url' or 'domain' column" in junk.json()["error"]["detail"]
    bad_json = _send(desk, "X", "x.json", b'{"objects": [')
    assert bad_json.status_code == 400
    # What a hostile partner might send: JSON nested past Python's recursion limit, and a
    # CSV field larger than the csv module reads. A message each, never a traceback.
    deep = _send(desk, "X", "deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert deep.status_code == 400
    assert "nested too deeply" in deep.json()["error"]["detail"]
    huge = _send(desk, "X", "huge.csv", b'url\n"' + b"a" * 200_000 + b'"\n')
    assert huge.status_code == 400


def _send(desk: Desk, partner: str, name: str, content: bytes, tlp: str = "amber") -> Any:
    upload = {"file": (name, content, "application/octet-stream")}
    return desk.client.post("/api/v1/partner-feeds", headers=desk.analyst,
                            params={"partner": partner, "tlp": tlp}, files=upload)  # fmt: skip


def _stix_bundle(domain: str, marking: str) -> bytes:
    return json.dumps({"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
                       "objects": [{
        "type": "indicator", "spec_version": "2.1",
        "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
        "created": "2026-11-29T10:00:00.000Z", "modified": "2026-11-29T10:00:00.000Z",
        "pattern": f"[domain-name:value = '{domain}']", "pattern_type": "stix",
        "valid_from": "2026-11-29T10:00:00Z", "object_marking_refs": [marking],
    }]}).encode()  # fmt: skip


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def unbound() -> str:
    if not Path(UNBOUND).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must test the RPZ in Unbound: install the unbound package")
        pytest.skip("unbound is not installed (apt-get install unbound; .ci/run does)")
    return UNBOUND


def test_the_rpz_blocks_names_and_subdomains_in_unbound(
    desk: Desk, tmp_path: Path, unbound: str
) -> None:
    desk.confirm("kaspi-bonus.top", "egov-vyplata.site")
    zone = desk.client.get("/api/v1/feeds/rpz", headers=desk.isp)
    (tmp_path / "rpz.zone").write_bytes(zone.content)
    # The rest of the internet, as an authoritative zone Unbound resolves from: the
    # phishing names resolve there, so only the RPZ can make them vanish.
    (tmp_path / "world.zone").write_text(
        "$ORIGIN .\n$TTL 300\n. SOA localhost. hostmaster.test. 1 3600 600 86400 300\n"
        ". NS localhost.\n"
        "kaspi-bonus.top. A 192.0.2.10\nwww.kaspi-bonus.top. A 192.0.2.11\n"
        "login.secure.kaspi-bonus.top. A 192.0.2.12\negov-vyplata.site. A 192.0.2.13\n"
        "kaspi.kz. A 192.0.2.20\nhalyk-gazeti.kz. A 192.0.2.21\n"
        "not-kaspi-bonus.top. A 192.0.2.22\n"
    )  # fmt: skip
    port = _free_port()
    (tmp_path / "unbound.conf").write_text(f"""server:
  interface: 127.0.0.1
  port: {port}
  do-daemonize: no
  use-syslog: no
  logfile: ""
  chroot: ""
  username: ""
  directory: "{tmp_path}"
  pidfile: "{tmp_path}/unbound.pid"
  module-config: "respip validator iterator"
  access-control: 127.0.0.0/8 allow
auth-zone:
  name: "."
  zonefile: "{tmp_path}/world.zone"
  for-upstream: yes
  for-downstream: no
  fallback-enabled: no
rpz:
  name: rpz.cyberpol.kz
  zonefile: "{tmp_path}/rpz.zone"
""")  # fmt: skip
    checked = subprocess.run([f"{unbound}-checkconf", str(tmp_path / "unbound.conf")],
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    log = (tmp_path / "unbound.log").open("wb")
    server = subprocess.Popen([unbound, "-c", str(tmp_path / "unbound.conf")],
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = port
        resolver.lifetime = 2
        deadline = time.monotonic() + 10
        while True:
            try:
                resolver.resolve("kaspi.kz", "A")
                break
            except (dns.resolver.LifetimeTimeout, dns.resolver.NoNameservers):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)

        def resolves(name: str) -> bool:
            try:
                resolver.resolve(name, "A")
            except dns.resolver.NXDOMAIN:
                return False
            return True

        for blocked in ("kaspi-bonus.top", "www.kaspi-bonus.top", "login.secure.kaspi-bonus.top",
                        "egov-vyplata.site"):  # fmt: skip
            assert not resolves(blocked), blocked
        for allowed in ("kaspi.kz", "halyk-gazeti.kz", "not-kaspi-bonus.top"):
            assert resolves(allowed), allowed
    except BaseException:
        print((tmp_path / "unbound.log").read_text(errors="replace"))
        raise
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
