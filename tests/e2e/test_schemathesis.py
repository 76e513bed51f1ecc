"""Property-based API tests generated from our own OpenAPI spec: no 500s, responses match it."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import APIOperation
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.result import Ok

from cyberpol.bootstrap import bootstrap
from cyberpol.entrypoints.http import create_app
from cyberpol.freeze.domain.targets import FreezeTarget
from cyberpol.kernel.access import OPERATOR, Actor, Role
from tests.factories import make_settings, token_for

# schemathesis' pytest integration needs the app at collection time, hence a module-level runtime.
_runtime = bootstrap(
    make_settings(
        Path(tempfile.mkdtemp(prefix="cyberpol-fuzz-")),
        public_check_rate=100_000,
        public_report_rate=100_000,
    )
)
_BANK = "CASPKZKA"
_runtime.freeze.connect_bank(actor=OPERATOR, code=_BANK, name="Kaspi")
# One open request, so that small ids reach the acknowledge, answer and release logic.
_runtime.freeze.issue(
    actor=Actor("fuzz-investigator", Role.INVESTIGATOR),
    case_number="261500031000123",
    legal_basis="Fuzzing",
    targets=[FreezeTarget("KZ86125KZT5004100100", _BANK, Decimal("1000"))],
)
_TOKENS = {
    role: token_for(_runtime, f"fuzz-{role.value}", role, _BANK if role is Role.BANK else None)
    for role in (Role.ANALYST, Role.INVESTIGATOR, Role.ADMIN, Role.BANK)
}
# Each operation is called by the role that may call it; with one analyst token for all,
# bank, investigator and admin operations never got past their 403.
_ROLE_BY_OPERATION = [
    (re.compile(r"POST /api/v1/freeze-requests/\{request_id\}/(acknowledge|answer)$"), Role.BANK),
    (re.compile(r"POST /api/v1/transfers(/files)?$"), Role.BANK),
    (re.compile(r"POST /api/v1/freeze-requests(/\{request_id\}/release)?$"), Role.INVESTIGATOR),
    (re.compile(r"POST /api/v1/transfers/\{transfer_id\}/freeze-requests$"), Role.INVESTIGATOR),
    (re.compile(r"[A-Z]+ /api/v1/(banks|audit)\b"), Role.ADMIN),
]
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_runtime))


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_never_fails_and_matches_its_spec(case: schemathesis.Case) -> None:
    # A schema-valid value can still be no phone or card (`value=0`); a 400 with a message is
    # the right answer there, so only the "valid data accepted" check is left out.
    # Negative cases may be negative only by lacking the token; adding ours would make them
    # valid requests that then "should have been rejected". Unauthenticated, they must get 401.
    mode = str(getattr(getattr(case.meta, "generation", None), "mode", "")).lower()
    headers = None if "negative" in mode else _headers_for(case.method, case.operation.path)
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])


def _headers_for(method: str, path: str) -> dict[str, str]:
    """The bearer token of the role this operation is for; an analyst's when none is named."""
    operation = f"{method.upper()} {path}"
    role = next((r for pattern, r in _ROLE_BY_OPERATION if pattern.match(operation)), Role.ANALYST)
    return {"Authorization": f"Bearer {_TOKENS[role]}"}


def _operations() -> list[APIOperation]:
    """Every operation in the schema; one the schema cannot describe fails the test."""
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    return operations


def test_every_operation_has_a_role_that_may_call_it() -> None:
    """The token picker names the roles meant above (a renamed path would fall to analyst)."""
    picked = {
        (op.method.upper(), op.path): _headers_for(op.method, op.path)["Authorization"]
        for op in _operations()
    }
    by_role = {f"Bearer {token}": role for role, token in _TOKENS.items()}
    roles = {operation: by_role[token] for operation, token in picked.items()}
    assert roles[("POST", "/api/v1/transfers")] is Role.BANK
    assert roles[("POST", "/api/v1/freeze-requests/{request_id}/release")] is Role.INVESTIGATOR
    assert roles[("POST", "/api/v1/transfers/{transfer_id}/freeze-requests")] is Role.INVESTIGATOR
    assert roles[("POST", "/api/v1/banks/{code}/tokens")] is Role.ADMIN
    assert roles[("GET", "/api/v1/audit")] is Role.ADMIN
    assert roles[("GET", "/api/v1/freeze-requests")] is Role.ANALYST
