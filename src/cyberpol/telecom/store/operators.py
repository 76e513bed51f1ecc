"""Operators and protected numbers in the transactional database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, select

from cyberpol.platform.db.sql import AnyRow, utc
from cyberpol.telecom.domain import Operator, ProtectedNumber
from cyberpol.telecom.tables import operators, protected_numbers


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


class SqlProtectedNumberRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, numbers: Sequence[str], *, label: str, by: str, at: datetime) -> int:
        p = protected_numbers.c
        known = {r.number for r in self._db.execute(select(p.number).where(p.number.in_(numbers)))}
        fresh = [n for n in dict.fromkeys(numbers) if n not in known]
        if fresh:
            self._db.execute(protected_numbers.insert(), [
                {"number": n, "label": label, "added_by": by, "added_at": at} for n in fresh
            ])  # fmt: skip
        return len(fresh)

    def remove(self, numbers: Sequence[str]) -> int:
        p = protected_numbers.c
        return int(
            self._db.execute(protected_numbers.delete().where(p.number.in_(numbers))).rowcount
        )

    def all(self) -> list[ProtectedNumber]:
        rows = self._db.execute(select(protected_numbers).order_by(protected_numbers.c.number))
        return [ProtectedNumber(r.number, r.label, r.added_by, utc(r.added_at)) for r in rows]


def _operator(row: AnyRow) -> Operator:
    return Operator(row.code, row.name, utc(row.created_at))
