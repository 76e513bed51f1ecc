"""Hostile input against every operation in the spec: never a 5xx, always a JSON error.

The operations come from ``app.openapi()``, so a new endpoint is covered the day it is added.
Each one is called with the token of the role it is for and a valid request (a known
baseline, or one built from its schema), then with one part of that request made hostile at
a time: every JSON leaf, query parameter, path parameter and header, and the whole body.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.entrypoints.http import create_app
from cyberpol.freeze.domain.targets import FreezeTarget
from cyberpol.kernel.access import CONSOLE, Actor, Role
from tests.e2e.operations import ROLES, role_for
from tests.factories import make_settings, token_for

BANK = "CASPKZKA"
CASE = "261500031000123"
ACCOUNT = "KZ86125KZT5004100100"
TRANSFER = "hostile-t1"

TEXTS = [
    "A" * 20_000,  # httpx refuses URLs over 64 KB; bodies get a longer one below
    "a\x00b",
    "\x01\x02\x1b[31m\x7f\x85\u2028",
    "\ud800",  # a lone surrogate: valid JSON text, no valid Unicode
    "\u202eevil\u202c",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%00%2e%2e%2f",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "",
    " ",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "2026-03-01",
    "2026-03-01T10:00:00+25:00",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999999999",
    "١٢٣",
]
JSON_VALUES: list[object] = [
    *TEXTS,
    "A" * 300_000,
    None,
    True,
    False,
    0,
    -1,
    2**63,
    -(10**40),
    10**400,
    1.7e308,
    5e-324,
    [],
    {},
    [[["deep"]]],
    {"$ne": None},
]
PATH_VALUES = [
    "..",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    quote("../../etc/passwd", safe=""),
    quote("a\x00b", safe=""),
    "A" * 5000,
    "-1",
    "0",
    "99999999999999999999999999",
    "%ff%fe",
    quote("١٢٣", safe=""),
    quote("' OR 1=1 --", safe=""),
]
HEADER_VALUES = [
    "A" * 8000,
    "*;q=NaN, ru;q=-1",
    "ru-RU,kk;q=2",
    "\u00e9".encode().decode("latin-1"),
]
RAW_BODIES = [
    b"",
    b"\xff\xfe\x00{",
    b'{"text": "\xff\xfe", "category": "other"}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    b"NaN",
    b'{"amount": Infinity}',
    b"null",
    b"[]",
    b"{}",
    b'"just a string"',
    b"\x00" * 1000,
]


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str  # with path parameters filled in
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    json_body: object = None
    raw_body: bytes | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None

    def label(self) -> str:
        shown = {k: v[:40] for k, v in self.query.items()}
        return f"{self.method} {self.path[:120]} query={shown}"


# Valid requests where the schema alone cannot make one (ids that exist, a known case).
PATH_BASELINES = {
    "indicator_id": "1",
    "request_id": "1",
    "code": BANK,
    "case_number": CASE,
    "transfer_id": TRANSFER,
    "account": ACCOUNT,
}
QUERY_BASELINES = {
    "value": "87015551234",
    "object_type": "freeze_request",
    "object_id": "1",
}
BODY_BASELINES: dict[str, object] = {
    "POST /api/v1/indicators/check": {"values": ["87015551234", "4400430123456789"]},
    "POST /api/v1/indicators/{indicator_id}/status": {
        "status": "blocked",
        "reason": "Confirmed by the bank",
        "blocked_by": "bank",
        "blocker_name": "Kaspi",
    },
    "POST /api/v1/reports": {
        "text": "Звонили с 8 701 555 12 34, просили перевести на карту",
        "category": "fake_bank_call",
        "region": "almaty_city",
        "loss_amount": "250000.50",
        "contact": "+7 777 123 45 67",
        "language": "ru",
        "attachments": [
            {"filename": "chat.txt", "content_type": "text/plain", "data_base64": "aGk="}
        ],
    },
    "POST /api/v1/transfers": [
        {
            "transfer_id": "hostile-t2",
            "ts": "2026-03-01T10:00:00+05:00",
            "amount": "1000.00",
            "currency": "KZT",
            "from_account": ACCOUNT,
            "from_bank": BANK,
            "to_account": "KZ56722S000000000001",
            "to_bank": "HSBKKZKX",
            "channel": "transfer",
        }
    ],
    "POST /api/v1/mules/{account}/verdict": {"is_mule": True},
    "POST /api/v1/banks": {"code": "HSBKKZKX", "name": "Halyk Bank"},
    "POST /api/v1/banks/{code}/tokens": {"user": "bank-api", "label": "hostile"},
    "POST /api/v1/freeze-requests": {
        "case_number": CASE,
        "legal_basis": "Art. 161 CPC",
        "targets": [
            {
                "account": ACCOUNT,
                "bank": BANK,
                "amount": 1000,
                "currency": "KZT",
                "hop": 1,
                "origin_transfer_id": "tx-1",
            }
        ],
    },
    "POST /api/v1/freeze-requests/{request_id}/answer": {
        "frozen_amount": "100",
        "onward_transfers": [
            {
                "amount": "50",
                "moved_at": "2026-03-01T10:00:00+05:00",
                "channel": "transfer",
                "account": "KZ56722S000000000001",
                "bank": "HSBKKZKX",
                "reference": "ref-1",
            }
        ],
        "rejection_reason": None,
    },
    "POST /api/v1/freeze-requests/{request_id}/release": {
        "returned_amount": "10",
        "note": "Returned",
    },
    "POST /api/v1/transfers/{transfer_id}/freeze-requests": {
        "case_number": CASE,
        "legal_basis": "Art. 161 CPC",
        "window": "72h",
        "method": "fifo",
    },
}
UPLOAD_NAMES = ["..", ".", "/", "a\x00b.csv", "A" * 300 + ".csv", "../../x.csv", "noext", ""]


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TestClient, dict[Role, str]]]:
    runtime = bootstrap(
        make_settings(
            tmp_path_factory.mktemp("hostile"),
            public_check_rate=100_000,
            public_report_rate=100_000,
            token_check_rate=100_000,
            token_report_rate=100_000,
            batch_rate=100_000,
        )
    )
    _seed(runtime)
    organisations = {Role.BANK: BANK, Role.OPERATOR: "KCELL"}
    tokens = {
        role: token_for(runtime, f"hostile-{role.value}", role, organisations.get(role))
        for role in ROLES
    }
    with TestClient(create_app(runtime), raise_server_exceptions=False) as client:
        yield client, tokens
    runtime.engine.dispose()


def _seed(runtime: Runtime) -> None:
    runtime.freeze.connect_bank(actor=CONSOLE, code=BANK, name="Kaspi")
    runtime.freeze.issue(
        actor=Actor("hostile-investigator", Role.INVESTIGATOR),
        case_number=CASE,
        legal_basis="Hostile input",
        targets=[FreezeTarget(ACCOUNT, BANK, Decimal("1000"))],
    )
    runtime.money_trail.submit(
        actor=Actor("hostile-seed", Role.BANK, BANK),
        records=[
            {
                "transfer_id": TRANSFER,
                "ts": "2026-03-01T09:00:00+05:00",
                "amount": "5000",
                "currency": "KZT",
                "from_account": "KZ56722S000000000001",
                "from_bank": "HSBKKZKX",
                "to_account": ACCOUNT,
                "to_bank": BANK,
                "channel": "transfer",
            }
        ],
    )


def test_no_hostile_input_reaches_a_server_error(
    served: tuple[TestClient, dict[Role, str]],
) -> None:
    client, tokens = served
    spec = client.app.openapi() if isinstance(client.app, FastAPI) else {}
    failures: list[str] = []
    sent = 0
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            auth = {"Authorization": f"Bearer {tokens[role_for(method, path)]}"}
            for request in _hostile_requests(spec, method.upper(), path, operation):
                sent += 1
                problem = _problem(client, request, auth)
                if problem:
                    failures.append(f"{request.label()}: {problem}")
    assert sent > 2000  # every operation got its share
    assert not failures, f"{len(failures)} hostile requests failed:\n" + "\n".join(failures[:40])


def _problem(client: TestClient, request: Request, auth: dict[str, str]) -> str | None:
    # Encoded by hand: a lone surrogate becomes bytes that are not UTF-8, as an attacker
    # would send them (httpx refuses to encode it).
    query = "&".join(
        f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}"
        for k, v in request.query.items()
    )
    response = client.request(
        request.method,
        f"{request.path}?{query}" if query else request.path,
        headers={k: v.encode("latin-1") for k, v in (auth | request.headers).items()}
        | ({"Content-Type": b"application/json"} if request.raw_body is not None else {}),
        content=request.raw_body
        if request.raw_body is not None
        else (None if request.json_body is None else json.dumps(request.json_body).encode()),
        files=request.files,
    )
    if response.status_code >= 500:
        return f"{response.status_code} {response.text[:200]}"
    if response.status_code >= 400:
        try:
            detail = response.json()["error"]["detail"]
        except (ValueError, KeyError, TypeError):
            return f"{response.status_code} without a JSON error: {response.text[:200]}"
        if not isinstance(detail, str) or not detail.strip():
            return f"{response.status_code} with an empty message"
    return None


def _hostile_requests(
    spec: dict[str, Any], method: str, path: str, operation: dict[str, Any]
) -> Iterator[Request]:
    parameters = operation.get("parameters", [])
    path_values = {
        p["name"]: PATH_BASELINES.get(p["name"], "1") for p in parameters if p["in"] == "path"
    }
    query = {
        p["name"]: QUERY_BASELINES.get(p["name"], _example(spec, p["schema"]))
        for p in parameters
        if p["in"] == "query" and p.get("required")
    }
    body_schema = operation.get("requestBody", {}).get("content", {})
    body = (
        BODY_BASELINES.get(
            f"{method} {path}", _example(spec, body_schema["application/json"]["schema"])
        )
        if "application/json" in body_schema
        else None
    )
    base = Request(method, _fill(path, path_values), query=query, json_body=body)
    yield base
    for name in path_values:
        for value in PATH_VALUES:
            yield replace(base, path=_fill(path, {**path_values, name: value}, quoted=True))
    for parameter in parameters:
        if parameter["in"] == "query":
            for text in TEXTS:
                yield replace(base, query={**query, parameter["name"]: text})
        elif parameter["in"] == "header":
            for text in HEADER_VALUES:
                yield replace(base, headers={parameter["name"]: text})
    if body is not None:
        for raw in RAW_BODIES:
            yield replace(base, json_body=None, raw_body=raw)
        for hostile in _with_each_leaf_replaced(body):
            yield replace(base, json_body=hostile)
    if "multipart/form-data" in body_schema:
        yield replace(base, files={"file": ("transfers.csv", b"transfer_id,ts\n", "text/csv")})
        for name in UPLOAD_NAMES:
            yield replace(base, files={"file": (name, b"transfer_id,ts\n", "text/csv")})


def _fill(path: str, values: dict[str, str], *, quoted: bool = False) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value if quoted else quote(value, safe=""))
    return path


def _with_each_leaf_replaced(value: object) -> Iterator[object]:
    """Copies of ``value`` with one leaf (or the whole value) replaced by a hostile one."""
    yield from JSON_VALUES
    if isinstance(value, dict):
        for key, inner in value.items():
            for changed in _with_each_leaf_replaced(inner):
                yield {**value, key: changed}
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            for changed in _with_each_leaf_replaced(inner):
                yield [*value[:index], changed, *value[index + 1 :]]


def _example(spec: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A plain value that fits ``schema``, for operations without a baseline above."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _example(spec, spec["components"]["schemas"][name])
    for key in ("examples", "enum"):
        if schema.get(key):
            return schema[key][0]
    if "default" in schema:
        return schema["default"]
    if "anyOf" in schema:
        return _example(spec, schema["anyOf"][0])
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {
            k: _example(spec, v) for k, v in schema.get("properties", {}).items() if k in required
        }
    if kind == "array":
        return [_example(spec, schema.get("items", {}))] * max(1, schema.get("minItems", 1))
    return {"integer": 1, "number": 1, "boolean": True, "null": None}.get(str(kind), "x")


def test_every_operation_is_exercised(served: tuple[TestClient, dict[Role, str]]) -> None:
    """Each baseline names an operation that exists, so a renamed path is noticed."""
    client, _ = served
    spec = client.app.openapi() if isinstance(client.app, FastAPI) else {}
    operations = {f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item}
    assert set(BODY_BASELINES) <= operations
    assert len(operations) >= 25
