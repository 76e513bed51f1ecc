"""The registry, reports and audit log on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import Conflict
from cyberpol.migrations import schema
from cyberpol.registry.domain import Blocker, IndicatorStatus, StatusChange
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.registry.service.checks import CheckResult
from cyberpol.reports.domain import ReportSubmission
from cyberpol.reports.service.submission import Submitted

ANALYST = Actor("a.nurlanova", Role.ANALYST)


def submit(
    runtime: Runtime,
    text: str,
    *,
    contact: str | None = None,
    client: str = "10.1.1.1",
    category: ScamCategory = ScamCategory.FAKE_BANK_CALL,
    key: str | None = None,
) -> Submitted:
    submission = ReportSubmission(
        text=text,
        category=category,
        channel=Channel.API,
        region=Region.KARAGANDA,
        loss_amount=Decimal("150000"),
        contact=contact,
    )
    return runtime.reports.submit(
        submission=submission,
        client_ref=client,
        idempotency_key=key,
    )


def check(runtime: Runtime, *values: str) -> list[CheckResult]:
    return runtime.registry.check_values(values=list(values))


def test_migrations_create_exactly_the_declared_schema(runtime: Runtime) -> None:
    with runtime.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), schema())
    assert differences == []


def test_independent_reports_are_counted_once_per_reporter(runtime: Runtime) -> None:
    text = "Звонили с 8 701 555 12 34 из 'банка', просили код"
    submit(runtime, text, contact="+77770001122")
    submit(runtime, text, contact="8 777 000 11 22")  # the same person typing differently
    submit(runtime, text, contact=None, client="10.9.9.9")
    submit(
        runtime,
        "Опять +7 (701) 555-12-34, теперь 'полиция'",
        category=ScamCategory.FAKE_POLICE_CALL,
        client="10.8.8.8",
    )
    [result] = check(runtime, "87015551234")
    assert result.verdict == "reported"
    assert result.report_count == 3
    submit(runtime, text, client="10.9.9.9")  # the anonymous client again
    [again] = check(runtime, "87015551234")
    assert again.report_count == 3
    assert set(result.categories) == {"fake_bank_call", "fake_police_call"}


def test_card_number_is_never_stored_in_full(runtime: Runtime) -> None:
    submitted = submit(
        runtime, "перевела на карту 4400 4301 2345 6789 продавцу", contact="me@mail.kz"
    )
    with runtime.engine.connect() as connection:
        dump = " ".join(
            str(row)
            for table in ("reports", "indicators")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        )
    assert "4400430123456789" not in dump
    assert "4400 4301 2345 6789" not in dump
    assert "440043******6789" in dump
    [card] = check(runtime, "4400-4301-2345-6789")
    assert card.verdict == "reported"
    assert card.value == "440043******6789"
    assert submitted.report.text == "перевела на карту 440043******6789 продавцу"


def test_status_changes_blocks_and_audit(runtime: Runtime) -> None:
    submit(runtime, "сайт hxxps://kaspi-bonus[.]kz/login и телефон 8 701 555 12 34")
    [domain] = check(runtime, "kaspi-bonus.kz")
    indicator_id = domain.indicator_id
    assert indicator_id is not None
    runtime.registry.change_status(
        actor=ANALYST,
        indicator_id=indicator_id,
        change=StatusChange(IndicatorStatus.CONFIRMED, "phishing kit found"),
    )
    runtime.registry.change_status(
        actor=ANALYST,
        indicator_id=indicator_id,
        change=StatusChange(
            IndicatorStatus.BLOCKED, "delegation suspended", Blocker.REGISTRAR, "PS KZ"
        ),
    )
    [blocked] = check(runtime, "https://kaspi-bonus.kz/another-page")
    assert blocked.verdict == "blocked"
    assert blocked.matched_on is not None
    assert blocked.matched_on.value == "kaspi-bonus.kz"
    assert [(b.by, b.name) for b in blocked.blocks] == [(Blocker.REGISTRAR, "PS KZ")]
    with pytest.raises(Conflict):
        runtime.registry.change_status(
            actor=ANALYST,
            indicator_id=indicator_id,
            change=StatusChange(IndicatorStatus.DISMISSED, "oops"),
        )
    uow = runtime.reports.uow()
    with uow:
        entries = uow.audit.entries(object_type=AuditObject.INDICATOR, object_id=str(indicator_id))
    assert [(e.action, e.details["to"]) for e in entries] == [
        ("indicator.status", "confirmed"),
        ("indicator.status", "blocked"),
    ]
    assert all(e.actor == "a.nurlanova" for e in entries)


def test_audit_log_refuses_changes_in_the_database(runtime: Runtime) -> None:
    submitted = submit(runtime, "звонок с 8 701 555 12 34", contact="+77015550000")
    runtime.reports.get(actor=ANALYST, report_id=submitted.report.id)
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), runtime.engine.begin() as connection:
            connection.execute(text(statement))
    uow = runtime.reports.uow()
    with uow:
        [entry] = uow.audit.entries(object_type=AuditObject.REPORT, object_id=submitted.report.id)
    assert (entry.action, entry.actor) == ("report.read_contact", "a.nurlanova")


def test_related_indicators_and_filters(runtime: Runtime) -> None:
    submit(
        runtime,
        "продавец 8 701 555 12 34, карта 4400 4301 2345 6789",
        category=ScamCategory.MARKETPLACE_AD,
    )
    submit(runtime, "другой: 8 702 000 00 01", category=ScamCategory.ROMANCE)
    [phone] = check(runtime, "8 701 555 12 34")
    assert phone.indicator_id is not None
    detail = runtime.reports.indicator_detail(actor=ANALYST, indicator_id=phone.indicator_id)
    assert [r.value for r in detail.related] == ["440043******6789"]
    assert len(detail.reports) == 1
    assert detail.reports[0].contact is None
    uow = runtime.reports.uow()
    with uow:
        cards = uow.indicators.search(IndicatorFilter(kind="card"))
        romance = uow.indicators.search(IndicatorFilter(category="romance"))
        karaganda = uow.indicators.search(IndicatorFilter(region="karaganda"))
        nowhere = uow.indicators.search(IndicatorFilter(region="astana"))
    assert [i.value for i in cards.items] == ["440043******6789"]
    assert [i.value for i in romance.items] == ["+77020000001"]
    assert karaganda.total == 3
    assert nowhere.total == 0


def test_concurrent_submissions_with_one_key_store_one_report(runtime: Runtime) -> None:
    import threading

    results, errors = [], []
    barrier = threading.Barrier(4)

    def send() -> None:
        barrier.wait()
        try:
            results.append(
                submit(runtime, "звонок 8 701 555 12 34", key="retry-7", client="10.0.0.5")
            )
        except Exception as exc:  # any failure is reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({r.report.id for r in results}) == 1
    assert sum(not r.replayed for r in results) == 1
    with runtime.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM reports")).scalar_one() == 1
    # the same key from another client is another report
    other = submit(runtime, "звонок 8 701 555 12 34", key="retry-7", client="10.0.0.6")
    assert other.report.id != results[0].report.id
    assert not other.replayed


def test_date_filters_respect_time_zones(runtime: Runtime) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from cyberpol.reports.ports import ReportFilter

    submit(runtime, "звонок 8 701 555 12 34")
    astana = timezone(timedelta(hours=5))
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).astimezone(astana)
    uow = runtime.reports.uow()
    with uow:
        reports = uow.reports.search(ReportFilter(created_since=an_hour_ago))
        indicators = uow.indicators.search(IndicatorFilter(seen_since=an_hour_ago))
        future = uow.indicators.search(IndicatorFilter(seen_since=an_hour_ago + timedelta(hours=2)))
    assert reports.total == 1
    assert indicators.total == 1
    assert future.total == 0
