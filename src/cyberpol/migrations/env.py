"""Alembic environment: runs on the connection `cyberpol.platform.db.engine.upgrade` hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from cyberpol.migrations import schema

config = context.config
connection = config.attributes.get("connection")


def _run(conn: Connection) -> None:
    context.configure(connection=conn, target_metadata=schema(), render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("alembic: set sqlalchemy.url or run through cyberpol db upgrade")
    with create_engine(url).connect() as conn:
        _run(conn)
