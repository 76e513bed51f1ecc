"""Reporters' contacts are sealed at rest and opened only for the roles that may read them."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.categories import Channel, ScamCategory
from cyberpol.platform.sealing import Sealer, SealError
from cyberpol.reports.domain import ReportSubmission

ANALYST = Actor("analyst", Role.ANALYST)
CONTACT = "Айгерим, +7 777 000 11 22, aigerim.n@mail.kz"


def _submit(runtime: Runtime, contact: str | None) -> str:
    submission = ReportSubmission(
        text="Звонили с 8 701 555 12 34, просили код из SMS",
        category=ScamCategory.FAKE_BANK_CALL,
        channel=Channel.API,
        contact=contact,
    )
    return runtime.reports.submit(submission=submission).report.id


def _stored_contact(runtime: Runtime, report_id: str) -> str | None:
    with runtime.engine.connect() as connection:
        value = connection.execute(
            text("SELECT contact FROM reports WHERE id = :id"), {"id": report_id}
        ).scalar_one()
    return None if value is None else str(value)


def test_contacts_are_sealed_at_rest_and_opened_for_analysts(runtime: Runtime) -> None:
    report_id = _submit(runtime, CONTACT)
    stored = _stored_contact(runtime, report_id)
    assert stored is not None
    assert stored.startswith("seal1:")
    assert "777" not in stored
    assert "aigerim" not in stored
    assert runtime.reports.get(actor=ANALYST, report_id=report_id).contact == CONTACT
    no_contact = _submit(runtime, None)
    assert _stored_contact(runtime, no_contact) is None
    assert runtime.reports.get(actor=ANALYST, report_id=no_contact).has_contact is False


def test_a_card_number_given_as_contact_is_masked_before_sealing(runtime: Runtime) -> None:
    report_id = _submit(runtime, "карта 4400 4301 2345 6789")
    assert runtime.reports.get(actor=ANALYST, report_id=report_id).contact == (
        "карта 440043******6789"
    )


def test_a_sealed_contact_opens_only_with_its_key_and_on_its_own_report() -> None:
    sealer = Sealer(b"k" * 40)
    sealed = sealer.seal(CONTACT, context="reports.contact:R1")
    assert sealer.open(sealed, context="reports.contact:R1") == CONTACT
    assert sealer.seal(CONTACT, context="reports.contact:R1") != sealed  # fresh nonce
    with pytest.raises(SealError, match="CYBERPOL_CONTACT_KEY"):
        sealer.open(sealed, context="reports.contact:R2")
    with pytest.raises(SealError):
        Sealer(b"other" * 8).open(sealed, context="reports.contact:R1")
    # stored before sealing existed: read as it is
    assert sealer.open("+77770001122", context="reports.contact:R1") == "+77770001122"
