"""Feed bodies, format by format, from the published entries (pure: text in, text out).

Block lists (RPZ, hosts, domain list) carry domains only: a phishing URL on a shared host
(``sites.google.com/...``) must never block the whole host, so URLs go only where a path
can be matched (the filter list) or described (STIX, MISP, CSV).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from cyberpol.feeds.domain import FeedFormat
from cyberpol.kernel.tlp import Tlp
from cyberpol.monitoring.domain.resources import PublishedResource as FeedEntry
from cyberpol.monitoring.domain.resources import ResourceKind

PRODUCER = "CyberPol"
NAMESPACE = uuid.UUID("6f1c7f0e-2d1b-4c1e-9a57-6b0e3b9c2a11")


def stable_id(text: str) -> uuid.UUID:
    """The same random-looking (version 4, as STIX asks) identifier for the same text, so a
    domain keeps its STIX and MISP ids in every build."""
    digest = hashlib.sha256(NAMESPACE.bytes + text.encode()).digest()
    return uuid.UUID(bytes=digest[:16], version=4)


IDENTITY_ID = f"identity--{stable_id('producer')}"
# The STIX 2.1 predefined TLP markings (TLP 1.0: CLEAR is WHITE, AMBER+STRICT is AMBER).
STIX_TLP = {
    Tlp.CLEAR: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    Tlp.GREEN: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    Tlp.AMBER: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    Tlp.AMBER_STRICT: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    Tlp.RED: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}
_STIX_TLP_NAMES = {Tlp.CLEAR: "white", Tlp.GREEN: "green", Tlp.AMBER: "amber",
                   Tlp.AMBER_STRICT: "amber", Tlp.RED: "red"}  # fmt: skip
# MISP distribution: 0 your organisation only ... 3 all communities.
_FILTER_SYNTAX = re.compile(r"[$#|^*\s,]")  # what a filter list reads as its own syntax
_MISP_DISTRIBUTION = {Tlp.CLEAR: "3", Tlp.GREEN: "2", Tlp.AMBER: "1", Tlp.AMBER_STRICT: "0",
                      Tlp.RED: "0"}  # fmt: skip


def render(fmt: FeedFormat, entries: Sequence[FeedEntry], *, tlp: Tlp, built: datetime,
           serial: int, zone: str, since: datetime | None) -> str:  # fmt: skip
    """The feed's text for ``entries`` (already filtered to what the subscriber may see);
    ``built`` is the time of the latest change among them, so equal content gives equal text."""
    if fmt is FeedFormat.RPZ:
        return rpz(entries, serial=serial, zone=zone, tlp=tlp)
    if fmt is FeedFormat.HOSTS:
        return hosts(entries, tlp=tlp, built=built)
    if fmt is FeedFormat.DOMAINS:
        return domain_list(entries, tlp=tlp, built=built)
    if fmt is FeedFormat.ADBLOCK:
        return adblock(entries, tlp=tlp, built=built)
    if fmt is FeedFormat.STIX:
        return stix_bundle(entries, built=built)
    if fmt is FeedFormat.MISP:
        return misp_event(entries, tlp=tlp, built=built, since=since)
    return csv_text(entries)


def _blocked_domains(entries: Sequence[FeedEntry]) -> list[str]:
    return sorted({e.value for e in entries if e.active and e.kind is ResourceKind.DOMAIN})


def rpz(entries: Sequence[FeedEntry], *, serial: int, zone: str, tlp: Tlp) -> str:
    """A response policy zone: each domain and every name under it answers NXDOMAIN."""
    lines = [
        f"; {PRODUCER} block list, TLP:{tlp.value.upper()}",
        "$TTL 300",
        f"@ SOA localhost. hostmaster.{zone}. {serial} 3600 600 86400 300",
        "@ NS localhost.",
    ]
    for domain in _blocked_domains(entries):
        lines.append(f"{domain} CNAME .")
        lines.append(f"*.{domain} CNAME .")
    return "\n".join(lines) + "\n"


def _header(comment: str, tlp: Tlp, built: datetime, count: int) -> list[str]:
    return [
        f"{comment} {PRODUCER} block list: phishing and fraud domains",
        f"{comment} TLP:{tlp.value.upper()}",
        f"{comment} Updated: {built.astimezone(UTC).isoformat(timespec='seconds')}",
        f"{comment} Entries: {count}",
    ]


def hosts(entries: Sequence[FeedEntry], *, tlp: Tlp, built: datetime) -> str:
    domains = _blocked_domains(entries)
    lines = _header("#", tlp, built, len(domains))
    lines += [f"0.0.0.0 {d}" for d in domains]
    return "\n".join(lines) + "\n"


def domain_list(entries: Sequence[FeedEntry], *, tlp: Tlp, built: datetime) -> str:
    domains = _blocked_domains(entries)
    return "\n".join([*_header("#", tlp, built, len(domains)), *domains]) + "\n"


def adblock(entries: Sequence[FeedEntry], *, tlp: Tlp, built: datetime) -> str:
    """``||domain^`` blocks a domain and its subdomains; a URL is matched from its host on."""
    rules = [f"||{d}^" for d in _blocked_domains(entries)]
    urls = sorted({e.value for e in entries if e.active and e.kind is ResourceKind.URL})
    # "$" starts a rule's options, "#" element hiding, "|^*" are anchors and wildcards: a
    # URL holding one could smuggle a rule of its own (``$domain=kaspi.kz``), so it stays
    # out; its domain, once confirmed, is blocked whole above.
    rules += ["||" + u.partition("://")[2] for u in urls if not _FILTER_SYNTAX.search(u)]
    lines = ["[Adblock Plus 2.0]", f"! Title: {PRODUCER} fraud block list",
             *_header("!", tlp, built, len(rules)), "! Expires: 1 hours"]  # fmt: skip
    return "\n".join(lines + rules) + "\n"


def _stix_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _pattern_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def stix_bundle(entries: Sequence[FeedEntry], *, built: datetime) -> str:
    """A STIX 2.1 bundle: the producer, an indicator per entry (revoked once removed)."""
    identity: dict[str, object] = {
        "type": "identity", "spec_version": "2.1", "id": IDENTITY_ID,
        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
        "name": PRODUCER, "identity_class": "organization",
    }  # fmt: skip
    objects: list[dict[str, object]] = [identity]
    for e in entries:
        sco = "domain-name" if e.kind is ResourceKind.DOMAIN else "url"
        created = _stix_time(e.first_seen)
        modified = _stix_time(max(e.updated_at, e.first_seen))
        indicator: dict[str, object] = {
            "type": "indicator", "spec_version": "2.1",
            "id": f"indicator--{stable_id(f'{e.kind.value}:{e.value}')}",
            "created_by_ref": IDENTITY_ID, "created": created, "modified": modified,
            "name": f"{'Phishing' if e.brand else 'Fraud'} {e.kind.value}: {e.value}",
            "indicator_types": ["malicious-activity"],
            "pattern": f"[{sco}:value = '{_pattern_value(e.value)}']",
            "pattern_type": "stix", "valid_from": created,
            "object_marking_refs": [STIX_TLP[e.tlp]],
            "labels": [*(["imitates:" + e.brand] if e.brand else []), *e.reasons][:20],
        }  # fmt: skip
        if not indicator["labels"]:
            del indicator["labels"]
        if not e.active:
            indicator["revoked"] = True
        indicator["description"] = (
            f"Imitates {e.brand}; confirmed by a CyberPol analyst"
            if e.brand
            else "Fraud resource confirmed by a CyberPol analyst"
        )
        objects.append(indicator)
    # The same content gives the same bundle, byte for byte, so its ETag holds.
    bundle_id = stable_id(f"bundle:{built.isoformat()}:{len(objects)}")
    bundle = {"type": "bundle", "id": f"bundle--{bundle_id}", "objects": objects}
    return json.dumps(bundle, ensure_ascii=False, indent=1)


def misp_event(entries: Sequence[FeedEntry], *, tlp: Tlp, built: datetime,
               since: datetime | None) -> str:  # fmt: skip
    """One MISP event holding an attribute per entry (removed ones marked deleted)."""
    stamp = str(int(built.timestamp()))
    label = f" changed since {since.astimezone(UTC).isoformat()}" if since else ""
    attributes = []
    for e in entries:
        attribute: dict[str, object] = {
            "uuid": str(stable_id(f"misp:{e.kind.value}:{e.value}")),
            "type": "domain" if e.kind is ResourceKind.DOMAIN else "url",
            "category": "Network activity", "to_ids": e.active, "value": e.value,
            "timestamp": str(int(e.updated_at.timestamp())),
            "comment": f"imitates {e.brand}" if e.brand else "",
            "distribution": "5", "deleted": not e.active,
        }  # fmt: skip
        attributes.append(attribute)
    event = {"Event": {
        "uuid": str(stable_id(f"misp-event:{tlp.value}:{since}")),
        "info": f"{PRODUCER}: phishing and fraud domains and URLs{label}",
        "date": built.astimezone(UTC).date().isoformat(), "timestamp": stamp,
        "publish_timestamp": stamp, "published": True, "analysis": "2",
        "threat_level_id": "2", "distribution": _MISP_DISTRIBUTION[tlp],
        "Orgc": {"name": PRODUCER, "uuid": str(stable_id("org"))},
        "Tag": [{"name": f"tlp:{tlp.value}"}], "Attribute": attributes,
    }}  # fmt: skip
    return json.dumps(event, ensure_ascii=False, indent=1)


CSV_COLUMNS = ("kind", "value", "tlp", "active", "first_seen", "updated_at", "brand",
               "reasons", "source")  # fmt: skip


def csv_text(entries: Sequence[FeedEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([e.kind.value, e.value, e.tlp.value, "true" if e.active else "false",
                         e.first_seen.isoformat(), e.updated_at.isoformat(), e.brand,
                         ";".join(e.reasons), e.source])  # fmt: skip
    return out.getvalue()
