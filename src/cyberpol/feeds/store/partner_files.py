"""Partners' feeds as they send them: STIX 2.1 bundles, MISP events, URLhaus- or
PhishTank-style CSV. Each gives the domains and URLs it names, with their TLP marking.

Only plain equality patterns are read from STIX indicators (``[domain-name:value = 'x']``,
``[url:value = 'x']``, joined by OR); anything richer is reported as skipped, never guessed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.tlp import Tlp
from cyberpol.platform.files.tables import text_encoding

MAX_BYTES = 200 << 20
_STIX_TLP = {
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": Tlp.CLEAR,
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": Tlp.GREEN,
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": Tlp.AMBER,
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": Tlp.RED,
}
_TLP_NAMES = {"white": Tlp.CLEAR, "clear": Tlp.CLEAR, "green": Tlp.GREEN, "amber": Tlp.AMBER,
              "amber+strict": Tlp.AMBER_STRICT, "red": Tlp.RED}  # fmt: skip
_COMPARISON = re.compile(r"\s*(domain-name|url):value\s*=\s*'((?:[^'\\]|\\.)*)'\s*")
_MISP_TYPES = {"domain": "domain", "hostname": "domain", "url": "url", "link": "url",
               "uri": "url", "domain|ip": "domain"}  # fmt: skip
_URL_COLUMNS = ("url", "phish_url", "link")
_DOMAIN_COLUMNS = ("domain", "hostname", "host", "fqdn")


@dataclass(frozen=True, slots=True)
class PartnerItem:
    kind: str  # "domain" or "url"
    value: str
    tlp: Tlp | None  # None: the file did not say
    ref: str  # where in the file: a STIX id, a MISP uuid, a line


@dataclass
class PartnerFile:
    format: str  # "stix", "misp" or "csv"
    items: list[PartnerItem] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def read_partner_file(path: Path) -> PartnerFile:
    """The domains and URLs in a partner's file; InvalidInput when it is none of the formats."""
    if not path.is_file():
        raise InvalidInput(f"No such file: {path.name}")
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(f"{path.name}: larger than {MAX_BYTES >> 20} MB")
    raw = path.read_bytes()
    text = raw.decode(text_encoding(path), errors="replace").lstrip("\ufeff")
    head = text.lstrip()[:1]
    if head in ("{", "["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                f"{path.name}: not valid JSON (line {exc.lineno}: {exc.msg})"
            ) from None
        except RecursionError:
            raise InvalidInput(f"{path.name}: JSON nested too deeply") from None
        if isinstance(data, dict) and data.get("type") == "bundle":
            return _stix(data)
        if isinstance(data, dict) and ("Event" in data or "Attribute" in data):
            return _misp(data.get("Event", data))
        if isinstance(data, dict) and isinstance(data.get("response"), list):
            return _misp_list([e.get("Event", e) for e in data["response"] if isinstance(e, dict)])
        if isinstance(data, list):
            return _misp_list([e.get("Event", e) for e in data if isinstance(e, dict)])
        raise InvalidInput(f"{path.name}: JSON, but neither a STIX bundle nor a MISP event")
    try:
        return _csv(text, path.name)
    except csv.Error as exc:
        raise InvalidInput(f"{path.name}: not readable as CSV ({exc})") from None


def _stix(bundle: dict[str, Any]) -> PartnerFile:
    out = PartnerFile("stix")
    objects = bundle.get("objects")
    if not isinstance(objects, list):
        raise InvalidInput("The STIX bundle holds no 'objects' list.")
    for obj in objects:
        if not isinstance(obj, dict):
            continue
        ident = str(obj.get("id", "?"))[:100]
        tlp = _stix_tlp(obj)
        kind = obj.get("type")
        if kind in ("domain-name", "url") and isinstance(obj.get("value"), str):
            out.items.append(PartnerItem(_kind(kind), obj["value"], tlp, ident))
        elif kind == "indicator":
            if obj.get("revoked") is True:
                out.skipped.append((ident, "revoked"))
                continue
            if obj.get("pattern_type", "stix") != "stix" or not isinstance(obj.get("pattern"), str):
                out.skipped.append((ident, "not a STIX pattern"))
                continue
            found = _pattern_values(obj["pattern"])
            if not found:
                out.skipped.append((ident, "pattern names no domain or URL by equality"))
            out.items += [PartnerItem(k, v, tlp, ident) for k, v in found]
    return out


def _pattern_values(pattern: str) -> list[tuple[str, str]]:
    body = pattern.strip()
    if not (body.startswith("[") and body.endswith("]")):
        return []
    found: list[tuple[str, str]] = []
    for part in re.split(r"\]\s+OR\s+\[|\s+OR\s+", body[1:-1]):
        match = _COMPARISON.fullmatch(part)
        if match is None:
            return []  # AND, LIKE, MATCHES or another object: not a plain list of values
        value = re.sub(r"\\(.)", r"\1", match.group(2))
        found.append((_kind(match.group(1)), value))
    return found


def _stix_tlp(obj: dict[str, Any]) -> Tlp | None:
    for ref in obj.get("object_marking_refs") or []:
        if ref in _STIX_TLP:
            return _STIX_TLP[ref]
    return None


def _kind(stix_type: str) -> str:
    return "domain" if stix_type == "domain-name" else "url"


def _misp(event: dict[str, Any]) -> PartnerFile:
    return _misp_list([event])


def _misp_list(events: list[dict[str, Any]]) -> PartnerFile:
    out = PartnerFile("misp")
    for event in events:
        tlp = _misp_tlp(event.get("Tag") or [])
        attributes = list(event.get("Attribute") or [])
        for obj in event.get("Object") or []:
            if isinstance(obj, dict):
                attributes += obj.get("Attribute") or []
        for attribute in attributes:
            if not isinstance(attribute, dict):
                continue
            ref = str(attribute.get("uuid", "?"))[:100]
            kind = _MISP_TYPES.get(str(attribute.get("type", "")))
            value = attribute.get("value")
            if kind is None:
                out.skipped.append((ref, f"type {attribute.get('type')!r} is not a domain or URL"))
                continue
            if not isinstance(value, str):
                out.skipped.append((ref, "its value is not text"))
                continue
            if attribute.get("deleted") is True:
                out.skipped.append((ref, "deleted"))
                continue
            if attribute.get("type") == "domain|ip":
                value = value.split("|", 1)[0]
            own = _misp_tlp(attribute.get("Tag") or [])
            out.items.append(PartnerItem(kind, value, own or tlp, ref))
    return out


def _misp_tlp(tags: list[Any]) -> Tlp | None:
    for tag in tags:
        name = str(tag.get("name", "") if isinstance(tag, dict) else tag).lower()
        if name.startswith("tlp:") and name[4:] in _TLP_NAMES:
            return _TLP_NAMES[name[4:]]
    return None


def _csv(text: str, name: str) -> PartnerFile:
    """URLhaus (comment lines, the header among them: ``# id,dateadded,url,...``), PhishTank
    (``phish_id,url,...``) or any CSV with a url or domain column."""
    lines = text.splitlines()
    header_at = next(
        (i for i, line in enumerate(lines) if _is_header(line.lstrip("# ").lower())), None
    )
    if header_at is None:
        raise InvalidInput(
            f"{name}: no header with a 'url' or 'domain' column (a STIX bundle, a MISP event "
            "or a URLhaus / PhishTank CSV is expected)"
        )
    header = next(csv.reader([lines[header_at].lstrip("# ")]))
    columns = [c.strip().lower() for c in header]
    body = [line for line in lines[header_at + 1 :] if line.strip() and not line.startswith("#")]
    out = PartnerFile("csv")
    url_col = next((columns.index(c) for c in _URL_COLUMNS if c in columns), None)
    domain_col = next((columns.index(c) for c in _DOMAIN_COLUMNS if c in columns), None)
    status_col = columns.index("url_status") if "url_status" in columns else None
    for number, row in enumerate(csv.reader(io.StringIO("\n".join(body))), start=header_at + 2):
        where = f"line {number}"
        if status_col is not None and len(row) > status_col and row[status_col] == "offline":
            out.skipped.append((where, "offline"))
            continue
        if url_col is not None and len(row) > url_col and row[url_col].strip():
            out.items.append(PartnerItem("url", row[url_col].strip(), None, where))
        elif domain_col is not None and len(row) > domain_col and row[domain_col].strip():
            out.items.append(PartnerItem("domain", row[domain_col].strip(), None, where))
        else:
            out.skipped.append((where, "no url or domain"))
    return out


def _is_header(line: str) -> bool:
    try:
        cells = {c.strip() for c in next(csv.reader([line]))}
    except (csv.Error, StopIteration):
        return False
    return bool(cells & {*_URL_COLUMNS, *_DOMAIN_COLUMNS})
