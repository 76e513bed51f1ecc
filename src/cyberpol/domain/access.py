"""Who may do what: roles, their permissions and the actor a request runs as."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from cyberpol.domain.errors import Forbidden, NotAuthenticated


class Role(enum.StrEnum):
    ANALYST = "analyst"
    INVESTIGATOR = "investigator"
    ADMIN = "admin"
    PARTNER = "partner"


class Permission(enum.StrEnum):
    READ_REPORTS = "read_reports"
    READ_REPORTER_CONTACT = "read_reporter_contact"
    READ_INDICATORS = "read_indicators"
    CHANGE_INDICATOR_STATUS = "change_indicator_status"
    BATCH_CHECK = "batch_check"
    MANAGE_USERS = "manage_users"
    READ_AUDIT_LOG = "read_audit_log"


_P = Permission
_ANALYST = frozenset(
    {
        _P.READ_REPORTS,
        _P.READ_REPORTER_CONTACT,
        _P.READ_INDICATORS,
        _P.CHANGE_INDICATOR_STATUS,
        _P.BATCH_CHECK,
    }
)
# Admins run the system, not cases: they see no reporter contacts.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: _ANALYST,
    Role.INVESTIGATOR: _ANALYST,
    Role.ADMIN: frozenset(
        {_P.READ_REPORTS, _P.READ_INDICATORS, _P.BATCH_CHECK, _P.MANAGE_USERS, _P.READ_AUDIT_LOG}
    ),
    Role.PARTNER: frozenset({_P.BATCH_CHECK}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The user or partner organisation a request acts for; ``anonymous`` for the public."""

    name: str
    role: Role | None
    organisation: str | None = None

    def may(self, permission: Permission) -> bool:
        return self.role is not None and permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        """Raise Forbidden unless this actor holds ``permission``."""
        if self.role is None:
            raise NotAuthenticated("This needs a bearer token (Authorization: Bearer <token>).")
        if not self.may(permission):
            action = permission.value.replace("_", " ")
            raise Forbidden(f"Role {self.role.value!r} may not {action}.")


ANONYMOUS = Actor(name="anonymous", role=None)
SYSTEM = Actor(name="system", role=Role.ADMIN)
