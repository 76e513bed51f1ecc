"""The do-not-originate list, kept by admins over the API and at the console."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.audit import AuditObject
from tests.factories import bearer, token_for


def test_admins_keep_numbers_that_never_call(runtime: Runtime) -> None:
    admin = bearer(token_for(runtime, "admin1", Role.ADMIN))
    analyst = bearer(token_for(runtime, "a.nurlanova", Role.ANALYST))
    with TestClient(create_app(runtime)) as client:
        # One hotline written three ways, the police, a bank's short number.
        sent = client.post("/api/v1/protected-numbers", headers=admin, json={
            "numbers": ["+7 727 244 40 40", "87272444040", "102", "7111"],
            "label": "Halyk Bank, police, Kaspi",
        })  # fmt: skip
        assert sent.status_code == 200, sent.text
        assert sent.json() == {"numbers": ["+77272444040", "+77272444040", "102", "7111"],
                               "changed": 3}  # fmt: skip
        again = client.post("/api/v1/protected-numbers", headers=admin,
                            json={"numbers": ["102"]})  # fmt: skip
        assert again.json()["changed"] == 0
        listed = client.get("/api/v1/protected-numbers", headers=admin).json()
        assert [p["number"] for p in listed] == ["+77272444040", "102", "7111"]
        assert listed[0]["added_by"] == "admin1"
        bad = client.post("/api/v1/protected-numbers", headers=admin,
                          json={"numbers": ["102", "+7701"]})  # fmt: skip
        assert bad.status_code == 400
        assert "+7701" in bad.json()["error"]["detail"]
        odd_label = client.post("/api/v1/protected-numbers", headers=admin,
                                json={"numbers": ["112"], "label": "a\x00b"})  # fmt: skip
        assert odd_label.status_code in (400, 422)
        assert client.post("/api/v1/protected-numbers", headers=analyst,
                           json={"numbers": ["112"]}).status_code == 403  # fmt: skip
        off = client.post("/api/v1/protected-numbers", headers=admin,
                          json={"numbers": ["7111"], "protect": False})  # fmt: skip
        assert off.json()["changed"] == 1
    kept = runtime.telecom.protected_numbers(actor=CONSOLE)
    assert [p.number for p in kept] == ["+77272444040", "102"]  # nothing of the refused ones
    audit = runtime.accounts.read_audit(actor=CONSOLE, object_type=AuditObject.PROTECTED_NUMBERS,
                                        object_id="protect")  # fmt: skip
    assert len(audit) == 2
