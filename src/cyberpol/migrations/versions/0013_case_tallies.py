"""The cases' figures counted by figure, month, region and scheme for the statistics,
backfilled from the cases, their events, victims and drops.

Revision ID: 0013_case_tallies
Revises: 0012_report_tallies
Create Date: 2026-12-03 12:00:00
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from cyberpol.platform.db.sql import kz_month

revision = "0013_case_tallies"
down_revision = "0012_report_tallies"
branch_labels = None
depends_on = None

# The tables as they stand at this revision (the app's own may change later).
cases = sa.table(
    "cases",
    sa.column("id", sa.Integer()),
    sa.column("opened_at", sa.DateTime(timezone=True)),
    sa.column("region", sa.String()),
    sa.column("category", sa.String()),
)
events = sa.table(
    "case_events",
    sa.column("case_id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("to_state", sa.String()),
    sa.column("ground", sa.String()),
)
parties = sa.table(
    "case_parties",
    sa.column("case_id", sa.Integer()),
    sa.column("role", sa.String()),
    sa.column("loss", sa.Numeric(18, 2)),
    sa.column("pensioner", sa.Boolean()),
)
links = sa.table(
    "case_links",
    sa.column("case_id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("added_at", sa.DateTime(timezone=True)),
)


def _insert(tallies: sa.Table, figure: str, moment: Any, source: Any, value: Any) -> None:
    month = kz_month(moment)
    region = sa.func.coalesce(cases.c.region, "")
    query = (
        source.add_columns(sa.literal(figure), month, region, cases.c.category, value)
        .group_by(month, region, cases.c.category)
        .having(value != 0)
    )
    columns = ["figure", "month", "region", "category", "value"]
    op.get_bind().execute(tallies.insert().from_select(columns, query))


def upgrade() -> None:
    tallies = op.create_table(
        "case_tallies",
        sa.Column("figure", sa.String(length=32), primary_key=True),
        sa.Column("month", sa.String(length=7), primary_key=True),
        sa.Column("region", sa.String(length=32), primary_key=True),
        sa.Column("category", sa.String(length=32), primary_key=True),
        sa.Column("value", sa.Numeric(precision=18, scale=2), nullable=False),
    )
    assert tallies is not None
    _insert(tallies, "cases_registered", cases.c.opened_at, sa.select().select_from(cases),
            sa.func.count())  # fmt: skip
    decided = sa.select().select_from(events.join(cases, cases.c.id == events.c.case_id))
    for figure, state, ground in (
        ("sent_to_court", "sent_to_court", None),
        ("closed_rehabilitating", "closed", "rehabilitating"),
        ("closed_non_rehabilitating", "closed", "non_rehabilitating"),
    ):
        where = decided.where(events.c.to_state == state, events.c.ground.is_(None)
                              if ground is None else events.c.ground == ground)  # fmt: skip
        _insert(tallies, figure, events.c.at, where, sa.func.count(events.c.case_id.distinct()))
    victims = (
        sa.select()
        .select_from(parties.join(cases, cases.c.id == parties.c.case_id))
        .where(parties.c.role == "victim")
    )
    _insert(tallies, "damage", cases.c.opened_at, victims, sa.func.sum(parties.c.loss))
    pensioners = sa.func.sum(sa.cast(parties.c.pensioner, sa.Integer()))
    _insert(tallies, "pensioner_victims", cases.c.opened_at, victims, pensioners)
    drops = (
        sa.select()
        .select_from(links.join(cases, cases.c.id == links.c.case_id))
        .where(links.c.kind == "drop_account")
    )
    _insert(tallies, "drops_identified", links.c.added_at, drops, sa.func.count())


def downgrade() -> None:
    op.drop_table("case_tallies")
