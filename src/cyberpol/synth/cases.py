"""Demo cases opened from the demo's reports: a unit's year in a few dozen cases, each with
its victims (losses from the reports, many of pension age), some investigated, some sent to
court, some closed on either ground, some suspended."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

from cyberpol.cases.domain import CaseDraft, CaseState, CloseGround, NewParty, PartyRole, Transition
from cyberpol.cases.service import CaseService
from cyberpol.kernel.access import Actor
from cyberpol.kernel.categories import ScamCategory
from cyberpol.reports.ports import ReportFilter
from cyberpol.reports.service import ReportService

_TITLES = {
    ScamCategory.MARKETPLACE_AD: "Предоплата за товар на OLX",
    ScamCategory.FAKE_BANK_CALL: "Звонки «службы безопасности банка»",
    ScamCategory.FAKE_POLICE_CALL: "Звонки «из полиции» о «безопасном счёте»",
    ScamCategory.INVESTMENT_SCAM: "«Инвестиции» с гарантированным доходом",
    ScamCategory.PYRAMID: "Финансовая пирамида",
    ScamCategory.LOAN_IN_VICTIM_NAME: "Кредиты на имя потерпевших",
    ScamCategory.PHISHING_LINK: "Фишинговые ссылки на «выплаты»",
}
_NAMES = ("Айгүл", "Болат", "Галина", "Ерлан", "Зауре", "Николай", "Сәуле", "Тамара", "Нұрлан")
_SURNAMES = ("Ахметова", "Иванов", "Сейткали", "Ким", "Омарова", "Петренко", "Жумабаев")
# (share of cases, the states they pass through, the closing ground)
_PATHS: tuple[tuple[float, tuple[CaseState, ...], CloseGround | None], ...] = (
    (0.15, (), None),
    (0.35, (CaseState.INVESTIGATING,), None),
    (0.2, (CaseState.INVESTIGATING, CaseState.SENT_TO_COURT), None),
    (0.15, (CaseState.INVESTIGATING, CaseState.CLOSED), CloseGround.NON_REHABILITATING),
    (0.05, (CaseState.INVESTIGATING, CaseState.CLOSED), CloseGround.REHABILITATING),
    (0.1, (CaseState.INVESTIGATING, CaseState.SUSPENDED), None),
)


def seed_cases(
    cases: CaseService, reports: ReportService, actor: Actor, *, count: int, seed: int
) -> int:
    """Open ``count`` cases from the demo's reports; how many were opened."""
    rng = random.Random(seed)
    opened = 0
    for n, category in zip(range(count), itertools.cycle(_TITLES), strict=False):
        page = reports.list_reports(
            actor=actor,
            filters=ReportFilter(category=category.value, limit=4, offset=n // len(_TITLES) * 4),
        )
        if not page.items:
            continue
        first = page.items[0]
        case = cases.open(
            actor=actor,
            draft=CaseDraft(
                category=category,
                title=_TITLES[category],
                region=first.region,
                erdr_number=f"26{rng.randrange(10**12, 10**13):013d}",
                article="190 ч.2" if rng.random() < 0.6 else "190 ч.3",
                investigator=rng.choice(("demo-investigator", None)),
                report_ids=tuple(r.id for r in page.items),
            ),
        )
        for report in page.items:
            name = f"{rng.choice(_NAMES)} {rng.choice(_SURNAMES)}"
            loss = report.loss_amount or Decimal(rng.randrange(20, 900) * 1000)
            victim = NewParty(
                PartyRole.VICTIM, name, loss=loss, pensioner=rng.random() < 0.45,
                report_id=report.id,
            )  # fmt: skip
            cases.add_party(actor=actor, case_id=case.summary.id, party=victim)
        _walk(cases, actor, case.summary.id, rng)
        opened += 1
    return opened


def _walk(cases: CaseService, actor: Actor, case_id: int, rng: random.Random) -> None:
    states, ground = rng.choices(
        [(states, ground) for _, states, ground in _PATHS], weights=[w for w, _, _ in _PATHS]
    )[0]
    for state in states:
        close = ground if state is CaseState.CLOSED else None
        transition = Transition(state, "демо: ход расследования", close)
        cases.move(actor=actor, case_id=case_id, transition=transition)
