"""The case figures the statistics read stay equal to a recount of the cases themselves, and
to what the migration backfills: on SQLite and PostgreSQL, across a month's edge in
Kazakhstan, through a change of region, a case closed twice, and a change that is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import select

from cyberpol import migrations
from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import (
    CaseChange,
    CaseDraft,
    CaseState,
    CloseGround,
    LinkKind,
    NewParty,
    PartyRole,
    Transition,
)
from cyberpol.cases.store.figures import recount_case_tallies
from cyberpol.cases.tables import case_tallies
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.clock import ManualClock
from cyberpol.kernel.errors import Conflict
from cyberpol.kernel.figures import Figure, FigureFilter
from cyberpol.platform.db.engine import alembic_config

Row = tuple[str, str, str, str, Decimal]


def _tallies(runtime: Runtime) -> list[Row]:
    t = case_tallies.c
    with runtime.engine.connect() as db:
        rows = db.execute(
            select(t.figure, t.month, t.region, t.category, t.value)
            .where(t.value != 0)
            .order_by(t.figure, t.month, t.region, t.category)
        ).all()
    return [(r.figure, r.month, r.region, r.category, Decimal(r.value)) for r in rows]


def _work(runtime: Runtime) -> None:
    clock = ManualClock(datetime(2026, 11, 30, 18, 58, tzinfo=UTC))  # 23:58 in Astana
    runtime.clock = clock
    cases = runtime.cases
    first = cases.open(
        actor=CONSOLE,
        draft=CaseDraft(ScamCategory.INVESTMENT_SCAM, "Лже-брокер", region=Region.ASTANA,
                        erdr_number="262500021000017"),
    ).summary.id  # fmt: skip
    for name, role, loss, pensioner in (
        ("Сәуле", PartyRole.VICTIM, "1250000.50", True),
        ("Марат", PartyRole.VICTIM, "300000", False),
        ("«Брокер»", PartyRole.SUSPECT, "0", False),
    ):
        party = NewParty(role, name, loss=Decimal(loss), pensioner=pensioner)
        cases.add_party(actor=CONSOLE, case_id=first, party=party)
    clock.advance(minutes=2)  # 00:00 on 1 December in Astana
    drops = ["KZ18722S000012345678", "KZ43965A220000089122"]
    cases.link(actor=CONSOLE, case_id=first, kind=LinkKind.DROP_ACCOUNT, refs=drops)
    cases.link(actor=CONSOLE, case_id=first, kind=LinkKind.DROP_ACCOUNT, refs=drops[:1])
    cases.link(actor=CONSOLE, case_id=first, kind=LinkKind.TRANSFER, refs=["TX-77120"])
    for transition in (
        Transition(CaseState.INVESTIGATING, "принято"),
        Transition(CaseState.CLOSED, "нет состава", CloseGround.REHABILITATING),
        Transition(CaseState.INVESTIGATING, "отменено прокурором"),
        Transition(CaseState.CLOSED, "нет состава", CloseGround.REHABILITATING),
    ):
        cases.move(actor=CONSOLE, case_id=first, transition=transition)
    second = cases.open(
        actor=CONSOLE, draft=CaseDraft(ScamCategory.FAKE_BANK_CALL, "Звонок «из банка»")
    ).summary.id
    cases.add_party(actor=CONSOLE, case_id=second,
                    party=NewParty(PartyRole.VICTIM, "Гүлнар", loss=Decimal("95000"),
                                   pensioner=True))  # fmt: skip
    clock.advance(days=3)
    cases.change(actor=CONSOLE, case_id=second, change=CaseChange(region=Region.ALMATY_CITY))
    cases.change(actor=CONSOLE, case_id=first, change=CaseChange(region=Region.KARAGANDA))
    taken = CaseChange(region=Region.PAVLODAR, erdr_number="262500021000017")
    with pytest.raises(Conflict):  # the ERDR number is the first case's: nothing changes
        cases.change(actor=CONSOLE, case_id=second, change=taken)
    cases.move(actor=CONSOLE, case_id=second, transition=Transition(CaseState.INVESTIGATING, "."))
    clock.advance(days=40)
    cases.move(actor=CONSOLE, case_id=second,
               transition=Transition(CaseState.SENT_TO_COURT, "обвинительный акт"))  # fmt: skip


def test_figures_kept_as_cases_change_equal_a_recount(runtime: Runtime) -> None:
    _work(runtime)
    kept = _tallies(runtime)
    assert kept == [
        ("cases_registered", "2026-11", "karaganda", "investment_scam", Decimal(1)),
        ("cases_registered", "2026-12", "almaty_city", "fake_bank_call", Decimal(1)),
        ("closed_rehabilitating", "2026-12", "karaganda", "investment_scam", Decimal(1)),
        ("damage", "2026-11", "karaganda", "investment_scam", Decimal("1550000.50")),
        ("damage", "2026-12", "almaty_city", "fake_bank_call", Decimal(95000)),
        ("drops_identified", "2026-12", "karaganda", "investment_scam", Decimal(2)),
        ("pensioner_victims", "2026-11", "karaganda", "investment_scam", Decimal(1)),
        ("pensioner_victims", "2026-12", "almaty_city", "fake_bank_call", Decimal(1)),
        ("sent_to_court", "2027-01", "almaty_city", "fake_bank_call", Decimal(1)),
    ]
    with runtime.engine.begin() as db:
        recount_case_tallies(db)
    assert _tallies(runtime) == kept


def test_the_migration_backfills_what_the_cases_kept(runtime: Runtime) -> None:
    _work(runtime)
    kept = _tallies(runtime)
    with runtime.engine.begin() as db:
        config = alembic_config(runtime.engine, migrations.LOCATION)
        config.attributes["connection"] = db
        command.downgrade(config, "0012_report_tallies")
        command.upgrade(config, "head")
    assert _tallies(runtime) == kept


def test_the_statistics_read_the_kept_figures(runtime: Runtime) -> None:
    _work(runtime)
    december = datetime(2026, 11, 30, 19, tzinfo=UTC)
    figures = runtime.cases.figures(
        actor=CONSOLE, filters=FigureFilter(since=december, until=december + timedelta(days=31))
    )
    assert {(t.figure, t.region, t.value) for t in figures} == {
        (Figure.CASES_REGISTERED, "almaty_city", Decimal(1)),
        (Figure.CLOSED_REHABILITATING, "karaganda", Decimal(1)),
        (Figure.DAMAGE, "almaty_city", Decimal(95000)),
        (Figure.DROPS_IDENTIFIED, "karaganda", Decimal(2)),
        (Figure.PENSIONER_VICTIMS, "almaty_city", Decimal(1)),
    }
