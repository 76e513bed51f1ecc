"""Migration 0008 moves files already stored with reports into the evidence store, once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from cyberpol.platform.db.engine import upgrade
from cyberpol.reports.store import SqlReportRepository

MIGRATIONS = Path(__file__).resolve().parents[2] / "src" / "cyberpol" / "migrations"


def test_files_stored_before_move_into_evidence_once(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, MIGRATIONS, "0007_outbox")
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    with engine.begin() as db:
        for report in ("R20261120-AAAAAAAA", "R20261120-BBBBBBBB"):
            db.execute(
                text(
                    "INSERT INTO reports (id, created_at, channel, category, currency, text, "
                    "reporter_fingerprint) VALUES (:id, :at, 'web', 'other', 'KZT', 'x', 'f')"
                ),
                {"id": report, "at": when},
            )
            db.execute(
                text(
                    "INSERT INTO attachments (report_id, filename, content_type, size, sha256, "
                    "content) VALUES (:id, 'a.pdf', 'application/pdf', 9, 'abc', :content)"
                ),
                {"id": report, "content": b"%PDF-1.4\n"},
            )
    upgrade(engine, MIGRATIONS)
    with engine.begin() as db:
        assert db.execute(text("SELECT count(*) FROM evidence_files")).scalar_one() == 1
        assert db.execute(text("SELECT count(content) FROM attachments")).scalar_one() == 0
        assert db.execute(text("SELECT received_at FROM attachments")).first() is not None
        found = SqlReportRepository(db, sealer=None).attachment(  # type: ignore[arg-type]
            "R20261120-BBBBBBBB", 2
        )
    assert found is not None
    assert found[1] == b"%PDF-1.4\n"
    engine.dispose()
