"""Progress of resumable bulk imports, saved in the transaction of the rows it counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Integer,
    String,
    Table,
    UniqueConstraint,
    select,
    update,
)

from cyberpol.platform.db.masked import MaskedString
from cyberpol.platform.db.metadata import ID, metadata
from cyberpol.platform.imports import ResumePoint

import_runs = Table(
    "import_runs",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False),
    Column("what", String(16), nullable=False),
    Column("source", MaskedString(1000), nullable=False),
    Column("rows_done", Integer, nullable=False),
    Column("rows_loaded", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
    Column("finished", Boolean, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("digest", "what", name="uq_import_runs_digest_what"),
)


class SqlImportProgress:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def resume_point(self, *, digest: str, what: str) -> ResumePoint | None:
        row = self._db.execute(
            select(import_runs).where(import_runs.c.digest == digest, import_runs.c.what == what)
        ).first()
        if row is None:
            return None
        return ResumePoint(row.rows_done, row.rows_loaded, row.rows_rejected, row.finished)

    def save(
        self,
        *,
        digest: str,
        what: str,
        source: str,
        rows_done: int,
        rows_loaded: int,
        rows_rejected: int,
        finished: bool,
        now: datetime,
    ) -> None:
        values = {
            "rows_done": rows_done,
            "rows_loaded": rows_loaded,
            "rows_rejected": rows_rejected,
            "finished": finished,
            "updated_at": now,
            "source": source,
        }
        result = self._db.execute(
            update(import_runs)
            .where(import_runs.c.digest == digest, import_runs.c.what == what)
            .values(**values)
        )
        if result.rowcount == 0:
            self._db.execute(
                import_runs.insert().values(digest=digest, what=what, started_at=now, **values)
            )
