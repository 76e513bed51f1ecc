"""Managing users and tokens needs the right to; the operator at the console has it."""

from __future__ import annotations

import pytest

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE, Actor, Permission, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.errors import Forbidden, InvalidInput

PARTNER = Actor("olx", Role.PARTNER, "OLX")
ANALYST = Actor("a.nurlanova", Role.ANALYST)


@pytest.mark.parametrize("actor", [PARTNER, ANALYST], ids=["partner", "analyst"])
def test_only_user_managers_create_users_and_tokens(sqlite_runtime: Runtime, actor: Actor) -> None:
    rt = sqlite_runtime
    with pytest.raises(Forbidden, match="manage users"):
        rt.accounts.create_user(actor=actor, name="mallory", role=Role.ADMIN)
    rt.accounts.create_user(actor=CONSOLE, name="dana", role=Role.ANALYST)
    with pytest.raises(Forbidden, match="manage users"):
        rt.accounts.create_token(actor=actor, user_name="dana")
    issued = rt.accounts.create_token(actor=CONSOLE, user_name="dana")
    with pytest.raises(Forbidden, match="manage users"):
        rt.accounts.revoke_token(actor=actor, token=issued.prefix)
    with rt.accounts.uow() as uow:
        assert uow.users.user_by_name("mallory") is None


def test_revoking_a_token_is_audited_under_who_did_it(sqlite_runtime: Runtime) -> None:
    rt = sqlite_runtime
    admin = Actor("admin1", Role.ADMIN)
    rt.accounts.create_user(actor=admin, name="dana", role=Role.ANALYST)
    issued = rt.accounts.create_token(actor=admin, user_name="dana")
    assert rt.accounts.revoke_token(actor=admin, token=issued.prefix) == 1
    with rt.accounts.uow() as uow:
        [entry] = uow.audit.entries(object_type=AuditObject.TOKEN, object_id=issued.prefix[:10])
    assert (entry.actor, entry.action) == ("admin1", "token.revoke")


def test_the_console_may_do_everything_but_is_no_users_role(sqlite_runtime: Runtime) -> None:
    assert all(CONSOLE.may(p) for p in Permission)
    with pytest.raises(InvalidInput, match="console"):
        sqlite_runtime.accounts.create_user(actor=CONSOLE, name="root", role=Role.CONSOLE)


def test_a_mobile_operators_user_names_its_operator(sqlite_runtime: Runtime) -> None:
    with pytest.raises(InvalidInput, match="KCELL"):
        sqlite_runtime.accounts.create_user(actor=CONSOLE, name="kcell", role=Role.OPERATOR)
