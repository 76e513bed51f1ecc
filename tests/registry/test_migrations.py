"""Migrations 0003 and 0004 back-fill sightings and reporters from existing reports."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from cyberpol import migrations
from cyberpol.platform.db.engine import make_engine, upgrade


def test_sightings_are_backfilled_from_existing_reports(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, migrations.LOCATION, "0002_freeze")
    at = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
    with engine.begin() as db:
        db.execute(
            text(
                "INSERT INTO indicators (id, kind, value, key, status, attributes, categories, "
                "report_count, source, first_seen, last_seen, updated_at) VALUES (7, 'phone', "
                "'+77015551234', 'phone:+77015551234', 'reported', '{}', '[]', 1, 'report', "
                ":at, :at, :at)"
            ),
            {"at": at},
        )
        for report, region in (("R1", "almaty_city"), ("R2", None)):
            db.execute(
                text(
                    "INSERT INTO reports (id, created_at, channel, category, region, currency, "
                    "text, reporter_fingerprint) VALUES (:id, :at, 'api', 'fake_bank_call', "
                    ":region, 'KZT', 'text', :fp)"
                ),
                {"id": report, "at": at, "region": region, "fp": f"fp-{report}"},
            )
            db.execute(
                text("INSERT INTO report_indicators (report_id, indicator_id) VALUES (:r, 7)"),
                {"r": report},
            )
    upgrade(engine, migrations.LOCATION)
    with engine.connect() as db:
        rows = db.execute(
            text(
                "SELECT report_id, reporter_fingerprint, category, region, reported_at "
                "FROM report_indicators ORDER BY report_id"
            )
        ).all()
    engine.dispose()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("R1", "fp-R1", "fake_bank_call", "almaty_city"),
        ("R2", "fp-R2", "fake_bank_call", None),
    ]
    assert all(r[4] is not None for r in rows)


def test_reporters_are_backfilled_and_counts_set_from_them(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, migrations.LOCATION, "0003_sightings")
    at = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
    with engine.begin() as db:
        for indicator_id, count in ((7, 1), (8, 0)):  # 7's count was lost by a race
            db.execute(
                text(
                    "INSERT INTO indicators (id, kind, value, key, status, attributes, "
                    "categories, report_count, source, first_seen, last_seen, updated_at) "
                    "VALUES (:id, 'phone', :value, :key, 'reported', '{}', '[]', :count, "
                    "'report', :at, :at, :at)"
                ),
                {
                    "id": indicator_id,
                    "value": f"+7701555123{indicator_id}",
                    "key": f"phone:+7701555123{indicator_id}",
                    "count": count,
                    "at": at,
                },
            )
        for report, reporter in (("R1", "fp-a"), ("R2", "fp-a"), ("R3", "fp-b")):
            db.execute(
                text(
                    "INSERT INTO reports (id, created_at, channel, category, currency, text, "
                    "reporter_fingerprint) VALUES (:id, :at, 'api', 'romance', 'KZT', 't', :fp)"
                ),
                {"id": report, "at": at, "fp": reporter},
            )
            db.execute(
                text(
                    "INSERT INTO report_indicators (report_id, indicator_id, "
                    "reporter_fingerprint, category, reported_at) VALUES (:r, 7, :fp, "
                    "'romance', :at)"
                ),
                {"r": report, "fp": reporter, "at": at},
            )
    upgrade(engine, migrations.LOCATION)
    with engine.connect() as db:
        reporters = db.execute(
            text("SELECT indicator_id, reporter_fingerprint FROM indicator_reporters ORDER BY 2")
        ).all()
        counts = db.execute(text("SELECT id, report_count FROM indicators ORDER BY id")).all()
    engine.dispose()
    assert [tuple(r) for r in reporters] == [(7, "fp-a"), (7, "fp-b")]
    assert [tuple(c) for c in counts] == [(7, 2), (8, 0)]
