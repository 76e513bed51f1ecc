"""Reporters' contacts are sealed (encrypted) at rest: the column holds the longer sealed form.

PostgreSQL changes the column's type in place. SQLite does not enforce a VARCHAR's length,
and rebuilding the reports table there would cascade-delete its attachments and sightings,
so SQLite keeps the column as it is. Contacts stored before this revision stay readable
(the store opens only sealed values) until they are rewritten.

Revision ID: 0005_contact_sealing
Revises: 0003_sightings
Create Date: 2026-12-04 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_contact_sealing"
down_revision = "0004_indicator_reporters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("reports", "contact", existing_type=sa.String(length=320), type_=sa.Text())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("reports", "contact", existing_type=sa.Text(), type_=sa.String(length=320))
