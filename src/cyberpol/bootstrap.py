"""The one place CyberPol is wired: settings, database, units of work and every service.

Each capability's use cases are bound here once, to a unit of work over exactly the
repositories they need, the clock and the secrets; front doors then ask for the service
by its class and pass only what the caller sent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast

from pydantic import ValidationError
from sqlalchemy import Connection, Engine

from cyberpol import migrations
from cyberpol.accounts.service import AccountService
from cyberpol.accounts.store import SqlUserRepository
from cyberpol.cases.service import CaseService
from cyberpol.cases.store import SqlCaseRepository
from cyberpol.config import Settings
from cyberpol.feeds.service import FeedService
from cyberpol.feeds.store.subscriptions import SqlSubscriptionRepository
from cyberpol.freeze.domain.requests import FreezePolicy
from cyberpol.freeze.service import FreezeService
from cyberpol.freeze.store.repository import SqlBankRepository, SqlFreezeRepository
from cyberpol.kernel.clock import Clock, utcnow
from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.service import MoneyTrailService
from cyberpol.monitoring.service import MonitoringService
from cyberpol.monitoring.store.queue import SqlResourceRepository, SqlTakedownRepository
from cyberpol.mules.service import MuleService
from cyberpol.platform.db.audit import SqlAuditLog
from cyberpol.platform.db.engine import make_engine, upgrade
from cyberpol.platform.db.imports import SqlImportProgress
from cyberpol.platform.db.unit_of_work import SqlUnitOfWork
from cyberpol.platform.ratelimit import RateLimits
from cyberpol.platform.sealing import Sealer
from cyberpol.registry.service import RegistryService
from cyberpol.registry.store.repository import SqlIndicatorRepository
from cyberpol.reports.domain import ReportLimits
from cyberpol.reports.service import ReportService
from cyberpol.reports.store import SqlReportRepository
from cyberpol.reports.store.appeals import SqlAppealRepository
from cyberpol.reports.store.updates import SqlUpdateRepository
from cyberpol.stats.service import StatsService
from cyberpol.telecom.service import TelecomService
from cyberpol.telecom.store.blocks import SqlBlockRequestRepository
from cyberpol.telecom.store.call_store import CallStore
from cyberpol.telecom.store.operators import (
    SqlCallBlockRepository,
    SqlOperatorRepository,
    SqlProtectedNumberRepository,
)

if TYPE_CHECKING:  # numpy, DuckDB and LightGBM load only for the commands that use them
    from cyberpol.money_trail.store.exchange import TransferExchange
    from cyberpol.mules.store.desk import MuleDesk

T = TypeVar("T")


class SqlAuditUnitOfWork(SqlUnitOfWork):
    def _open(self, connection: Connection) -> None:
        self.audit = SqlAuditLog(connection)


class SqlRegistryUnitOfWork(SqlAuditUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.indicators = SqlIndicatorRepository(connection)
        self.imports = SqlImportProgress(connection)


class SqlReportsUnitOfWork(SqlRegistryUnitOfWork):
    def __init__(self, engine: Engine, sealer: Sealer) -> None:
        super().__init__(engine)
        self._sealer = sealer

    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.reports = SqlReportRepository(connection, self._sealer)
        self.appeals = SqlAppealRepository(connection, self._sealer)
        self.updates = SqlUpdateRepository(connection)


class SqlAccountsUnitOfWork(SqlAuditUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.users = SqlUserRepository(connection)


class SqlFreezeUnitOfWork(SqlAccountsUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.freeze = SqlFreezeRepository(connection)
        self.banks = SqlBankRepository(connection)


class SqlTelecomUnitOfWork(SqlAccountsUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.operators = SqlOperatorRepository(connection)
        self.protected = SqlProtectedNumberRepository(connection)
        self.call_blocks = SqlCallBlockRepository(connection)
        self.blocks = SqlBlockRequestRepository(connection)


class SqlMonitoringUnitOfWork(SqlAccountsUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.resources = SqlResourceRepository(connection)
        self.takedowns = SqlTakedownRepository(connection)


class SqlFeedsUnitOfWork(SqlAccountsUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.subscriptions = SqlSubscriptionRepository(connection)


class SqlCasesUnitOfWork(SqlAuditUnitOfWork):
    def __init__(self, engine: Engine, sealer: Sealer) -> None:
        super().__init__(engine)
        self._sealer = sealer

    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.cases = SqlCaseRepository(connection, self._sealer)


class SqlMulesUnitOfWork(SqlAuditUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.indicators = SqlIndicatorRepository(connection)


@dataclass
class Runtime:
    """Everything an entrypoint needs; build it with ``bootstrap()``."""

    settings: Settings
    engine: Engine
    card_secret: bytes
    rate_limits: RateLimits
    contact_sealer: Sealer
    clock: Clock = utcnow
    _exchange: TransferExchange | None = field(default=None, repr=False)
    _exchange_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _calls: CallStore | None = field(default=None, repr=False)

    def exchange(self) -> TransferExchange:
        """The transfer store under the data directory, opened on first use.

        Opened lazily because DuckDB lets one process hold the file: commands that never
        touch transfers must not lock out a running server.
        """
        from cyberpol.money_trail.store.exchange import TransferExchange
        from cyberpol.money_trail.store.transfer_store import TransferStore

        with self._exchange_lock:
            if self._exchange is None:
                data_dir = self.settings.data_dir
                self._exchange = TransferExchange(
                    TransferStore(data_dir / "transfers.duckdb"),
                    card_secret=self.card_secret,
                    index_folder=data_dir / "trace_index",
                    iban_banks=self.settings.iban_bank_overrides,
                )
            return self._exchange

    def close_exchange(self) -> None:
        """Let go of the DuckDB files, transfers and calls (opened again on next use)."""
        with self._exchange_lock:
            if self._exchange is not None:
                self._exchange.store.close()
                self._exchange = None
            if self._calls is not None:
                self._calls.close()
                self._calls = None

    def mule_desk(self) -> MuleDesk:
        """Drop detection over the same transfer store; models under ``<data dir>/models``."""
        from cyberpol.mules.store.desk import MuleDesk

        return MuleDesk(
            self.exchange().store,
            models=self.settings.data_dir / "models",
            spark_master=self.settings.spark_master,
        )

    @property
    def report_limits(self) -> ReportLimits:
        s = self.settings
        return ReportLimits(s.max_text_chars, s.max_attachments, s.max_attachment_bytes)

    @property
    def freeze_policy(self) -> FreezePolicy:
        return FreezePolicy(answer_hours=self.settings.freeze_answer_hours)

    # Each service is bound once; the clock is read through the runtime so a test's
    # ManualClock moves every deadline at once.
    def _now(self) -> Clock:
        return lambda: self.clock()

    @cached_property
    def registry(self) -> RegistryService:
        """Checks, indicators and known-bad imports."""
        return RegistryService(
            uow=lambda: SqlRegistryUnitOfWork(self.engine),
            clock=self._now(),
            card_secret=self.card_secret,
            max_batch=self.settings.max_batch,
            changed=self._caller_lists_changed,
        )

    def _caller_lists_changed(self) -> None:
        if "telecom" in self.__dict__:  # nothing holds the lists before telecom is built
            self.telecom.caller_lists_changed()

    @cached_property
    def cases(self) -> CaseService:
        """Criminal cases, built on reports (and, for their money, on freeze requests)."""
        return CaseService(
            uow=lambda: SqlCasesUnitOfWork(self.engine, self.contact_sealer),
            clock=self._now(),
            reports=self.reports,
        )

    @cached_property
    def reports(self) -> ReportService:
        """Citizen reports from every front door."""
        return ReportService(
            uow=lambda: SqlReportsUnitOfWork(self.engine, self.contact_sealer),
            clock=self._now(),
            card_secret=self.card_secret,
            limits=self.report_limits,
        )

    @cached_property
    def accounts(self) -> AccountService:
        """Users, tokens and the audit trail."""
        return AccountService(
            uow=lambda: SqlAccountsUnitOfWork(self.engine),
            clock=self._now(),
            sealer=self.contact_sealer,
        )

    @cached_property
    def money_trail(self) -> MoneyTrailService:
        """Transfers in, traces out."""
        from cyberpol.money_trail.store.inbox import TransferInbox

        return MoneyTrailService(
            exchange=self.exchange,
            uow=lambda: SqlAuditUnitOfWork(self.engine),
            clock=self._now(),
            handover=TransferInbox(self.settings.data_dir / "inbox"),
        )

    @cached_property
    def mules(self) -> MuleService:
        """Drop scores, verdicts and models."""
        return MuleService(
            desk=self.mule_desk, uow=lambda: SqlMulesUnitOfWork(self.engine), clock=self._now()
        )

    @cached_property
    def freeze(self) -> FreezeService:
        """Banks and freeze requests, and freezing from a trace."""
        return FreezeService(
            uow=lambda: SqlFreezeUnitOfWork(self.engine),
            clock=self._now(),
            card_secret=self.card_secret,
            policy=self.freeze_policy,
            trail=self.money_trail,
        )

    def call_store(self) -> CallStore:
        """The call-record store under the data directory, opened on first use (as the
        transfer store is, for the same reason)."""
        with self._exchange_lock:
            if self._calls is None:
                self._calls = CallStore(
                    self.settings.data_dir / "calls.duckdb",
                    spark_master=self.settings.spark_master,
                    models=self.settings.data_dir / "models",
                )
            return self._calls

    @cached_property
    def telecom(self) -> TelecomService:
        """Mobile operators and their call records."""
        return TelecomService(
            uow=lambda: SqlTelecomUnitOfWork(self.engine),
            clock=self._now(),
            calls=self.call_store,
            registry=self.registry,
            holder_secret=self.card_secret,  # the hash is domain-separated ("holder:")
        )

    @cached_property
    def monitoring(self) -> MonitoringService:
        """Lookalike domains and the monitoring queue."""
        from cyberpol.monitoring.store.ads import AdStore
        from cyberpol.monitoring.store.brands import load_brands
        from cyberpol.monitoring.store.text_model import load_text_model

        return MonitoringService(
            uow=lambda: SqlMonitoringUnitOfWork(self.engine),
            brands=lambda: load_brands(self.settings.brands_file),
            clock=self._now(),
            registry=self.registry,
            ads=lambda: AdStore(self.settings.data_dir / "ads"),
            text_model=load_text_model,
        )

    @cached_property
    def feeds(self) -> FeedService:
        """Block lists and indicator feeds for subscribed partners, and partners' feeds in."""
        return FeedService(
            uow=lambda: SqlFeedsUnitOfWork(self.engine),
            clock=self._now(),
            monitoring=self.monitoring,
            registry=self.registry,
        )

    @cached_property
    def stats(self) -> StatsService:
        """The unit's figures, from every capability's own."""
        return StatsService(
            reports=self.reports,
            registry=self.registry,
            cases=self.cases,
            freeze=self.freeze,
            telecom=self.telecom,
            monitoring=self.monitoring,
        )

    def services(self) -> dict[type, object]:
        """Each capability's bound service by its class, for the front doors to ask for."""
        bound: list[object] = [
            self.registry,
            self.reports,
            self.accounts,
            self.money_trail,
            self.mules,
            self.freeze,
            self.telecom,
            self.cases,
            self.monitoring,
            self.feeds,
            self.stats,
        ]
        return {type(s): s for s in bound}

    def service(self, kind: type[T]) -> T:
        """The bound service of class ``kind``."""
        return cast(T, self.services()[kind])


def load_settings() -> Settings:
    """Settings from the environment; a bad value is an InvalidInput naming the setting."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(str(e["msg"]) for e in exc.errors())
        raise InvalidInput(f"Settings are not valid: {problems}") from None


def bootstrap(
    settings: Settings | None = None, *, upgrade_schema: bool = True, clock: Clock = utcnow
) -> Runtime:
    """Read settings, open the database and bring its schema up to date."""
    settings = settings or load_settings()
    engine = make_engine(settings.resolved_database_url)
    if upgrade_schema:
        upgrade(engine, migrations.LOCATION)
    limits = RateLimits.per_minute(
        checks=settings.public_check_rate,
        reports=settings.public_report_rate,
        batches=settings.batch_rate,
        user_checks=settings.token_check_rate,
        user_reports=settings.token_report_rate,
    )
    return Runtime(
        settings=settings,
        engine=engine,
        card_secret=settings.secret_bytes(),
        rate_limits=limits,
        contact_sealer=Sealer(settings.contact_key_bytes()),
        clock=clock,
    )
