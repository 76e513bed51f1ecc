"""One database transaction spanning every repository."""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from cyberpol.store.accounts import SqlAuditLog, SqlImportProgress, SqlUserRepository
from cyberpol.store.freeze_repository import SqlBankRepository, SqlFreezeRepository
from cyberpol.store.indicator_repository import SqlIndicatorRepository
from cyberpol.store.report_repository import SqlReportRepository


class SqlUnitOfWork:
    """Use as ``with uow: ...; uow.commit()``; leaving without commit rolls everything back."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._depth = 0

    def __enter__(self) -> SqlUnitOfWork:
        # Re-entering (a use case calling another) joins the open transaction.
        if self._depth == 0:
            self._connection = self._engine.connect()
            self._connection.begin()
            self.indicators = SqlIndicatorRepository(self._connection)
            self.reports = SqlReportRepository(self._connection)
            self.audit = SqlAuditLog(self._connection)
            self.users = SqlUserRepository(self._connection)
            self.imports = SqlImportProgress(self._connection)
            self.banks = SqlBankRepository(self._connection)
            self.freeze = SqlFreezeRepository(self._connection)
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._connection is not None:
            self._connection.rollback()  # a no-op after commit()
            self._connection.close()
            self._connection = None

    def commit(self) -> None:
        if self._depth == 1 and self._connection is not None:
            self._connection.commit()
