"""Property-based API tests generated from our own OpenAPI spec: no 500s, responses match it."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import APIOperation
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok

from cyberpol.bootstrap import bootstrap
from cyberpol.entrypoints.http import create_app
from cyberpol.freeze.domain.targets import FreezeTarget
from cyberpol.kernel.access import CONSOLE, Actor, Role
from tests.e2e.operations import ROLES, role_for
from tests.factories import make_settings, token_for

# schemathesis' pytest integration needs the app at collection time, hence a module-level runtime.
_runtime = bootstrap(
    make_settings(
        Path(tempfile.mkdtemp(prefix="cyberpol-fuzz-")),
        public_check_rate=100_000,
        public_report_rate=100_000,
        token_check_rate=100_000,
        token_report_rate=100_000,
        batch_rate=100_000,
    )
)
_BANK = "CASPKZKA"
_runtime.freeze.connect_bank(actor=CONSOLE, code=_BANK, name="Kaspi")
# One open request, so that small ids reach the acknowledge, answer and release logic.
_runtime.freeze.issue(
    actor=Actor("fuzz-investigator", Role.INVESTIGATOR),
    case_number="261500031000123",
    legal_basis="Fuzzing",
    targets=[FreezeTarget("KZ86125KZT5004100100", _BANK, Decimal("1000"))],
)
_ORGANISATIONS = {Role.BANK: _BANK, Role.OPERATOR: "KCELL"}
_TOKENS = {
    role: token_for(_runtime, f"fuzz-{role.value}", role, _ORGANISATIONS.get(role))
    for role in ROLES
}
# A schema-valid request may still be refused for what it means (400: `value=0` is no phone,
# a window of 0 minutes, a state the request is not in: 409); it must never be refused as
# schema-invalid (422), which would mean the spec promises more than the server accepts.
_CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "413", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_runtime), config=_CONFIG)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_never_fails_and_matches_its_spec(case: schemathesis.Case) -> None:
    # Every case carries the token of the role the operation is for, so negative cases are
    # refused for their data (not just for a missing token) and positive ones reach the logic.
    # A negative case that dropped the Authorization header is sent without a token: given
    # one, the API rightly answers 200 and the "accepted" failure would be the test's own.
    dropped = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    dropped = dropped and "authorization" not in {k.lower() for k in case.headers or {}}
    case.call_and_validate(
        headers={} if dropped else _headers_for(case.method, case.operation.path)
    )


def _headers_for(method: str, path: str) -> dict[str, str]:
    """The bearer token of the role this operation is for; an analyst's when none is named."""
    return {"Authorization": f"Bearer {_TOKENS[role_for(method, path)]}"}


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
