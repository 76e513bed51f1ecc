"""The one place CyberPol is wired: settings, database engine, units of work."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from cyberpol.config import Settings
from cyberpol.domain.freeze import FreezePolicy
from cyberpol.domain.reports import ReportLimits
from cyberpol.services.clock import Clock, utcnow
from cyberpol.store.database import make_engine, upgrade
from cyberpol.store.unit_of_work import SqlUnitOfWork


@dataclass
class Runtime:
    """Everything an entrypoint needs; build it with ``bootstrap()``."""

    settings: Settings
    engine: Engine
    card_secret: bytes
    clock: Clock = utcnow  # tests put a ManualClock here to move deadlines past

    def uow(self) -> SqlUnitOfWork:
        """A fresh unit of work: one per request or command, never shared between threads."""
        return SqlUnitOfWork(self.engine)

    @property
    def report_limits(self) -> ReportLimits:
        s = self.settings
        return ReportLimits(s.max_text_chars, s.max_attachments, s.max_attachment_bytes)

    @property
    def freeze_policy(self) -> FreezePolicy:
        return FreezePolicy(answer_hours=self.settings.freeze_answer_hours)


def bootstrap(settings: Settings | None = None, *, upgrade_schema: bool = True) -> Runtime:
    """Read settings, open the database and bring its schema up to date."""
    settings = settings or Settings()
    engine = make_engine(settings.resolved_database_url)
    if upgrade_schema:
        upgrade(engine)
    return Runtime(settings=settings, engine=engine, card_secret=settings.secret_bytes())
