"""The unit of work: one database transaction over the repositories a use case needs."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine


class SqlUnitOfWork:
    """Use as ``with uow: ...; uow.commit()``; leaving without commit rolls everything back.

    Subclasses build their repositories on the open connection in ``_open``.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._depth = 0

    def _open(self, connection: Connection) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        # Re-entering (a use case calling another) joins the open transaction.
        if self._depth == 0:
            self._connection = self._engine.connect()
            self._connection.begin()
            self._open(self._connection)
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._connection is not None:
            self._connection.rollback()  # a no-op after commit()
            self._connection.close()
            self._connection = None

    def commit(self) -> None:
        """Commit the outermost transaction (an inner ``with`` leaves it to its caller)."""
        if self._depth == 1 and self._connection is not None:
            self._connection.commit()
