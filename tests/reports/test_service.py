"""Report submission on in-memory fakes: indicators found, replays answered, keys scoped."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import Conflict
from cyberpol.reports.domain import ReportLimits, ReportSubmission
from cyberpol.reports.service.submission import Submitted, submit_report
from tests.fakes import FakeUnitOfWork

SECRET = b"fake-secret-for-card-hashes-0123456789"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LIMITS = ReportLimits(max_text_chars=20_000, max_attachments=5, max_attachment_bytes=1 << 20)
REPORT = ReportSubmission(
    text="Звонили с 8 701 555 12 34 «из Kaspi», просили перевести на карту 4400 4301 2345 6789",
    category=ScamCategory.FAKE_BANK_CALL,
    channel=Channel.API,
    region=Region.ALMATY_CITY,
    loss_amount=Decimal("250000"),
    contact="+7 777 123 45 67",
)


def submit(
    uow: FakeUnitOfWork,
    submission: ReportSubmission,
    *,
    idempotency_key: str | None = None,
    client_ref: str | None = None,
) -> Submitted:
    return submit_report(
        uow=uow,
        submission=submission,
        limits=LIMITS,
        card_secret=SECRET,
        now=NOW,
        idempotency_key=idempotency_key,
        client_ref=client_ref,
    )


def test_a_report_names_its_indicators_and_hides_the_contact() -> None:
    uow = FakeUnitOfWork()
    submitted = submit(uow, REPORT)
    assert not submitted.replayed
    assert submitted.report.contact is None
    assert {(i.kind.value, i.value) for i in submitted.report.indicators} == {
        ("phone", "+77015551234"),
        ("card", "440043******6789"),
    }
    assert all(s.report_count == 1 for s in uow.indicators.rows.values())
    [stored] = uow.reports.stored.values()
    assert "4400 4301 2345 6789" not in stored.text
    assert "440043******6789" in stored.text


def test_the_same_key_and_body_replay_the_first_report() -> None:
    uow = FakeUnitOfWork()
    first = submit(uow, REPORT, idempotency_key="42", client_ref="10.0.0.1")
    again = submit(uow, REPORT, idempotency_key="42", client_ref="10.0.0.1")
    assert (first.replayed, again.replayed) == (False, True)
    assert again.report.id == first.report.id
    assert len(uow.reports.stored) == 1


def test_the_same_key_with_another_body_is_a_conflict_and_stores_nothing() -> None:
    uow = FakeUnitOfWork()
    submit(uow, REPORT, idempotency_key="42", client_ref="10.0.0.1")
    other = ReportSubmission(
        "Сайт kaspi-bonus.kz просит код", ScamCategory.PHISHING_LINK, Channel.API
    )
    with pytest.raises(Conflict):
        submit(uow, other, idempotency_key="42", client_ref="10.0.0.1")
    assert len(uow.reports.stored) == 1


def test_keys_are_scoped_per_client() -> None:
    uow = FakeUnitOfWork()
    mine = submit(uow, REPORT, idempotency_key="1", client_ref="10.0.0.1")
    theirs = submit(uow, REPORT, idempotency_key="1", client_ref="10.0.0.2")
    assert mine.report.id != theirs.report.id
    assert len(uow.reports.stored) == 2
