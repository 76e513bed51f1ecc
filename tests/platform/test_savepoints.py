"""A use case that fails after a nested (savepoint) insert leaves nothing behind on SQLite:
Python's sqlite3 would otherwise let the savepoint's release commit the insert."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select

from cyberpol.platform.db.engine import make_engine


def test_a_rolled_back_transaction_takes_its_savepoints_with_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    rows = Table("rows", MetaData(), Column("id", Integer, primary_key=True))
    rows.metadata.create_all(engine)
    with engine.connect() as connection:
        connection.begin()
        connection.execute(select(func.count()).select_from(rows))  # a read comes first
        with connection.begin_nested():
            connection.execute(insert(rows).values(id=1))
        connection.rollback()
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(rows)).scalar_one() == 0
    with engine.connect() as connection:
        connection.begin()
        with connection.begin_nested():
            connection.execute(insert(rows).values(id=2))
        connection.commit()
    with engine.connect() as connection:
        assert connection.execute(select(rows.c.id)).scalars().all() == [2]
    engine.dispose()
