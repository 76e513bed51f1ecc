"""Operators in the transactional database."""

from __future__ import annotations

from sqlalchemy import Connection, select

from cyberpol.platform.db.sql import AnyRow, utc
from cyberpol.telecom.domain import Operator
from cyberpol.telecom.tables import operators


class SqlOperatorRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, operator: Operator) -> None:
        self._db.execute(operators.insert().values(
            code=operator.code, name=operator.name, created_at=operator.created_at
        ))  # fmt: skip

    def get(self, code: str) -> Operator | None:
        row = self._db.execute(select(operators).where(operators.c.code == code)).first()
        return _operator(row) if row else None

    def all(self) -> list[Operator]:
        rows = self._db.execute(select(operators).order_by(operators.c.code))
        return [_operator(row) for row in rows]


def _operator(row: AnyRow) -> Operator:
    return Operator(row.code, row.name, utc(row.created_at))
