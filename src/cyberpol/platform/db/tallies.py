"""Tally tables: counts kept by month (in Kazakhstan), region and scheme as records are
written, so the statistics read a few thousand rows instead of grouping every record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

from cyberpol.kernel.clock import month_in_kazakhstan
from cyberpol.kernel.figures import FigureFilter


def add_to_tally(
    db: Connection, table: Table, key: dict[str, Any], column: str, amount: Any
) -> None:
    """Add ``amount`` to the row under ``key`` (made when missing) in one statement, so two
    transactions counting into one row at once both count."""
    insert = postgresql.insert if db.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values({**key, column: amount})
    db.execute(
        statement.on_conflict_do_update(
            index_elements=list(key), set_={column: table.c[column] + amount}
        )
    )


def tally_where(table: Table, filters: FigureFilter) -> list[ColumnElement[bool]]:
    """The rows of a tally table (``month``, ``region``, ``category``) the filters ask for."""
    t = table.c
    conditions: list[ColumnElement[bool]] = []
    if filters.since:
        conditions.append(t.month >= month_in_kazakhstan(filters.since))
    if filters.until:
        conditions.append(t.month < month_in_kazakhstan(filters.until))
    if filters.region:
        conditions.append(t.region == filters.region)
    if filters.category:
        conditions.append(t.category == filters.category)
    return conditions
