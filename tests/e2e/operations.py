"""Which role each API operation is meant for, shared by the whole-API fuzz tests."""

from __future__ import annotations

import re

from cyberpol.kernel.access import Role

# With one analyst token for all, bank, investigator and admin operations would never get
# past their 403; each operation is called by the role that may call it.
_ROLE_BY_OPERATION = [
    (re.compile(r"POST /api/v1/freeze-requests/\{request_id\}/(acknowledge|answer)$"), Role.BANK),
    (re.compile(r"POST /api/v1/transfers(/files)?$"), Role.BANK),
    (
        re.compile(r"POST /api/v1/block-requests/\{request_id\}/(acknowledge|answer)$"),
        Role.OPERATOR,
    ),
    (re.compile(r"POST /api/v1/block-requests(/\{request_id\}/restore)?$"), Role.INVESTIGATOR),
    (re.compile(r"POST /api/v1/(calls(/files|/verdict)?|roaming)$"), Role.OPERATOR),
    (re.compile(r"POST /api/v1/freeze-requests(/\{request_id\}/release)?$"), Role.INVESTIGATOR),
    (re.compile(r"POST /api/v1/transfers/\{transfer_id\}/freeze-requests$"), Role.INVESTIGATOR),
    (re.compile(r"[A-Z]+ /api/v1/(banks|audit|operators|protected-numbers)\b"), Role.ADMIN),
]
ROLES = (Role.ANALYST, Role.INVESTIGATOR, Role.ADMIN, Role.BANK, Role.OPERATOR)


def role_for(method: str, path: str) -> Role:
    """The role this operation (``POST``, ``/api/v1/...`` as in the spec) is for; analyst else."""
    operation = f"{method.upper()} {path}"
    return next((r for pattern, r in _ROLE_BY_OPERATION if pattern.match(operation)), Role.ANALYST)
