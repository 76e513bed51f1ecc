"""Operators and protected numbers in the transactional database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from sqlalchemy import Connection, func, select

from cyberpol.platform.db.sql import AnyRow, utc
from cyberpol.platform.db.tallies import add_to_tally
from cyberpol.telecom.domain.records import Operator, ProtectedNumber
from cyberpol.telecom.domain.verdicts import BlockedAttempt, BlockTally, VerdictReason
from cyberpol.telecom.tables import call_blocks, operators, protected_numbers


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


class SqlCallBlockRepository:
    """Blocked calls counted per day, operator and reason."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, operator: str, counts: Mapping[BlockedAttempt, int]) -> None:
        # Sorted: two requests counting into the same rows take their locks in one order.
        for key in sorted(counts, key=lambda k: (k.day, k.reason)):
            add_to_tally(self._db, call_blocks,
                         {"day": key.day, "operator": operator, "reason": key.reason.value},
                         "attempts", counts[key])  # fmt: skip

    def tallies(
        self, *, since: date | None, until: date | None, operator: str | None
    ) -> list[BlockTally]:
        b = call_blocks.c
        query = select(b.day, b.operator, b.reason, b.attempts)
        if since:
            query = query.where(b.day >= since)
        if until:
            query = query.where(b.day < until)
        if operator:
            query = query.where(b.operator == operator)
        rows = self._db.execute(query.order_by(b.day, b.operator, b.reason))
        return [BlockTally(r.day, r.operator, VerdictReason(r.reason), int(r.attempts))
                for r in rows]  # fmt: skip


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

    def numbers(self) -> set[str]:
        return set(self._db.execute(select(protected_numbers.c.number)).scalars())

    def stamp(self) -> str:
        p = protected_numbers.c
        count, newest = self._db.execute(select(func.count(), func.max(p.added_at))).one()
        return f"{count}:{newest}"

    def all(self) -> list[ProtectedNumber]:
        rows = self._db.execute(select(protected_numbers).order_by(protected_numbers.c.number))
        return [ProtectedNumber(r.number, r.label, r.added_by, utc(r.added_at)) for r in rows]


def _operator(row: AnyRow) -> Operator:
    return Operator(row.code, row.name, utc(row.created_at))
