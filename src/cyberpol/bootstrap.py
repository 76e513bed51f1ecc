"""The one place CyberPol is wired: settings, database engine, units of work."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from sqlalchemy import Connection, Engine

from cyberpol import migrations
from cyberpol.accounts.service import authenticate
from cyberpol.accounts.store import SqlUserRepository
from cyberpol.config import Settings
from cyberpol.freeze.domain.requests import FreezePolicy
from cyberpol.freeze.service import FreezeService
from cyberpol.freeze.store.repository import SqlBankRepository, SqlFreezeRepository
from cyberpol.kernel.access import Actor
from cyberpol.kernel.clock import Clock, utcnow
from cyberpol.platform.db.audit import SqlAuditLog
from cyberpol.platform.db.engine import make_engine, upgrade
from cyberpol.platform.db.imports import SqlImportProgress
from cyberpol.platform.db.unit_of_work import SqlUnitOfWork
from cyberpol.platform.ratelimit import RateLimits
from cyberpol.registry.service import RegistryService
from cyberpol.registry.store.repository import SqlIndicatorRepository
from cyberpol.reports.domain import ReportLimits
from cyberpol.reports.service import ReportService
from cyberpol.reports.store import SqlReportRepository

if TYPE_CHECKING:  # numpy, DuckDB and LightGBM load only for the commands that use them
    from cyberpol.money_trail.store.exchange import TransferExchange
    from cyberpol.mules.store.desk import MuleDesk

T = TypeVar("T")


class SqlRegistryUnitOfWork(SqlUnitOfWork):
    def _open(self, connection: Connection) -> None:
        self.indicators = SqlIndicatorRepository(connection)
        self.audit = SqlAuditLog(connection)
        self.imports = SqlImportProgress(connection)


class SqlReportsUnitOfWork(SqlRegistryUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.reports = SqlReportRepository(connection)


class SqlAccountsUnitOfWork(SqlUnitOfWork):
    def _open(self, connection: Connection) -> None:
        self.users = SqlUserRepository(connection)
        self.audit = SqlAuditLog(connection)


class SqlFreezeUnitOfWork(SqlAccountsUnitOfWork):
    def _open(self, connection: Connection) -> None:
        super()._open(connection)
        self.freeze = SqlFreezeRepository(connection)
        self.banks = SqlBankRepository(connection)


class SqlMulesUnitOfWork(SqlUnitOfWork):
    def _open(self, connection: Connection) -> None:
        self.indicators = SqlIndicatorRepository(connection)
        self.audit = SqlAuditLog(connection)


class SqlAuditUnitOfWork(SqlUnitOfWork):
    def _open(self, connection: Connection) -> None:
        self.audit = SqlAuditLog(connection)


class _WholeUnitOfWork(SqlUnitOfWork):
    def _open(self, connection: Connection) -> None:
        self.indicators = SqlIndicatorRepository(connection)
        self.reports = SqlReportRepository(connection)
        self.audit = SqlAuditLog(connection)
        self.users = SqlUserRepository(connection)
        self.imports = SqlImportProgress(connection)
        self.banks = SqlBankRepository(connection)
        self.freeze = SqlFreezeRepository(connection)


@dataclass
class Runtime:
    """Everything an entrypoint needs; build it with ``bootstrap()``."""

    settings: Settings
    engine: Engine
    card_secret: bytes
    rate_limits: RateLimits
    clock: Clock = utcnow
    _exchange: TransferExchange | None = field(default=None, repr=False)
    _exchange_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

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
                )
            return self._exchange

    def close_exchange(self) -> None:
        """Let go of the transfer store file (it is opened again on next use)."""
        with self._exchange_lock:
            if self._exchange is not None:
                self._exchange.store.close()
                self._exchange = None

    def mules(self) -> MuleDesk:
        """Drop detection over the same transfer store; models under ``<data dir>/models``."""
        from cyberpol.mules.store.desk import MuleDesk

        return MuleDesk(
            self.exchange().store,
            models=self.settings.data_dir / "models",
            spark_master=self.settings.spark_master,
        )

    @property
    def registry(self) -> RegistryService:
        """Checks, indicators and known-bad imports."""
        return RegistryService(
            uow=lambda: SqlRegistryUnitOfWork(self.engine),
            clock=self.clock,
            card_secret=self.card_secret,
            max_batch=self.settings.max_batch,
        )

    @property
    def reports(self) -> ReportService:
        """Citizen reports from every front door."""
        return ReportService(
            uow=lambda: SqlReportsUnitOfWork(self.engine),
            clock=self.clock,
            card_secret=self.card_secret,
            limits=self.report_limits,
        )

    @property
    def freeze(self) -> FreezeService:
        """Banks and freeze requests."""
        return FreezeService(
            uow=lambda: SqlFreezeUnitOfWork(self.engine),
            clock=self.clock,
            card_secret=self.card_secret,
            policy=self.freeze_policy,
        )

    def services(self) -> dict[type, object]:
        """Each capability's bound service by its class, for the front doors to ask for."""
        bound: list[object] = [self.registry, self.reports, self.freeze]
        return {type(s): s for s in bound}

    def service(self, kind: type[T]) -> T:
        """The bound service of class ``kind``."""
        return cast(T, self.services()[kind])

    def authenticate(self, token: str) -> Actor:
        """The actor a bearer token belongs to."""
        return authenticate(uow=SqlAccountsUnitOfWork(self.engine), token=token)

    def uow(self) -> _WholeUnitOfWork:
        """A fresh unit of work: one per request or command, never shared between threads."""
        return _WholeUnitOfWork(self.engine)

    @property
    def report_limits(self) -> ReportLimits:
        s = self.settings
        return ReportLimits(s.max_text_chars, s.max_attachments, s.max_attachment_bytes)

    @property
    def freeze_policy(self) -> FreezePolicy:
        return FreezePolicy(answer_hours=self.settings.freeze_answer_hours)


def bootstrap(
    settings: Settings | None = None, *, upgrade_schema: bool = True, clock: Clock = utcnow
) -> Runtime:
    """Read settings, open the database and bring its schema up to date."""
    settings = settings or Settings()
    engine = make_engine(settings.resolved_database_url)
    if upgrade_schema:
        upgrade(engine, migrations.LOCATION)
    limits = RateLimits.per_minute(
        checks=settings.public_check_rate,
        reports=settings.public_report_rate,
        batches=settings.batch_rate,
    )
    return Runtime(
        settings=settings,
        engine=engine,
        card_secret=settings.secret_bytes(),
        rate_limits=limits,
        clock=clock,
    )
